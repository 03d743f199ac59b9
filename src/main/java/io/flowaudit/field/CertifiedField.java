package io.flowaudit.field;

import java.util.Map;

/** A vector field that carries certified constants and can describe itself in a counterexample. */
public interface CertifiedField extends VectorField {

    Certificate certificate();

    /** The family this instance belongs to, e.g. {@code mlp-tanh}. */
    String family();

    /** Every parameter needed to rebuild the instance (weights as nested lists), in a stable order. */
    Map<String, Object> parameters();
}
