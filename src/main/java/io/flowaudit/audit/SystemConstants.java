package io.flowaudit.audit;

import io.flowaudit.field.Certificate;
import io.flowaudit.field.DerivedConstants;
import io.flowaudit.field.FieldEvaluationException;
import io.flowaudit.field.Outward;
import io.flowaudit.field.Region;
import io.flowaudit.field.WrittenConstants;
import io.flowaudit.field.formula.FormulaSystem;
import io.flowaudit.input.YamlNode;
import io.flowaudit.field.ProvedConstants;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The constants of a {@code system:} claim, read from its {@code constants:} mapping: stated by the
 * auditor, derived on the stated region ({@code derive: true}: proved in interval arithmetic by
 * {@link ProvedConstants}), or both. A stated constant below what the field provably reaches on the region
 * is an error at its line; a stated constant is otherwise the one the claim uses, the proved one filling
 * in what is not stated.
 *
 * @param certificate the constants the claim's checks use
 * @param derived     what the proof found, or null when nothing was derived
 * @param written     K, M and K_t exactly: as stated, or the proved doubles; a proof computes C from these
 */
record SystemConstants(Certificate certificate, DerivedConstants derived, WrittenConstants written) {

    /** The statable constants, as the claim file names them, in the order of {@link ProvedConstants#proved()}. */
    static final List<String> STATED = List.of("lipschitz", "one-sided-lipschitz", "bound", "time-lipschitz");
    static final List<String> KEYS = Stream.concat(STATED.stream(), Stream.of("region-radius", "derive", "derive-boxes"))
            .toList();
    /** The key of M2 among the derived constants. */
    static final String SOLUTION_CURVATURE = "solution-curvature";
    private static final List<String> NAMES = List.of("K", "mu", "M", "K_t", "M2");
    /** The target: each derived constant within 1 % of the supremum, which the proof confirms. */
    static final double DERIVE_TOLERANCE = 0.01;
    static final int DEFAULT_BOXES = 20_000;
    /** The most sub-boxes a file may ask for: about a minute of CPU for a small system. */
    static final int MAX_BOXES = 200_000;
    /**
     * Proofs made in this JVM by what they depend on: the field's formulas, the region, the horizon and the
     * budget. The proof is deterministic, so a system read twice on one region (claims sharing a system file, or
     * tests reading variants of one claim) is proved once, with the same result.
     */
    private static final Map<ProofInputs, ProvedConstants> PROOFS = new ConcurrentHashMap<>();

    /** The field as its variables and formula texts (which determine its parse), and the proof's other inputs. */
    private record ProofInputs(List<String> variables, List<String> formulas, double radius, double horizon,
            int budget) {
    }

    static SystemConstants read(YamlNode constants, FormulaSystem system) {
        constants.requireKeysAmong(KEYS);
        Optional<YamlNode> derive = constants.optional("derive");
        Optional<YamlNode> radius = constants.optional("region-radius");
        Region region = radius.map(n -> Region.ball(n.requireDecimal().doubleValue())).orElse(Region.wholeSpace());
        if (derive.isPresent() && derive.get().requireBoolean()) {
            if (radius.isEmpty()) {
                throw derive.get().error("derive: true needs a bounded region: expected region-radius R, the "
                        + "constants are then proved on |x| <= R and t in [0, T]; on all of R^D they are infinite in "
                        + "general");
            }
            positive(radius.get(), "region-radius");
            return derived(constants, system, region, derive.get());
        }
        Optional<YamlNode> boxes = constants.optional("derive-boxes");
        if (boxes.isPresent()) {
            throw boxes.get().error("derive-boxes applies only with derive: true");
        }
        BigDecimal lipschitz = nonNegative(constants, "lipschitz");
        BigDecimal bound = nonNegative(constants, "bound");
        BigDecimal timeLipschitz = nonNegative(constants, "time-lipschitz");
        double mu = constants.optional("one-sided-lipschitz").map(n -> n.requireDecimal().doubleValue())
                .orElse(lipschitz.doubleValue());
        return new SystemConstants(certificate(constants, lipschitz.doubleValue(), mu, bound.doubleValue(),
                timeLipschitz.doubleValue(), region, Double.NaN), null,
                new WrittenConstants(lipschitz, bound, timeLipschitz));
    }

