package io.flowaudit.field;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.math3.RealFieldElement;

/**
 * A field whose constants are stated by an auditor rather than certified by construction: a formula
 * system audited against a claim. The constants are taken as given; the report says so.
 */
public final class StatedField implements CertifiedField {

    private final VectorField field;
    private final Certificate certificate;
    private final String description;

    public StatedField(VectorField field, Certificate certificate, String description) {
        this.field = field;
        this.certificate = certificate;
        this.description = description;
    }

    @Override
    public int dimension() {
        return field.dimension();
    }

    @Override
    public <T extends RealFieldElement<T>> T[] evaluate(T t, T[] x) {
        return field.evaluate(t, x);
    }

    @Override
    public void evaluate(double t, double[] x, double[] out) {
        field.evaluate(t, x, out);
    }

    @Override
    public java.util.List<String> componentNames() {
        return field.componentNames();
    }

    @Override
    public Certificate certificate() {
        return certificate;
    }

    @Override
    public String family() {
        return "stated";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("system", description);
        parameters.put("constants (stated, not certified)", certificate.toString());
        return parameters;
    }
}
