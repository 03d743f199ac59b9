package io.flowaudit.audit;

import io.flowaudit.claim.Instance;
import io.flowaudit.claim.TheoremCheck;
import io.flowaudit.field.CertifiedField;
import io.flowaudit.input.YamlDocument;
import io.flowaudit.input.YamlNode;
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

    static InstanceSpace read(YamlNode root, FieldSource fields, TheoremCheck check, Map<String, String> space) {
        double[] perturbation = check.needsPerturbation()
                ? root.optional("perturbation").map(YamlNode::requireRange).orElse(new double[] {1e-3, 0.5})
                : null;
        int[] depth = check.needsDepth()
                ? root.optional("depth").map(YamlNode::requireIntRange).orElse(new int[] {1, 64})
                : null;
        if (depth != null && depth[0] < 1) {
            throw root.require("depth", "").error("depths must be at least 1");
        }
        if (perturbation != null && !(perturbation[1] > 0)) {
            throw root.require("perturbation", "").error("the perturbation size must be positive");
        }
        if (perturbation != null) {
            space.put("|x0 - y0|", range(perturbation));
        }
        if (depth != null) {
            space.put("depth L", depth[0] + ".." + depth[1]);
        }
        Arbitrary<Instance> instances = fields.starts().flatMap(start -> {
            int dimension = start.field().dimension();
            Arbitrary<double[]> delta = perturbation == null ? Arbitraries.just(null)
                    : direction(dimension).flatMap(u -> Arbitraries.doubles().between(perturbation[0], perturbation[1]).ofScale(6)
                            .map(size -> scaled(u, size)));
            Arbitrary<Integer> depths = depth == null ? Arbitraries.just(0)
                    : Arbitraries.integers().between(depth[0], depth[1]);
            return Combinators.combine(delta, depths).as((d, l) -> new Instance(start.field(), start.initial(), d,
                    start.horizon(), l));
        });
        return new InstanceSpace(instances);
    }

    /** A field with its initial state and horizon, before perturbations and depths are chosen. */
    record Start(CertifiedField field, double[] initial, double horizon) {
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
