package io.flowaudit.claim;

import io.flowaudit.claim.CheckKinds.Numerics;
import io.flowaudit.field.CertifiedField;
import io.flowaudit.field.Region;
import io.flowaudit.field.VectorField;
import io.flowaudit.flow.LayerMap;
import io.flowaudit.flow.LayerStack;
import io.flowaudit.flow.ReferenceFlow;
import io.flowaudit.flow.Trajectory;
import io.flowaudit.input.InputLimits;
import io.flowaudit.input.Setting;
import io.flowaudit.input.YamlNode;
import io.flowaudit.num.NumberSystem;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.RealFieldElement;

/**
 * Layer stacks of one field, run in one number system (T), next to its reference flow in another (R,
 * at least as precise): the uniform error {@code max_l |x_l - x(t_l)|} at any depth, computed in R, and
 * the resolution below which an error is noise.
 */
final class ConvergenceRun<T extends RealFieldElement<T>, R extends RealFieldElement<R>> {

    /**
     * docs/theory.md, "Ground truth and vacuous instances": the reference must be this far below every
     * error it is compared with.
     */
    static final double REFERENCE_MARGIN = 1e6;

    /** The depths L of a convergence claim: at least two, increasing, each within the depth limit. */
    static final Setting<int[]> LADDER = new Setting<>("ladder", new int[] {64, 128, 256, 512, 1024},
            ConvergenceRun::ladder);

    private final VectorField field;
    /** The instance's field, whose bounds size the terms F sums ({@link LayerRounding#of}). */
    private final CertifiedField certified;
    private final NumberSystem<T> numbers;
    private final NumberSystem<R> referenceNumbers;
    private final T[] initial;
    private final T horizon;
    private final R referenceHorizon;
    private final ReferenceFlow<R> reference;
    /**
     * x(t) by the exact value of t: the rungs of a ladder share layer times (t_l at L = 64 is t_2l at
     * L = 128), and dense output is a pure function of t, so each time is evaluated once per run.
     */
    private final Map<TimeKey<R>, R[]> referenceStates = new HashMap<>();

    ConvergenceRun(VectorField field, NumberSystem<T> numbers, NumberSystem<R> referenceNumbers, Instance instance) {
        this.field = field;
        this.certified = instance.field();
        this.numbers = numbers;
        this.referenceNumbers = referenceNumbers;
        this.initial = instance.initialIn(numbers);
        this.horizon = instance.horizonIn(numbers);
        this.referenceHorizon = instance.horizonIn(referenceNumbers);
        this.reference = ReferenceFlow.compute(field, referenceNumbers, instance.initialIn(referenceNumbers),
                referenceHorizon);
    }

    /** The instance's field from its x0 over [0, T], in the claim's number systems. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static ConvergenceRun<?, ?> of(Instance instance, Numerics numerics) {
        return new ConvergenceRun(instance.field(), numerics.layers(), numerics.reference(), instance);
    }

    Trajectory<T> layers(LayerMap map, int depth) {
        return LayerStack.run(field, map, numbers, initial, horizon, depth);
    }

    /** t_l = l T / L in the reference's number system. */
    R referenceTime(int layer, int depth) {
        return referenceHorizon.multiply(layer).divide(depth);
    }

