package io.flowaudit.field;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.commons.math3.RealFieldElement;

/**
 * A field whose constants are stated by an auditor rather than certified by construction: a formula
 * system audited against a claim. The constants are tested against the field before any claim uses
 * them ({@link #statedConstants()}, computed once, when first asked); the report says they are stated
 * and how they were checked.
 */
public final class StatedField implements CertifiedField {

    private final VectorField field;
    private final Certificate certificate;
    private final String description;
    private final Supplier<StatedConstants> check;
    private StatedConstants checked;

    /** @param check tests the stated constants against the field; run once, on first use */
    public StatedField(VectorField field, Certificate certificate, String description, Supplier<StatedConstants> check) {
        this.field = field;
        this.certificate = certificate;
        this.description = description;
        this.check = check;
    }

    public synchronized StatedConstants statedConstants() {
        if (checked == null) {
            checked = check.get();
        }
        return checked;
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
    public List<String> componentNames() {
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
        parameters.put("constants (stated, not certified)", "K = " + certificate.lipschitz() + ", mu = "
                + certificate.oneSidedLipschitz() + ", M = " + certificate.bound() + ", K_t = "
                + certificate.timeLipschitz() + ", region " + certificate.region());
        return parameters;
    }
}
