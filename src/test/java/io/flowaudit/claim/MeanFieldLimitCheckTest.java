package io.flowaudit.claim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.Domain;
import io.flowaudit.field.transformer.AttentionVariant;
import io.flowaudit.field.transformer.SelfAttention;
import io.flowaudit.meanfield.GaussianAttention;
import io.flowaudit.verdict.Figure;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleBiFunction;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.MatrixUtils;
import org.junit.jupiter.api.Test;

/**
 * The mean-field limit's rate interval (docs/theory.md, "The mean-field limit, measured") on synthetic draws of a known
 * law. The start's squared distance Z is real: the moments of n Gaussian tokens in R^2 against (0, 0.25 I). The
 * squared distance at T is {@code Y = n^{1 - 2 rate} exp(2 gamma / n) (0.7 Z + 0.3 Z')}, Z' an independent copy of Z:
 * correlated with Z as the flow's are (0.94 measured, 0.92 here), with {@code E Y = n^{1 - 2 rate} exp(2 gamma/n) E Z},
 * so its log RMS is the start's, exactly n^{-1/2} with known finite-n terms, times {@code n^{1/2 - rate} e^{gamma/n}}:
 * rate {@code rate} with a 1/n term gamma of the size measured on real fields (-0.14 for the zero field in R^2, -0.24
 * for a softmax field in R^3) or larger. Seeded, so every assertion is reproducible.
 */
class MeanFieldLimitCheckTest {

    private static final int[] COUNTS = {4, 8, 16, 32};
    private static final int WIDTH = 2;

