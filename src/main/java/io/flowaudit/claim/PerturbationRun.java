package io.flowaudit.claim;

import io.flowaudit.claim.CheckKinds.Numerics;
import io.flowaudit.field.CertifiedField;
import io.flowaudit.field.FieldEvaluationException;
import io.flowaudit.field.Region;
import io.flowaudit.field.VectorField;
import io.flowaudit.flow.LayerMap;
import io.flowaudit.flow.LayerStack;
import io.flowaudit.flow.ReferenceFlow;
import io.flowaudit.flow.Trajectory;
import io.flowaudit.num.NumberSystem;
import java.util.Arrays;
import org.apache.commons.math3.RealFieldElement;

/**
 * Two solutions side by side, x from x_0 under F and y from y_0 under G (G = F unless the field is
 * perturbed): their distance along the exact flows on a time grid and across layers, with the
 * resolution of each distance, and whether both stayed in the region where the field's constants are
 * certified (the perturbation theorems need K and mu on a convex set holding both solutions).
 */
final class PerturbationRun {

    /** Flow distances are sampled at this many equal intervals of [0, T]. */
    static final int FLOW_SAMPLES = 64;

    private PerturbationRun() {
    }

    /**
     * |x(t_k) - y(t_k)| at t_k = k T / FLOW_SAMPLES, or |x_l - y_l| for l = 0..L; the resolution (both
     * references' errors, or the rounding of L layers); whether every sampled state of x and y lay in
     * the region.
     */
    record Distances(double[] distances, Resolution resolution, boolean contained) {
    }

    /**
     * x from the instance's x0 under its field, y from its x0 + delta under g (the field itself, or the field
     * perturbed), over its [0, T] in the claim's reference numbers; contained in the field's certified region.
     */
    static Distances flow(Instance instance, VectorField g, Numerics numerics) {
        return flowIn(instance.field(), g, numerics.reference(), instance, regionHoldingBothStarts(instance));
    }

    /**
     * The field's certified region, which the families widen to hold every perturbed start (a start outside it then
     * refutes the certificate, as a solution leaving it does); sphere attention's cannot: it is certified on a shell
     * about the unit sphere (its constants grow like 1/|x_i|), and a perturbation in any direction takes a token
     * inside it. Judging such a pair by those constants tests nothing, and calling it a pair that left the region would
     * blame the claim: it is an error that says why.
     */
    private static Region regionHoldingBothStarts(Instance instance) {
        Region region = instance.field().certificate().region();
        if (region.innerRadius() > 0 && !region.contains(instance.perturbedInitial())) {
            throw new IllegalArgumentException("the perturbed start " + Arrays.toString(instance.perturbedInitial())
                    + " lies outside the shell where the field's constants are certified, " + region
                    + ": a perturbation off the sphere leaves it, so perturbation theorems do not apply to it");
        }
        return region;
    }

    private static <T extends RealFieldElement<T>> Distances flowIn(VectorField f, VectorField g,
            NumberSystem<T> numbers, Instance instance, Region region) {
        T end = instance.horizonIn(numbers);
        ReferenceFlow<T> x = followedInRegion(f, numbers, instance.initialIn(numbers), end, region);
        ReferenceFlow<T> y = followedInRegion(g, numbers, instance.perturbedInitialIn(numbers), end, region);
        if (x == null || y == null) {
            return new Distances(new double[0], null, false);
        }
        double[] distances = new double[FLOW_SAMPLES + 1];
        boolean contained = true;
        for (int k = 0; k <= FLOW_SAMPLES; k++) {
            T t = end.multiply(k).divide(FLOW_SAMPLES);
            T[] xt = x.at(t);
            T[] yt = y.at(t);
            distances[k] = ConvergenceRun.distance(xt, yt);
            contained &= region.contains(ConvergenceRun.toDoubles(xt)) && region.contains(ConvergenceRun.toDoubles(yt));
        }
        return new Distances(distances, Resolution.ofReferences(f.dimension(), x.errorEstimate(), y.errorEstimate()),
                contained);
    }

    /**
     * The reference from {@code start} on [0, end]; null when it is refused before {@code end} (y from 0.1 - 0.5
     * under the logistic field blows up at t = 1.25) after leaving the region, at one of the FLOW_SAMPLES times up to
     * the refusal or where it is refused. Such a pair cannot have both solutions in the region, which falsifies the
     * instance as a pair that leaves it later does; it was an error verdict. A refusal inside the region (a branch
     * point there) is thrown on.
     */
    private static <T extends RealFieldElement<T>> ReferenceFlow<T> followedInRegion(VectorField field,
            NumberSystem<T> numbers, T[] start, T end, Region region) {
        ReferenceFlow.Followed<T> followed = ReferenceFlow.followed(field, numbers, start, end);
        if (followed.refusal() == null) {
            return followed.flow();
        }
        ReferenceFlow<T> partial = followed.flow();
        double reached = partial.horizon().getReal();
        for (int k = 0; k <= FLOW_SAMPLES && end.getReal() * k / FLOW_SAMPLES <= reached; k++) {
            if (!region.contains(ConvergenceRun.toDoubles(partial.at(end.multiply(k).divide(FLOW_SAMPLES))))) {
                return null;
            }
        }
        if (!region.contains(ConvergenceRun.toDoubles(partial.atHorizon()))) {
            return null;
        }
        throw followed.refusal();
    }

    /**
     * The same across the instance's L Euler layers, h = T/L, in the claim's layer numbers.
     *
     * @param gTermsBeyondF a bound of the size of the terms g sums beside F's, for their rounding
     *                      ({@link LayerRounding#of})
     */
    static Distances eulerLayers(Instance instance, VectorField g, double gTermsBeyondF, Numerics numerics) {
        return eulerLayersIn(instance.field(), g, gTermsBeyondF, numerics.layers(), instance,
                regionHoldingBothStarts(instance));
    }

    private static <T extends RealFieldElement<T>> Distances eulerLayersIn(CertifiedField f, VectorField g,
            double gTermsBeyondF, NumberSystem<T> numbers, Instance instance, Region region) {
        T end = instance.horizonIn(numbers);
        int depth = instance.depth();
        Trajectory<T> x;
        Trajectory<T> y;
        try {
            x = LayerStack.run(f, LayerMap.EULER, numbers, instance.initialIn(numbers), end, depth);
            y = LayerStack.run(g, LayerMap.EULER, numbers, instance.perturbedInitialIn(numbers), end, depth);
        } catch (FieldEvaluationException notFinite) {
            // a layer whose state or field is not a finite number is outside every region where F is certified
            // finite: the layers left it (the logistic field's layers from below 0 overflow at layer 35 521 of 65 536)
            return new Distances(new double[0], null, false);
        }
        double[] distances = new double[depth + 1];
        // both runs round relative to their own states: y's may be far larger than x's (a perturbation of 10^6 from
        // x0 = 0 rounds a million times more than x's floor of 1 allows, and refuted Theorem 4 where it is attained)
        double scale = 1;
        boolean contained = true;
        for (int l = 0; l <= depth; l++) {
            distances[l] = ConvergenceRun.distance(x.state(l), y.state(l));
            scale = Math.max(scale, Math.max(ConvergenceRun.norm(x.state(l)), ConvergenceRun.norm(y.state(l))));
            contained &= region.contains(x.stateAsDoubles(l)) && region.contains(y.stateAsDoubles(l));
        }
        return new Distances(distances, LayerRounding.of(LayerMap.EULER, numbers, scale, f, gTermsBeyondF,
                new LayerRounding.Layers<>(f, x), new LayerRounding.Layers<>(g, y)), contained);
    }
}