    /** The constants proved on the ball region, stated ones checked against the proof and kept. */
    private static SystemConstants derived(YamlNode constants, FormulaSystem system, Region region, YamlNode derive) {
        String where = region + ", t in [0, " + system.horizon().toPlainString() + "]";
        ProvedConstants proof = prove(constants, system, region, derive, where);
        double[] proved = proof.proved();
        double[] used = proved.clone();
        BigDecimal[] written = new BigDecimal[STATED.size()];
        for (int c = 0; c < STATED.size(); c++) {
            Optional<YamlNode> node = constants.optional(STATED.get(c));
            if (node.isPresent()) {
                BigDecimal value = node.get().requireDecimal();
                if (new BigDecimal(proof.attained()[c]).compareTo(value) > 0) {
                    throw node.get().error(STATED.get(c) + " = " + node.get().text() + " is below what the field "
                            + "provably reaches on " + where + ": " + NAMES.get(c) + " >= " + proof.attained()[c]
                            + " at " + proof.witnesses()[c] + " (proved in interval arithmetic); expected at least "
                            + "that, or leave " + STATED.get(c) + " out to use the proved bound " + proved[c]);
                }
                used[c] = value.doubleValue();
                written[c] = value;
            } else {
                written[c] = new BigDecimal(proved[c]);
            }
        }
        // K bounds the one-sided constant too: a proved mu above a stated K is replaced by K
        double mu = constants.optional("one-sided-lipschitz").isPresent() ? used[ProvedConstants.MU]
                : Math.min(used[ProvedConstants.MU], used[ProvedConstants.K]);
        Map<String, DerivedConstants.Supremum> suprema = new LinkedHashMap<>();
        for (int c = 0; c < proved.length; c++) {
            suprema.put(c < STATED.size() ? STATED.get(c) : SOLUTION_CURVATURE,
                    new DerivedConstants.Supremum(proof.attained()[c], proved[c], proof.witnesses()[c]));
        }
        List<String> stated = STATED.stream().filter(key -> constants.optional(key).isPresent()).toList();
        return new SystemConstants(certificate(constants, used[ProvedConstants.K], mu, used[ProvedConstants.M],
                used[ProvedConstants.K_T], region, proved[ProvedConstants.M2]),
                new DerivedConstants(suprema, stated, where, proof.boxes()),
                new WrittenConstants(written[ProvedConstants.K], written[ProvedConstants.M],
                        written[ProvedConstants.K_T]));
    }

    /** The proof within the budget and the tolerance, or an error at the {@code derive} line saying why not. */
    private static ProvedConstants prove(YamlNode constants, FormulaSystem system, Region region, YamlNode derive,
            String where) {
        int budget = constants.optional("derive-boxes").map(SystemConstants::budget).orElse(DEFAULT_BOXES);
        List<?> formulas = system.formulas();
        ProofInputs inputs = new ProofInputs(system.componentNames(), formulas.stream().map(Object::toString).toList(),
                region.radius(), Outward.leastDoubleAtLeast(system.horizon()), budget);
        ProvedConstants proof = PROOFS.get(inputs);
        try {
            if (proof == null) {
                proof = ProvedConstants.onBall(system, inputs.radius(), inputs.horizon(), DERIVE_TOLERANCE, budget);
                PROOFS.putIfAbsent(inputs, proof);
            }
        } catch (ArithmeticException | FieldEvaluationException e) {
            throw derive.error("cannot derive the constants on " + where + ": " + e.getMessage()
                    + "; expected a field defined and differentiable on the whole region");
        }
        if (!proof.withinTolerance()) {
            throw derive.error("the region " + where + " is too large for the budget of " + budget
                    + " boxes: the proof ended with " + gaps(proof) + "; expected each within "
                    + percent(DERIVE_TOLERANCE) + " (raise derive-boxes, at most " + MAX_BOXES
                    + ", or state a smaller region-radius)");
        }
        return proof;
    }

    /** The certificate, with M2 the smaller of K_t + K M and a proved one (NaN: none). */
    private static Certificate certificate(YamlNode constants, double lipschitz, double mu, double bound,
            double timeLipschitz, Region region, double provedCurvature) {
        try {
            double curvature = Certificate.curvatureFromConstants(lipschitz, bound, timeLipschitz);
            return new Certificate(lipschitz, mu, bound, timeLipschitz, region,
                    Double.isNaN(provedCurvature) ? curvature : Math.min(curvature, provedCurvature));
        } catch (IllegalArgumentException e) {
            throw constants.error(e.getMessage());
        }
    }

    /** The claim page's and summary's description of the constants. */
    String describe() {
        String values = "K = " + certificate.lipschitz() + ", mu = " + certificate.oneSidedLipschitz() + ", M = "
                + certificate.bound() + ", K_t = " + certificate.timeLipschitz() + ", region " + certificate.region();
        if (derived == null) {
            return "stated by the auditor (not certified; checked before the claim runs): " + values;
        }
        String stated = derived.stated().isEmpty() ? "none stated"
                : String.join(", ", derived.stated()) + " stated (and checked before the claim runs)";
        return "proved on the region " + derived.where() + " in interval arithmetic (" + derived.boxes()
                + " boxes), " + stated + ": " + values + ", M2 = " + certificate.solutionCurvature();
    }

    private static String gaps(ProvedConstants proof) {
        double[] proved = proof.proved();
        return IntStream.range(0, proved.length).mapToObj(c -> NAMES.get(c) + " in ["
                + proof.attained()[c] + ", " + proved[c] + "]").collect(Collectors.joining(", "));
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f %%", 100 * fraction);
    }

    private static int budget(YamlNode node) {
        int boxes = node.requireInt();
        if (boxes < 1 || boxes > MAX_BOXES) {
            throw node.error("derive-boxes must be between 1 and " + MAX_BOXES + ", got " + node.text());
        }
        return boxes;
    }


    private static void positive(YamlNode value, String key) {
        if (value.requireDecimal().signum() <= 0) {
            throw value.error(key + " must be above 0 to derive constants on it, got " + value.text());
        }
    }

    /** The decimal as written: the certificate takes its nearest double, a proof the decimal itself. */
    private static BigDecimal nonNegative(YamlNode constants, String key) {
        YamlNode value = constants.require(key, "a number >= 0");
        BigDecimal v = value.requireDecimal();
        if (v.signum() < 0) {
            throw value.error(key + " must be at least 0, got " + value.text());
        }
        return v;
    }
}
