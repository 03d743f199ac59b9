package io.flowaudit.field;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.family.FamilyField;
import io.flowaudit.field.transformer.FeedForward;
import io.flowaudit.field.transformer.SelfAttention;
import io.flowaudit.gen.Fields;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The certificates of the random families re-checked by proof on their certified region, t in [0, 1]:
 * <ul>
 * <li>no certified constant (M2 = K_t + K M included) is below a value the field provably attains:
 * {@link ProvedConstants#attained} are lower bounds of the suprema, evaluated in interval arithmetic
 * at points of the region, so the comparison is exact, with no tolerance; one below would be a false
 * certificate;</li>
 * <li>for the classic families on the unit ball, K is confirmed: certified >= proved, and a proved value
 * bounds the true supremum. The comparison allows 1e-6 relative, the resolution at which the eigenvalue
 * bounds stop bisecting, for certificates that are the exact supremum (a linear field's K); the Jacobian
 * enclosure of a linear field is exact, so the proof reaches that resolution. A proof that stops at its 5 % or
 * its 64 boxes above a certificate within a few per cent of the supremum (an MLP's ||W2|| ||W1||) is undecided,
 * not refuted: it is refined to half the gap between the certificate and what the field attains. One the budget
 * still stops stays undecided; at least three tries in four must be confirmed.</li>
 * </ul>
 * mu, M and K_t are not asserted confirmed: the families certify them as (or within 1e-5 of) the exact
 * supremum (mu of a contractive field, |A| R + |b| for a linear field's M), which a proof over 64
 * sub-boxes approaches but, rounding outward, need not reach: such an instance is undecided, not refuted.
 * Each try prints how tight its certificate is: certified / attained per constant (1 is exact).
 */
class FamilyCertificatesProvedProperties {

    private static final double PROOF_RESOLUTION = 1e-6;
    private static final double COARSE_TOLERANCE = 0.05;
    private static final int COARSE_BUDGET = 64;
    /** Enough for the exploration's MLP (a certificate 1 % above its supremum: decided in 120 boxes, 0.5 s). */
    private static final int REFINED_BUDGET = 1024;
    private static final String[] NAMES = {"K", "mu", "M", "K_t", "M2"};

    @Provide
    Arbitrary<FamilyField> fields() {
        return Fields.any().dimension(1, 3);
    }

    @Provide
    Arbitrary<SelfAttention> attention() {
        return Fields.softmaxAttention().tokens(1, 2).width(1, 2);
    }

    /** Affine, MLP, time-dependent and contractive fields, certified on the unit ball. */
    @Property(tries = 12)
    void classicCertificatesHoldByProof(@ForAll("fields") FamilyField field) {
        boolean confirmed = lipschitzConfirmed(field);
        Statistics.label("K").collect(confirmed ? "confirmed" : "undecided");
        Statistics.label("K").coverage(coverage -> coverage.check("confirmed").percentage(p -> p >= 75));
    }

    /**
     * The exploration's shrunk field (2026-12-02, 10 times the tries): certified K = ||W2|| ||W1|| = 0.0100, supremum
     * 0.00990 (attained at a point of the ball); the proof at 5 % ran out of its 64 boxes at 0.0100076 and the property
     * read that as a refuted certificate. Refined to half the gap it proves 0.00998.
     */
    @Test
    void anMlpWhoseCertificateIsAPercentAboveItsSupremumIsConfirmedOnceRefined() {
        FamilyField field = FeedForward.mlp(new double[][] {{-0.20369738997477604, 0.09807652109896624,
                0.1886086944210889}, {-0.7544347776843556, -0.6110921699243281, -0.23387478108215023}},
                new double[] {-0.11, -0.79}, Activation.TANH, new double[][] {{0.0013620181784863305,
                -0.009410307414996466}, {-0.008048289236510136, -0.002724036356972661}, {8.667388408549377E-4,
                9.90558675262786E-4}}, new double[] {0.31, -0.09, -0.12});
        assertTrue(lipschitzConfirmed(field));
    }

    /**
     * Whether a proof confirms the certified K on the unit ball (after {@link #recheck}'s lower bounds, which refute
     * a false one): first at {@link #COARSE_TOLERANCE}, else refined to half the gap between the certificate and the
     * largest value the field attains.
     */
    private static boolean lipschitzConfirmed(FamilyField field) {
        Certificate certified = field.certificateOn(Region.ball(1));
        ProvedConstants proved = recheck(field, certified, COARSE_TOLERANCE, COARSE_BUDGET);
        if (!confirms(proved, certified)) {
            double attained = proved.attained()[ProvedConstants.K];
            double gap = certified.lipschitz() / attained - 1;
            proved = recheck(field, certified, attained > 0 ? Math.max(gap / 2, PROOF_RESOLUTION) : COARSE_TOLERANCE,
                    REFINED_BUDGET);
        }
        return confirms(proved, certified);
    }

    private static boolean confirms(ProvedConstants proved, Certificate certified) {
        return proved.lipschitz() <= certified.lipschitz() + PROOF_RESOLUTION * Math.abs(proved.lipschitz());
    }

    /**
     * Softmax attention on its certified token ball (every token within R = e^{|V| T} r0): the proof covers
     * the box [-R, R]^D cut to the token ball, and its attained values are points of the ball. Its
     * certificates are upper bounds built from matrix norms, not suprema, so only the lower side is asserted.
     */
    @Property(tries = 6)
    void attentionCertificatesHoldByProof(@ForAll("attention") SelfAttention field) {
        recheck(field, field.certificate(), COARSE_TOLERANCE, COARSE_BUDGET);
    }

    /**
     * The explorations' shrunk fields, rank-one scores with weights of +-1/sqrt(2) on the token ball of radius 4.11
     * (weights in the order wq, wk, wv). Seed 8188609415136545399 of {@link #attentionCertificatesHoldByProof}, 10
     * times its tries: on the whole box the interval Jacobian's Gram entries are 1.5e170 wide; the eigenvalue bound
     * summed their squares in double (infinite) and threw "entries too wide or not finite" instead of bounding the box
     * and bisecting it. Seed -3722733525724397404 (2026-12-02): entries beyond double range themselves, where the
     * bound threw the same; it is now infinite on such a sub-box, which is bisected like any loose one.
     */
    @ParameterizedTest
    @CsvSource({"0, 1, -1, -1, 1, 1", "1, 1, 1, 1, -1, -1"})
    void rankOneScoresOnTheWholeBoxAreBisectedNotRefused(double q0, double q1, double k0, double k1, double v0,
            double v1) {
        double a = 0.7071067811865475;
        SelfAttention field = SelfAttention.fromWeights(2, 2, 1, Map.of(
                "wq", new double[][] {{q0 * a, q0 * a}, {q1 * a, q1 * a}},
                "wk", new double[][] {{k0 * a, k0 * a}, {k1 * a, k1 * a}},
                "wv", new double[][] {{v0 * a, v0 * a}, {v1 * a, v1 * a}}, "wo", new double[][] {{1, 0}, {0, 1}}));
        recheck(field, field.certificate(), COARSE_TOLERANCE, COARSE_BUDGET);
    }

    /**
     * Asserts certified >= attained for every constant, prints the tightness, returns the proof (each constant refined
     * to {@code tolerance} relative, within {@code budget} boxes).
     */
    private static ProvedConstants recheck(VectorField field, Certificate certified, double tolerance, int budget) {
        double radius = certified.region().radius();
        double[] lo = new double[field.dimension()];
        double[] hi = new double[field.dimension()];
        Arrays.fill(lo, -radius);
        Arrays.fill(hi, radius);
        ProvedConstants proved = ProvedConstants.on(field, lo, hi, certified.region(), 1, tolerance, budget);
        double[] certifiedValues = {certified.lipschitz(), certified.oneSidedLipschitz(), certified.bound(),
            certified.timeLipschitz(), certified.solutionCurvature()};
        StringBuilder tightness = new StringBuilder("certificate / attained on " + certified.region() + ":");
        for (int c = 0; c < NAMES.length; c++) {
            double attained = proved.attained()[c];
            assertTrue(attained <= certifiedValues[c], NAMES[c] + " certified " + certifiedValues[c]
                    + " is below a value the field provably attains, " + attained + " at " + proved.witnesses()[c]
                    + ", for " + field);
            tightness.append(String.format(Locale.ROOT, " %s %.4g/%.4g", NAMES[c], certifiedValues[c], attained));
        }
        System.out.println(tightness + " (proved sup K <= " + String.format(Locale.ROOT, "%.4g", proved.lipschitz())
                + ") " + field.getClass().getSimpleName() + " D=" + field.dimension());
        return proved;
    }
}
