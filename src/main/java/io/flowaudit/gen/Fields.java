package io.flowaudit.gen;

import io.flowaudit.field.family.FamilyField;

/**
 * The entry point for certified random fields, in jqwik's style: each method returns a fluent,
 * immutable arbitrary. Every generated field carries a {@link io.flowaudit.field.Certificate} whose
 * constants are true upper bounds on its region (by default the region that contains every trajectory
 * and layer iterate from {@code |x0| <= 1} over {@code [0, 1]}; see
 * {@link FieldArbitrary#certifiedFor}).
 *
 * <pre>{@code
 * @Property
 * void eulerConverges(@ForAll("fields") FamilyField f) { ... }
 *
 * @Provide
 * Arbitrary<LinearField> fields() {
 *     return Fields.linear().dimension(1, 8).lipschitz(0.1, 4).nonNormal();
 * }
 * }</pre>
 *
 * Or with annotations: {@code @ForAll @Dimension(min = 2, max = 16) @Lipschitz(min = 0.1, max = 4)
 * CertifiedField f}, {@code @ForAll @Contractive(maxMu = -0.1) CertifiedField f}.
 */
public final class Fields {

    private Fields() {
    }

    /** Affine fields {@code A x + b}; see {@link LinearFieldArbitrary}. */
    public static LinearFieldArbitrary linear() {
        return new LinearFieldArbitrary();
    }

    /** Perceptrons {@code W2 act(W1 x + b1) + b2}; see {@link MlpFieldArbitrary}. */
    public static MlpFieldArbitrary mlp() {
        return new MlpFieldArbitrary();
    }

    /** {@code G(x) + sin(omega t) H(x)}; see {@link TimeDependentFieldArbitrary}. */
    public static TimeDependentFieldArbitrary timeDependent() {
        return new TimeDependentFieldArbitrary();
    }

    /** {@code -c x + g(x)} with negative certified mu; see {@link ContractiveFieldArbitrary}. */
    public static ContractiveFieldArbitrary contractive() {
        return new ContractiveFieldArbitrary();
    }

    /** Members of all four families, shrinking toward the linear family. */
    public static FieldArbitrary<FamilyField> any() {
        return new AnyFieldArbitrary();
    }
}
