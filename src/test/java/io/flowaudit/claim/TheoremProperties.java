package io.flowaudit.claim;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.flowaudit.claim.CheckKinds.Numerics;
import io.flowaudit.field.Domain;
import io.flowaudit.field.family.FamilyField;
import io.flowaudit.flow.LayerMap;
import io.flowaudit.gen.Fields;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Theorems 1 and 3-5 as plain jqwik properties over the public generators, the way another project's
 * tests would state them; the catalogue in properties/ runs the same checks with more tries and ranges.
 */
class TheoremProperties {

    private static final double RADIUS = 1;
    private static final double HORIZON = 1.5;
    private static final double PERTURBATION = 0.5;
    private static final double FIELD_EPSILON = 1e-2;
    /**
     * Fields are certified for starts this far out, not only for |x_0| <= RADIUS: the perturbation
     * theorems also start at x_0 + delta, and Theorem 5 runs a field perturbed by FIELD_EPSILON (the
     * catalogue's reach, field.Reach: |delta| + 2 eps T).
     */
    static final double CERTIFIED_START_RADIUS = RADIUS + PERTURBATION + 2 * FIELD_EPSILON * HORIZON;

    private static final Numerics EULER = Numerics.doubles(LayerMap.EULER);

    private static Arbitrary<Instance> instances(Arbitrary<? extends FamilyField> fields) {
        return fields.flatMap(field -> Combinators.combine(Fields.statesInBall(field.dimension(), RADIUS),
                Fields.statesInBall(field.dimension(), PERTURBATION).filter(delta -> norm(delta) > 1e-3),
                Arbitraries.integers().between(1, 64)).as((x0, delta, depth) -> new Instance(field, x0, delta, HORIZON,
                        depth)));
    }

    private static double norm(double[] v) {
        double sum = 0;
        for (double c : v) {
            sum += c * c;
        }
        return Math.sqrt(sum);
    }

    @Provide
    Arbitrary<Instance> mlp() {
        return instances(Fields.mlp().dimension(1, 4).lipschitz(0.1, 2).certifiedFor(new Domain(CERTIFIED_START_RADIUS, HORIZON)));
    }

    @Provide
    Arbitrary<Instance> contractive() {
        return instances(Fields.contractive().dimension(1, 4).oneSidedLipschitz(-2, -0.1)
                .certifiedFor(new Domain(CERTIFIED_START_RADIUS, HORIZON)));
    }

    @Property(tries = 40)
    void theorem1UniformBound(@ForAll("mlp") Instance instance) {
        Evidence evidence = new UniformBoundCheck(EULER, new int[] {16, 32, 64}, 1).check(instance);
        supports(evidence);
    }

    @Property(tries = 40)
    void theorem3DecayInTheFlow(@ForAll("contractive") Instance instance) {
        Evidence evidence = new FlowPerturbationCheck(EULER, false, 0).check(instance);
        supports(evidence);
    }

    @Property(tries = 40)
    void theorem4PerturbationsAcrossLayers(@ForAll("contractive") Instance instance) {
        Evidence evidence = new LayerPerturbationCheck(EULER, false).check(instance);
        supports(evidence);
    }

    @Property(tries = 40)
    void theorem5PerturbedField(@ForAll("mlp") Instance instance) {
        Evidence evidence = new FieldPerturbationCheck(EULER, FIELD_EPSILON).check(instance);
        supports(evidence);
    }

    /**
     * No instance refutes the theorem, and most instances resolve their comparisons: a vacuous instance
     * is counted apart, so the property cannot pass having checked nothing.
     */
    private static void supports(Evidence evidence) {
        assertNotEquals(Evidence.Finding.REFUTED, evidence.finding(), evidence.observed() + " > " + evidence.bound());
        Statistics.collect(evidence.finding());
        Statistics.coverage(coverage -> coverage.check(Evidence.Finding.HOLDS).percentage(p -> p >= 50));
    }
}