    /**
     * max_l |x_l - x(t_l)| (Euclidean), Theorem 1's left-hand side; whether every layer state and reference state
     * stayed in the region where the field's constants are certified (which the certificate promises); and for Heun
     * and RK4, whether the stage states of each layer and of a layer from each x(t_l) did, where Theorem 1 also needs
     * the constants (docs/theory.md, "Theorem 1 for Heun and RK4"). A check that does not rest on the constants passes
     * the whole space.
     */
    UniformError uniformError(LayerMap map, int depth, Region region) {
        Trajectory<T> layers = layers(map, depth);
        boolean stagesTested = map != LayerMap.EULER && region.kind() != Region.Kind.WHOLE_SPACE;
        double step = horizon.getReal() / depth;
        double max = 0;
        R largestSquare = null;
        boolean contained = true;
        boolean stagesContained = true;
        double largestComponent = 1;
        for (int l = 0; l <= depth; l++) {
            R[] exact = referenceStates.computeIfAbsent(new TimeKey<>(referenceTime(l, depth)), t -> reference.at(t.time()));
            R square = squaredDistance(referenceNumbers.fromAll(layers.state(l)), exact);
            // with correctly rounded roots the largest distance is the root of the largest square: one root a depth
            // instead of one a layer (a binary reference's root is most of an observed-order try)
            if (!referenceNumbers.roundsRootsCorrectly()) {
                max = Math.max(max, square.sqrt().getReal());
            } else if (largestSquare == null || largerThan(square, largestSquare)) {
                largestSquare = square;
            }
            double[] layerState = layers.stateAsDoubles(l);
            double[] exactState = toDoubles(exact);
            largestComponent = Math.max(largestComponent, Math.max(largestMagnitude(layerState),
                    largestMagnitude(exactState)));
            contained &= region.contains(layerState) && region.contains(exactState);
            if (stagesContained && stagesTested && l < depth) {
                double time = l * step;
                stagesContained = map.stagesPass(field, time, layerState, step, region::contains)
                        && map.stagesPass(field, time, exactState, step, region::contains);
            }
        }
        if (largestSquare != null) {
            max = largestSquare.sqrt().getReal();
        }
        return new UniformError(depth, max, contained, stagesContained, resolution(map, layers, largestComponent));
    }

    @SuppressWarnings("unchecked")
    private static <R> boolean largerThan(R x, R than) {
        return ((Comparable<R>) x).compareTo(than) > 0;
    }

    /**
     * @param contained       every layer state and reference state lies in the region
     * @param stagesContained every stage state of Heun's and RK4's layers, from x_l and from x(t_l), does too
     * @param resolution      the smallest error this run resolves at this depth
     */
    record UniformError(int depth, double error, boolean contained, boolean stagesContained, Resolution resolution) {
    }

    /**
     * The smallest error this run can resolve at a depth: the reference's estimated error plus the
     * rounding of the L layers on states of the size of the run's largest component, over every layer and
     * reference state (not only x0 and x(T): a trajectory may rise between them and round more there).
     */
    private Resolution resolution(LayerMap map, Trajectory<T> layers, double scale) {
        return Resolution.ofReferences(field.dimension(), reference.errorEstimate())
                .plus(LayerRounding.of(map, numbers, scale, certified, 0, new LayerRounding.Layers<>(field, layers)));
    }

    private static int[] ladder(YamlNode node) {
        List<YamlNode> items = node.sequence();
        if (items.size() < 2) {
            throw node.error("a depth ladder needs at least two depths, e.g. [64, 128, 256]");
        }
        int[] ladder = new int[items.size()];
        for (int i = 0; i < ladder.length; i++) {
            ladder[i] = items.get(i).requireInt();
            if (ladder[i] < 1 || ladder[i] > InputLimits.MAX_LAYERS || (i > 0 && ladder[i] <= ladder[i - 1])) {
                throw items.get(i).error("depths must be increasing, from 1 to " + InputLimits.MAX_LAYERS + ", got "
                        + items.get(i).text());
            }
        }
        return ladder;
    }

    static <T extends RealFieldElement<T>> double[] toDoubles(T[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[i].getReal();
        }
        return out;
    }

    /** The largest finite |component| (an overflowed state makes the error itself infinite, judged as such). */
    private static double largestMagnitude(double[] state) {
        double largest = 0;
        for (double v : state) {
            if (Double.isFinite(v)) {
                largest = Math.max(largest, Math.abs(v));
            }
        }
        return largest;
    }

    static <T extends RealFieldElement<T>> double distance(T[] a, T[] b) {
        return squaredDistance(a, b).sqrt().getReal();
    }

    private static <T extends RealFieldElement<T>> T squaredDistance(T[] a, T[] b) {
        T sum = a[0].getField().getZero();
        for (int i = 0; i < a.length; i++) {
            T d = a[i].subtract(b[i]);
            sum = sum.add(d.multiply(d));
        }
        return sum;
    }

    static <T extends RealFieldElement<T>> double norm(T[] a) {
        T sum = a[0].getField().getZero();
        for (T v : a) {
            sum = sum.add(v.multiply(v));
        }
        return sum.sqrt().getReal();
    }
}