    private static double startDistance(int n, Random random) {
        double[] tokens = new double[n * WIDTH];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = 0.5 * random.nextGaussian();
        }
        double[] empirical = GaussianAttention.empiricalMoments(tokens, n, WIDTH);
        double[] start = GaussianAttention.pack(new ArrayRealVector(WIDTH),
                MatrixUtils.createRealIdentityMatrix(WIDTH).scalarMultiply(0.25), new double[WIDTH + WIDTH * WIDTH]);
        double sum = 0;
        for (int i = 0; i < start.length; i++) {
            sum += (empirical[i] - start[i]) * (empirical[i] - start[i]);
        }
        return sum;
    }

    /** Draws for every count: Z real, Y from {@code horizon.applyAsDouble(n, Z)}. */
    private static MeanFieldLimitCheck.Draws draws(MeanFieldLimitCheck check, int repetitions,
            ToDoubleBiFunction<Integer, Double> horizon, Random random) {
        int[] perBatch = check.drawsPerBatch();
        double[][] atHorizon = new double[COUNTS.length][];
        double[][] atStart = new double[COUNTS.length][];
        for (int rung = 0; rung < COUNTS.length; rung++) {
            int n = COUNTS[rung];
            atHorizon[rung] = new double[perBatch[rung] * repetitions];
            atStart[rung] = new double[atHorizon[rung].length];
            for (int k = 0; k < atStart[rung].length; k++) {
                atStart[rung][k] = startDistance(n, random);
                atHorizon[rung][k] = horizon.applyAsDouble(n, atStart[rung][k]);
            }
        }
        return new MeanFieldLimitCheck.Draws(atHorizon, atStart, null, 0);
    }

    private static MeanFieldLimitCheck.Draws draws(MeanFieldLimitCheck check, int repetitions, double rate, double gamma,
            Random random) {
        return draws(check, repetitions, (n, z) -> Math.pow(n, 1 - 2 * rate) * Math.exp(2 * gamma / n)
                * (0.7 * z + 0.3 * startDistance(n, random)), random);
    }

    /** A draw of n tokens costs about n^2: the smaller counts get n_max / n draws per batch. */
    @Test
    void theSmallCountsGetMoreDraws() {
        assertArrayEquals(new int[] {8, 4, 2, 1}, new MeanFieldLimitCheck(COUNTS, 24, 0.5, 0.99).drawsPerBatch());
        assertArrayEquals(new int[] {2, 2, 1}, new MeanFieldLimitCheck(new int[] {6, 8, 12}, 24, 0.5, 0.99).drawsPerBatch());
    }

    /**
     * The control variate's mean, E|m_n(0) - m(0)|^2, against 40 000 clouds at n = 4 and 32 in R^2: within four
     * standard errors of the sample mean (an error in the Wishart variance or the 1/n bias, e.g. n in place of n - 1,
     * moves it by 8 % at n = 4, about 14 standard errors).
     */
    @Test
    void theStartsExpectedDistanceIsTheSampleMean() {
        Random random = new Random(3);
        for (int n : new int[] {4, 32}) {
            double[] z = new double[40_000];
            Arrays.setAll(z, k -> startDistance(n, random));
            double mean = Arrays.stream(z).average().orElseThrow();
            double sd = Math.sqrt(Arrays.stream(z).map(v -> (v - mean) * (v - mean)).sum() / (z.length - 1));
            double expected = MeanFieldLimitCheck.expectedStartDistance(n, WIDTH);
            assertEquals(expected, mean, 4 * sd / Math.sqrt(z.length), "n = " + n);
        }
    }

    /**
     * The zero field, where the tokens never move (Y = Z): rate exactly 1/2 and width 0, as the estimate is E Z itself
     * in every jackknife replicate. A fit of E Z's own curve with a constant and a 1/n term would give 0.5005 (the
     * start's 1/n^2 terms) with width 0: a knife edge the ratio to E Z removes. Any Y = c_n Z with
     * c_n = exp(-1.2/n) likewise gives 1/2 exactly.
     */
    @Test
    void fieldsThatScaleTheStartsErrorGiveOneHalfWithZeroWidth() {
        MeanFieldLimitCheck check = new MeanFieldLimitCheck(COUNTS, 24, 0.5, 0.99);
        for (double gamma : new double[] {0, -0.6}) {
            MeanFieldLimitCheck.RateInterval interval = check.rateInterval(
                    draws(check, 24, (n, z) -> Math.exp(2 * gamma / n) * z, new Random(1)), WIDTH);
            assertEquals(0.5, interval.mean(), 1e-12);
            assertEquals(0, interval.halfWidth(), 1e-12);
        }
    }

    /**
     * Coverage with a finite-n term four times the measured ones (gamma = -1): over 400 synthetic datasets of rate 1/2
     * the 90 % interval holds 1/2 in 360 ± 3 binomial standard deviations (18) of them, and the fitted rates average
     * 1/2 within 0.01. A straight line in log n through the RMS distances (the check's former fit) averages below
     * 0.42 on the same data: the bias that made the former check refute a true rate.
     */
    @Test
    void theIntervalCoversTheTrueRateAtItsConfidenceDespiteAOneOverNTerm() {
        Random random = new Random(17);
        MeanFieldLimitCheck check = new MeanFieldLimitCheck(COUNTS, 48, 0.5, 0.9);
        int covered = 0;
        double fitted = 0;
        double straightLine = 0;
        for (int dataset = 0; dataset < 400; dataset++) {
            MeanFieldLimitCheck.Draws draws = draws(check, 48, 0.5, -1, random);
            MeanFieldLimitCheck.RateInterval interval = check.rateInterval(draws, WIDTH);
            if (Math.abs(interval.mean() - 0.5) <= interval.halfWidth()) {
                covered++;
            }
            fitted += interval.mean() / 400;
            straightLine += -LogLogFit.slope(COUNTS, draws.rootMeanSquares()) / 400;
        }
        assertTrue(Math.abs(covered - 360) <= 18, covered + " of 400 covered");
        assertEquals(0.5, fitted, 0.01);
        assertTrue(straightLine < 0.42, "the straight line's mean rate " + straightLine);
    }

    /**
     * The claim's confidence holds for the run, not for each try: a run of 10 tries of a true rate (the datasets of the
     * coverage test above) at a claim confidence of 90 % takes each try's interval at 99 % (Bonferroni), and at most
     * 10 % of 50 runs, within 3 binomial standard deviations (6), refute it by chance. Until 2026-11-30 each try took
     * 90 %, and about 1 - 0.9^10 = 65 % of the runs refuted the true rate.
     */
    @Test
    void aRunOfManyTriesRefutesATrueRateByChanceNoMoreOftenThanTheClaimsConfidenceAllows() {
        Random random = new Random(23);
        MeanFieldLimitCheck run = (MeanFieldLimitCheck) new MeanFieldLimitCheck(COUNTS, 48, 0.5, 0.9).asOneOf(10);
        assertEquals(0.99, run.tryConfidence(), 1e-15);
        int refutingRuns = 0;
        for (int r = 0; r < 50; r++) {
            boolean refuted = false;
            for (int tried = 0; tried < 10; tried++) {
                MeanFieldLimitCheck.RateInterval interval = run.rateInterval(draws(run, 48, 0.5, -1, random), WIDTH);
                refuted |= Math.abs(interval.mean() - 0.5) > interval.halfWidth();
            }
            refutingRuns += refuted ? 1 : 0;
        }
        assertTrue(refutingRuns <= 5 + 6, refutingRuns + " of 50 runs refuted a true rate");
        assertTrue(run.statement().contains("the 99 % (90 % over 10 tries) Student-t interval"), run.statement());
        assertEquals("99.999999 %", MeanFieldLimitCheck.percent(1 - (1 - 0.9999) / 10_000), "not 100.000 %");
        assertEquals("99.9967 %", MeanFieldLimitCheck.percent(1 - (1 - 0.9999) / 3));
    }

    /**
     * The catalogue's designs, at rate 1/2 with a finite-n term, judged as the check judges (half-width plus the
     * truncation allowance): the default (96 batches: 768, 384, 192, 96 draws; 99.99 %) keeps 1/2 inside;
     * {@code false-mean-field-limit-rate-one}'s (48 batches) puts 1 outside and
     * {@code false-mean-field-limit-rate-0.65}'s (256 batches) puts 0.65 outside.
     */
    @Test
    void theCataloguesDesignsTellOneHalfFromTheFalseRates() {
        Random random = new Random(5);
        for (int dataset = 0; dataset < 10; dataset++) {
            for (int batches : new int[] {48, 96, 256}) {
                MeanFieldLimitCheck check = new MeanFieldLimitCheck(COUNTS, batches, 0.5, 0.9999);
                MeanFieldLimitCheck.RateInterval interval = check.rateInterval(draws(check, batches, 0.5, -0.25, random), WIDTH);
                double bound = interval.halfWidth() + check.truncationAllowance();
                assertTrue(Math.abs(interval.mean() - 0.5) <= bound, batches + ": " + interval);
                double falseRate = batches == 48 ? 1 : batches == 256 ? 0.65 : 0.5;
                assertTrue(falseRate == 0.5 || Math.abs(interval.mean() - falseRate) > bound, batches + ": " + interval);
            }
        }
    }

    /**
     * Found by the extended run (2026-11-29; try 7 of {@code mean-field-limit-gaussian}'s 20-try run at the default
     * seed), as a regression: a single-head softmax attention in R^3 on which the former straight-line fit of batches
     * of 4 measured 0.432 ± 0.063 and refuted the true rate 1/2. It holds now.
     */
    @Test
    void theExtendedRunsFalseAlarmHolds() {
        SelfAttention field = SelfAttention.fromWeights(1, 3, 1, Map.of(
                "wq", new double[][] {{-0.0011547005383792518, 5.773502691896259E-4, 0.13336791218280358}},
                "wk", new double[][] {{0.0, 0.0, -0.10161364737737415}},
                "wv", new double[][] {{0.02482606157515391, -0.22632130552233334, 0.023094010767585035},
                    {0.0, -0.5773502691896258, -0.005196152422706633},
                    {0.5773502691896258, -0.4162695440857202, -0.016165807537309524}})).certifiedFor(Domain.UNIT);
        Evidence evidence = new MeanFieldLimitCheck(COUNTS, 96, 0.5, 0.9999)
                .check(new Instance(field, new double[] {0.011, 0.917, -0.019}, null, 1.0, 0));
        assertEquals(Evidence.Finding.HOLDS, evidence.finding(), evidence.observed() + " against " + evidence.bound());
        // the claimed rate's line is drawn through the errors' centre: a slope to compare with, never a bound, which the
        // index would read as "observed/bound <= 1.024" of a claim that holds
        assertTrue(evidence.figures().stream().filter(figure -> figure instanceof Figure.Curves)
                .flatMap(figure -> ((Figure.Curves) figure).curves().stream())
                .noneMatch(curve -> curve.role() == Figure.Role.BOUND));
    }

    /**
     * The false mean-field claims' start [0, -0] (initial radius 0), which jqwik shrinks to [0, 0]: the check reads x0 as
     * the Gaussian's mean and through the draws' seed, both blind to a zero's sign, so it sees the two as one instance
     * (the shrinker then simulates one of them), and finds the same to the bit; a start without -0 is seen unchanged.
     */
    @Test
    void aStartDifferingOnlyInAZerosSignIsSeenAsTheSameInstanceAndFindsTheSame() {
        SelfAttention field = SelfAttention.fromWeights(1, 2, 1, Map.of(
                "wq", new double[][] {{0.35355339059327373, 0.35355339059327373}},
                "wk", new double[][] {{0.35355339059327373, 0.35355339059327373}},
                "wv", new double[][] {{0.35355339059327373, 0.35355339059327373},
                    {0.35355339059327373, 0.35355339059327373}})).certifiedFor(Domain.UNIT);
        MeanFieldLimitCheck check = new MeanFieldLimitCheck(new int[] {4, 8, 16}, 24, 0.5, 0.9999);
        Instance negativeZero = new Instance(field, new double[] {0.0, -0.0}, null, 0.5, 0);
        Instance zero = new Instance(field, new double[] {0.0, 0.0}, null, 0.5, 0);
        Instance nonzero = new Instance(field, new double[] {-0.25, 1e-300}, null, 0.5, 0);

        assertEquals(PropertyRunner.exactText(check.asSeen(zero)), PropertyRunner.exactText(check.asSeen(negativeZero)));
        assertNotEquals(PropertyRunner.exactText(zero), PropertyRunner.exactText(negativeZero));
        assertEquals(PropertyRunner.exactText(nonzero), PropertyRunner.exactText(check.asSeen(nonzero)));
        Evidence fromNegativeZero = check.check(negativeZero);
        Evidence fromZero = check.check(zero);
        assertEquals(fromZero.observed(), fromNegativeZero.observed());
        assertEquals(fromZero.bound(), fromNegativeZero.bound());
        assertEquals(Double.doubleToRawLongBits(fromZero.margin()), Double.doubleToRawLongBits(fromNegativeZero.margin()));
    }

    /**
     * The zero field (try 4 of the same run, two heads in R^2; the former fit read 0.450): the tokens never move, and
     * the estimate is exactly 1/2 with zero width, inside the fit's truncation allowance.
     */
    @Test
    void theZeroFieldMeasuresExactlyOneHalf() {
        double[][] zeros = new double[4][2];
        SelfAttention field = SelfAttention.fromWeights(1, 2, 2, Map.of("wq", zeros, "wk", zeros, "wv", zeros,
                "wo", new double[2][4])).certifiedFor(Domain.UNIT);
        Evidence evidence = new MeanFieldLimitCheck(COUNTS, 24, 0.5, 0.9999)
                .check(new Instance(field, new double[] {-0.7071067811865475, -0.7071067811865475}, null, 1.0, 0));
        assertEquals(Evidence.Finding.HOLDS, evidence.finding(), evidence.observed() + " against " + evidence.bound());
        assertEquals(0, evidence.margin(), 1e-12, evidence.observed());
    }

    /**
     * The model's truncation: a term delta/n^2 in the log RMS (delta = -2, the largest the check allows) biases the
     * fitted rate by up to {@link MeanFieldLimitCheck#truncationAllowance} (0.048 on the default ladder). At 1024
     * batches the interval alone (half-width near 0.02) misses 1/2 in every dataset, the interval widened by the
     * allowance holds it in each.
     */
    @Test
    void theTruncationAllowanceCoversTheNextTermOfTheModel() {
        Random random = new Random(11);
        MeanFieldLimitCheck check = new MeanFieldLimitCheck(COUNTS, 1024, 0.5, 0.9999);
        assertEquals(0.0476, check.truncationAllowance(), 1e-4);
        for (int dataset = 0; dataset < 3; dataset++) {
            MeanFieldLimitCheck.RateInterval interval = check.rateInterval(draws(check, 1024, (n, z) -> Math.exp(-0.5 / n
                    - 4.0 / (n * n)) * (0.7 * z + 0.3 * startDistance(n, random)), random), WIDTH);
            assertTrue(Math.abs(interval.mean() - 0.5) > interval.halfWidth(), interval.toString());
            assertTrue(Math.abs(interval.mean() - 0.5) <= interval.halfWidth() + check.truncationAllowance(),
                    interval.toString());
        }
    }

    /**
     * A hypothesis quietly wrong: L2 attention's scores, -|q - k|^2, do not tilt a Gaussian into a Gaussian, so the
     * moment ODE is not the PDE's solution there; the check refuses the field instead of measuring a rate against it.
     */
    @Test
    void aFieldWhoseMeasureDoesNotStayGaussianIsRefused() {
        double[][] weights = {{0.5, 0.5}};
        SelfAttention field = SelfAttention.fromWeights(AttentionVariant.l2(), 1, 2, 1, Map.of("wq", weights, "wk",
                weights, "wv", new double[][] {{0.5, 0}, {0, 0.5}})).certifiedFor(Domain.UNIT);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new MeanFieldLimitCheck(
                COUNTS, 24, 0.5, 0.9999).check(new Instance(field, new double[] {0, 0}, null, 1.0, 0)));
        assertTrue(refused.getMessage().contains("needs softmax attention with dot-product scores"), refused.getMessage());
    }

    /**
     * Near the singularity of the control variate: draws whose starts lie far from their stated law (mean Z about 14
     * times E Z) with Y convex in Z make {@code mean(Y) - beta (mean(Z) - E Z)} negative, a mean squared distance no
     * field can have. The check stops with the cause named instead of fitting the logarithm of a negative number (a
     * NaN rate). Without the guard this test fails.
     */
    @Test
    void aNegativeControlVariateEstimateIsAnErrorNotARate() {
        MeanFieldLimitCheck check = new MeanFieldLimitCheck(COUNTS, 24, 0.5, 0.99);
        double[] starts = {0, 0, 1, 10};
        int[] perBatch = check.drawsPerBatch();
        double[][] atHorizon = new double[COUNTS.length][];
        double[][] atStart = new double[COUNTS.length][];
        for (int rung = 0; rung < COUNTS.length; rung++) {
            atStart[rung] = new double[perBatch[rung] * 24];
            Arrays.setAll(atStart[rung], k -> starts[k % starts.length]);
            atHorizon[rung] = Arrays.stream(atStart[rung]).map(z -> z * z).toArray();
        }
        MeanFieldLimitCheck.Draws draws = new MeanFieldLimitCheck.Draws(atHorizon, atStart, null, 0);
        ArithmeticException stopped = assertThrows(ArithmeticException.class, () -> check.rateInterval(draws, WIDTH));
        assertTrue(stopped.getMessage().contains("control-variate estimate"), stopped.getMessage());
    }
}
