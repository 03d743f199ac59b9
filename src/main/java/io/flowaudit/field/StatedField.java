package io.flowaudit.field;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.apache.commons.math3.RealFieldElement;

/**
 * A field whose constants are stated by an auditor rather than certified by construction: a formula
 * system audited against a claim. The constants are tested against the field before any claim uses
 * them ({@link #statedConstants()}, computed once, when first asked); the report says they are stated
 * and how they were checked. It starts from the one initial state its file gives.
 */
public final class StatedField implements CertifiedField {

    private final VectorField field;
    private final Certificate certificate;
    private final String description;
    private final double[] initial;
    private final Supplier<StatedConstants> check;
    private final DerivedConstants derived;
    private final WrittenConstants written;
    private StatedConstants checked;

    /**
     * @param initial the file's initial state
     * @param check   tests the stated constants against the field; run once, on first use
     * @param derived the constants proved on the stated region, when the claim asked to derive them, else null
     * @param written K, M and K_t as the file wrote them (the certificate holds their nearest doubles)
     */
    public StatedField(VectorField field, Certificate certificate, String description, double[] initial,
            Supplier<StatedConstants> check, DerivedConstants derived, WrittenConstants written) {
        this.field = field;
        this.certificate = certificate;
        this.description = description;
        this.initial = initial.clone();
        this.check = check;
        this.derived = derived;
        this.written = written;
    }

    @Override
    public WrittenConstants writtenConstants() {
        return written;
    }

    @Override
    public Optional<DerivedConstants> derivedConstants() {
        return Optional.ofNullable(derived);
    }

    @Override
    public synchronized Optional<StatedConstants> statedConstants() {
        if (checked == null) {
            checked = check.get();
        }
        return Optional.of(checked);
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
    public boolean roundsRelativeToItsState() {
        return field.roundsRelativeToItsState();
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

    /**
     * This field: stated constants hold where the auditor states them and cannot be derived for another
     * domain; {@link #statedConstants()} tests them, and the checks test that the solutions they compare
     * stay in the stated region.
     */
    @Override
    public CertifiedField certifiedFor(Domain domain) {
        return this;
    }

    /** The file's initial state, the only one a stated system starts from. */
    @Override
    public Arbitrary<double[]> initialStates(double radius) {
        if (!Region.ball(radius).contains(initial)) {
            throw new IllegalArgumentException("the initial state of " + description + " has norm "
                    + Region.euclideanNorm(initial) + ", beyond " + radius);
        }
        return Arbitraries.just(initial.clone());
    }

    @Override
    public String family() {
        return "stated";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("system", description);
        String constants = derived == null ? "constants (stated, not certified)"
                : "constants (stated or proved on the region)";
        parameters.put(constants, "K = " + certificate.lipschitz() + ", mu = " + certificate.oneSidedLipschitz()
                + ", M = " + certificate.bound() + ", K_t = " + certificate.timeLipschitz() + ", region "
                + certificate.region());
        return parameters;
    }
}
