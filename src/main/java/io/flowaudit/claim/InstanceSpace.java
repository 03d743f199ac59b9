package io.flowaudit.claim;

import io.flowaudit.field.CertifiedField;
import io.flowaudit.field.Domain;
import io.flowaudit.field.Reach;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * The hypothesis space of a claim: fields from its source, initial states in a ball, perturbations,
 * horizons and depths, as one jqwik arbitrary. Every part shrinks toward the simple end: initial
 * states and perturbation directions toward zero components, radii and horizons toward their minimum,
 * depths toward the smallest.
 */
public final class InstanceSpace {

    /** The perturbation sizes and depths drawn when a claim file gives none. */
    public static final double[] DEFAULT_PERTURBATION = {1e-3, 0.5};
    public static final int[] DEFAULT_DEPTH = {1, 64};

    private InstanceSpace() {
    }

    /**
     * The space of {@code starts} with perturbations of a size in {@code perturbationRange} and depths in
     * {@code depthRange}, each drawn only when {@code check} needs it (and then described in {@code space}).
     */
    static Arbitrary<Instance> of(Function<Reach, Arbitrary<Start>> starts, TheoremCheck check,
            double[] perturbationRange, int[] depthRange, Map<String, String> space) {
        double[] perturbation = check.needsPerturbation() ? perturbationRange : null;
        int[] depth = check.needsDepth() ? depthRange : null;
        if (perturbation != null) {
            space.put("|x0 - y0|", range(perturbation));
        }
        if (depth != null) {
            space.put("depth L", depth[0] + ".." + depth[1]);
        }
        Reach reach = new Reach(perturbation == null ? 0 : perturbation[1], check.fieldPerturbation());
        return starts.apply(reach).flatMap(start -> {
            int dimension = start.field().dimension();
            Arbitrary<double[]> delta = perturbation == null ? Arbitraries.just(null)
                    : direction(dimension).flatMap(u -> Arbitraries.doubles().between(perturbation[0], perturbation[1]).ofScale(6)
                            .map(size -> scaled(u, size)));
            Arbitrary<Integer> depths = depth == null ? Arbitraries.just(0)
                    : Arbitraries.integers().between(depth[0], depth[1]);
            return Combinators.combine(delta, depths).as((d, l) -> new Instance(start.field(), start.initial(), d,
                    start.horizon(), l, start.exact()));
        });
    }

    /**
     * A field with its initial state and horizon, before perturbations and depths are chosen; the
     * field's certificate covers every start within the claim's {@link Reach} of the initial state.
     */
    public record Start(CertifiedField field, double[] initial, double horizon, Instance.ExactStart exact) {

        /** A start whose doubles are its values (drawn by a generator). */
        public Start(CertifiedField field, double[] initial, double horizon) {
            this(field, initial, horizon, null);
        }

        /**
         * Starts of {@code field}: x_0 drawn by the field within a radius from {@code initialRadius}, T from
         * {@code horizon}, and the field certified for the largest of each and every solution within
         * {@code reach} of them. A range that is a single value is not drawn.
         */
        public static Arbitrary<Start> drawn(CertifiedField field, double[] initialRadius, double[] horizon, Reach reach) {
            CertifiedField certified = field.certifiedFor(new Domain(initialRadius[1], horizon[1]).reaching(reach));
            Arbitrary<double[]> initial = initialRadius[0] == initialRadius[1] ? field.initialStates(initialRadius[1])
                    : Arbitraries.doubles().between(initialRadius[0], initialRadius[1]).flatMap(field::initialStates);
            if (horizon[0] == horizon[1]) {
                return initial.map(x0 -> new Start(certified, x0, horizon[1]));
            }
            Arbitrary<Double> horizons = Arbitraries.doubles().between(horizon[0], horizon[1]).ofScale(3);
            return Combinators.combine(initial, horizons).as((x0, t) -> new Start(certified, x0, t));
        }
    }

    /** A unit direction from components in [-1, 1]; the zero vector (where shrinking ends) becomes e_1. */
    private static Arbitrary<double[]> direction(int dimension) {
        return Arbitraries.doubles().between(-1, 1).ofScale(3).list().ofSize(dimension).map(components -> {
            double[] u = components.stream().mapToDouble(Double::doubleValue).toArray();
            double norm = Math.sqrt(Arrays.stream(u).map(v -> v * v).sum());
            if (norm == 0) {
                u[0] = 1;
                return u;
            }
            return scaled(u, 1 / norm);
        });
    }

    private static double[] scaled(double[] u, double factor) {
        double[] out = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            out[i] = u[i] * factor;
        }
        return out;
    }

    /** A range of doubles as the hypothesis space shows it: the value alone when both ends agree. */
    public static String range(double[] range) {
        return range[0] == range[1] ? Double.toString(range[0]) : "[" + range[0] + ", " + range[1] + "]";
    }
}
