package io.flowaudit.audit;

import io.flowaudit.claim.Instance;
import io.flowaudit.claim.TheoremCheck;
import io.flowaudit.field.CertifiedField;
import io.flowaudit.field.transformer.CertifiedDomain;
import io.flowaudit.field.transformer.TransformerField;
import io.flowaudit.gen.TransformerFields;
import java.util.Arrays;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * The hypothesis space of a claim: fields from its source, initial states in a ball, perturbations,
 * horizons and depths, as one jqwik arbitrary. Every part shrinks toward the simple end: initial
 * states and perturbation directions toward zero components, radii and horizons toward their minimum,
 * depths toward the smallest.
 */
final class InstanceSpace {

    private final Arbitrary<Instance> arbitrary;

    private InstanceSpace(Arbitrary<Instance> arbitrary) {
        this.arbitrary = arbitrary;
    }

    Arbitrary<Instance> arbitrary() {
        return arbitrary;
    }

    /** The perturbation sizes and depths drawn when a claim file gives none. */
    static final double[] DEFAULT_PERTURBATION = {1e-3, 0.5};
    static final int[] DEFAULT_DEPTH = {1, 64};

    /**
     * The space of {@code fields}' starts with perturbations of a size in {@code perturbationRange} and
     * depths in {@code depthRange}, each drawn only when {@code check} needs it.
     */
    static InstanceSpace of(FieldSource fields, TheoremCheck check, double[] perturbationRange, int[] depthRange,
            Map<String, String> space) {
        double[] perturbation = check.needsPerturbation() ? perturbationRange : null;
        int[] depth = check.needsDepth() ? depthRange : null;
        if (perturbation != null) {
            space.put("|x0 - y0|", range(perturbation));
        }
        if (depth != null) {
            space.put("depth L", depth[0] + ".." + depth[1]);
        }
        Reach reach = new Reach(perturbation == null ? 0 : perturbation[1], check.fieldPerturbation());
        Arbitrary<Instance> instances = fields.starts(reach).flatMap(start -> {
            int dimension = start.field().dimension();
            Arbitrary<double[]> delta = perturbation == null ? Arbitraries.just(null)
                    : direction(dimension).flatMap(u -> Arbitraries.doubles().between(perturbation[0], perturbation[1]).ofScale(6)
                            .map(size -> scaled(u, size)));
            Arbitrary<Integer> depths = depth == null ? Arbitraries.just(0)
                    : Arbitraries.integers().between(depth[0], depth[1]);
            return Combinators.combine(delta, depths).as((d, l) -> new Instance(start.field(), start.initial(), d,
                    start.horizon(), l, start.exact()));
        });
        return new InstanceSpace(instances);
    }

    /**
     * A field with its initial state and horizon, before perturbations and depths are chosen; the
     * field's certificate covers every start within the claim's {@link Reach} of the initial state.
     */
    record Start(CertifiedField field, double[] initial, double horizon, Instance.ExactStart exact) {

        /** A start whose doubles are its values (drawn by a generator). */
        Start(CertifiedField field, double[] initial, double horizon) {
            this(field, initial, horizon, null);
        }

        /**
         * Initial states drawn in the transformer field's certified domain, with the field re-certified
         * for tokens up to {@code reach.radius(T)} further out.
         */
        static Arbitrary<Start> ofTransformer(TransformerField field, Reach reach) {
            CertifiedDomain domain = field.domain();
            double widening = reach.radius(domain.horizon());
            TransformerField certified = widening == 0 ? field
                    : field.withDomain(new CertifiedDomain(domain.initialTokenRadius() + widening, domain.horizon()));
            return TransformerFields.initialStates(field).map(x0 -> new Start(certified, x0, domain.horizon()));
        }
    }

    /**
     * How far the solutions a check compares may get from those of the drawn start: a perturbed initial
     * state within {@code initial} of x_0, and a field perturbed by at most {@code field} everywhere
     * (Theorem 5). Certifying for initial states {@link #radius}(T) further out covers both: a field
     * perturbed by eps adds eps to every growth bound, and for a token growth {@code m' <= a m + b + eps}
     * gives {@code m(t) <= e^{at}(m_0 + eps t) + b (e^{at} - 1)/a}, the bound from {@code m_0 + eps t}; for
     * the linear-growth ball of {@code FamilyField.regionFor}, whose leading constant c is at least 1,
     * starting {@code 2 eps T} further out covers the added {@code eps (c (e^{KT} - 1)/K + T e^{KT})}.
     */
    record Reach(double initial, double field) {

        double radius(double horizon) {
            return initial + 2 * field * horizon;
        }
    }

    /** A unit direction from components in [-1, 1]; the zero vector (where shrinking ends) becomes e_1. */
    static Arbitrary<double[]> direction(int dimension) {
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

    static double[] toDoubles(org.apache.commons.math3.util.Decimal64[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[i].getReal();
        }
        return out;
    }

    static double[] scaled(double[] u, double factor) {
        double[] out = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            out[i] = u[i] * factor;
        }
        return out;
    }

    static String range(double[] range) {
        return range[0] == range[1] ? Double.toString(range[0]) : "[" + range[0] + ", " + range[1] + "]";
    }
}
