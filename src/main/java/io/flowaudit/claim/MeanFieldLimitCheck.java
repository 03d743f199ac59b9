package io.flowaudit.claim;

import io.flowaudit.claim.Evidence.Judgement;
import io.flowaudit.field.CertifiedField;
import io.flowaudit.field.transformer.AttentionVariant;
import io.flowaudit.field.transformer.SelfAttention;
import io.flowaudit.input.Setting;
import io.flowaudit.input.YamlNode;
import io.flowaudit.meanfield.GaussianAttention;
import io.flowaudit.meanfield.Integration;
import io.flowaudit.verdict.Figure;
import io.flowaudit.verdict.ValueText;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.IntToDoubleFunction;
import java.util.stream.Collectors;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;

/**
 * The mean-field limit at a measured rate (docs/theory.md, "The mean-field limit, measured"): n tokens drawn from
 * N(alpha_0, Sigma_0) and moved by the instance's softmax attention (constant weights, no mask) have, at T, an
 * empirical mean and covariance whose RMS distance (over repetitions) to the solution of the moment ODE (the
 * Transformer PDE's solution from the Gaussian start, which stays Gaussian) falls like n^{-rate}. The rate is fitted
 * with the O(1/n) term of a finite n (log RMS = c - rate log n + gamma/n, weighted least squares over the pooled
 * draws, the start's exactly known error as control variate), and the claimed rate must lie in its Student-t interval
 * at the stated {@code confidence} (the claim's, split over the run's tries: {@link #asOneOf}), the standard error from
 * the jackknife over independent batches of draws, widened by an allowance for the term the model leaves out
 * (docs/theory.md, "The mean-field limit, measured", says why it is sound and how wide it is); the resolution is the
 * measured integration error, carried to the fitted rate.
 */
final class MeanFieldLimitCheck implements TheoremCheck {

    /** The most tokens a rung may ask for: the particle field costs n^2 per evaluation. */
    static final int MAX_TOKENS = 512;
    /** Std of each coordinate of the Gaussian start: Sigma_0 = 0.25 I. */
    private static final double START_SPREAD = 0.5;
    /** Absolute and relative tolerance of the particle and moment integrations. */
    private static final double INTEGRATION_TOLERANCE = 1e-6;
    /** Times at which the covariance ellipses are drawn, as fractions of T. */
    private static final int ELLIPSE_TIMES = 3;

    /**
     * The largest |delta| of a term delta/n^2 in the log RMS that the check allows for (docs/theory.md, "The mean-field
     * limit, measured"): the model fits c - r log n + gamma/n, and at 1024 batches five fields show what it leaves
     * out, |delta| up to about 1.
     */
    static final double TRUNCATION_COEFFICIENT = 2;

    /** The fewest batches: the jackknife's standard error and its t quantile need a few dozen. */
    static final int MIN_BATCHES = 24;

    static final Setting<int[]> TOKEN_COUNTS = new Setting<>("token-counts", new int[] {4, 8, 16, 32},
            MeanFieldLimitCheck::tokenCounts);
    /** The batches: each holds one draw of the largest token count and {@link #drawsPerBatch} of every count. */
    static final Setting<Integer> REPETITIONS = new Setting<>("repetitions", 96, node -> {
        int value = node.requireInt();
        if (value < MIN_BATCHES || value > 1024) {
            throw node.error("repetitions (the draws of the largest token count, one per batch) must be from "
                    + MIN_BATCHES + " to 1024, got " + node.text());
        }
        return value;
    });
    /** The rate the claim states: 1/2 for independent samples (the law of large numbers' rate). */
    static final Setting<Double> CLAIMED_RATE = Setting.positive("claimed-rate", 0.5);
    static final Setting<Double> CONFIDENCE = new Setting<>("confidence", 0.9999, node -> {
        double value = node.requireDecimal().doubleValue();
        if (!(value >= 0.5 && value <= 0.9999)) {
            throw node.error("confidence must be in [0.5, 0.9999], got " + node.text());
        }
        return value;
    });

    static final CheckKinds.Kind KIND = new CheckKinds.Kind("mean-field-limit",
            List.of(TOKEN_COUNTS, REPETITIONS, CLAIMED_RATE, CONFIDENCE),
            (numerics, values) -> new MeanFieldLimitCheck(values.get(TOKEN_COUNTS), values.get(REPETITIONS),
                    values.get(CLAIMED_RATE), values.get(CONFIDENCE)), CheckKinds.Uses.DOUBLE_ONLY);

    private final int[] tokenCounts;
    private final int repetitions;
    private final double claimedRate;
    /** The claim's confidence: a true rate is refuted by chance in at most 1 - confidence of the runs. */
    private final double confidence;
    /** The tries of the run the confidence is split over. */
    private final int tries;
    private final RateFit fit;

    /** The check of a claim of one try. */
    MeanFieldLimitCheck(int[] tokenCounts, int repetitions, double claimedRate, double confidence) {
        this(tokenCounts, repetitions, claimedRate, confidence, 1);
    }

    private MeanFieldLimitCheck(int[] tokenCounts, int repetitions, double claimedRate, double confidence, int tries) {
        if (repetitions < MIN_BATCHES || tokenCounts.length < RateFit.TERMS) {
            throw new IllegalArgumentException("needs " + MIN_BATCHES + " repetitions and " + RateFit.TERMS + " token counts");
        }
        this.tokenCounts = tokenCounts.clone();
        this.repetitions = repetitions;
        this.claimedRate = claimedRate;
        this.confidence = confidence;
        this.tries = tries;
        this.fit = new RateFit(tokenCounts, drawsPerBatch());
    }

    /**
     * Each try is a statistical test that refutes a true rate by chance with probability up to 1 - its confidence, so a
     * run of N tries would refute it with probability up to N times that: each try's interval is taken at
     * 1 - (1 - confidence)/N (Bonferroni), which holds the run's chance of a false refutation to 1 - confidence however
     * many tries it makes (until 2026-11-30 every try took the claim's level: at 99.99 % a run of 10 000 tries allowed
     * about one refutation of a true rate by chance).
     */
    @Override
    public TheoremCheck asOneOf(int runTries) {
        return runTries == tries ? this
                : new MeanFieldLimitCheck(tokenCounts, repetitions, claimedRate, confidence, runTries);
    }

    /** The confidence of each try's interval: the claim's, split over the run's tries. */
    double tryConfidence() {
        return 1 - (1 - confidence) / tries;
    }

    /** The interval's level in words, e.g. "99.99 %" or "99.995 % (99.99 % over 2 tries)". */
    private String level() {
        return percent(tryConfidence()) + (tries == 1 ? "" : " (" + percent(confidence) + " over " + tries + " tries)");
    }

    /**
     * A level in percent with its miss, 1 - level, to two significant digits: 99.99 %, 99.9967 %, 99.999999 % (six
     * significant digits printed the level of 10 000 tries as "100.000 %").
     */
    static String percent(double level) {
        BigDecimal miss = ValueText.rounded(100 * (1 - level), 2);
        return BigDecimal.valueOf(100).subtract(miss).stripTrailingZeros().toPlainString() + " %";
    }

    @Override
    public String theorem() {
        return "Mean-field limit of attention (Gaussian start, moment ODE as the PDE's solution)";
    }

    @Override
    public String statement() {
        return "n tokens drawn from N(alpha_0, 0.25 I), alpha_0 the instance's first token, moved by the attention field"
                + " to T: the RMS over the draws of |(mean, covariance) of the tokens - (alpha(T), Sigma(T))|, the moment"
                + " ODE's solution, falls like n^{-r} (1 + O(1/n)) with r = " + Judgement.format(claimedRate) + ": r lies in"
                + " the " + level() + " Student-t interval of the rate fitted with a 1/n term"
                + " over n in " + Arrays.toString(tokenCounts) + " (" + describeDraws() + "), its standard error from the"
                + " jackknife over " + repetitions + " independent batches, widened by the fit's truncation (a term up to "
                + Judgement.format(TRUNCATION_COEFFICIENT) + "/n^2 in the log RMS).";
    }

    /** The draws of each token count, e.g. "768, 384, 192, 96 draws". */
    private String describeDraws() {
        return Arrays.stream(drawsPerBatch()).mapToObj(k -> Integer.toString(k * repetitions))
                .collect(Collectors.joining(", ", "", " draws"));
    }

    /**
     * The instance with every -0 of x0 made 0 ({@code x + 0.0}, which changes no other double): the check reads x0 only
     * so, as the Gaussian's mean and through the draws' seed, so [0, -0] and [0, 0] get the same draws and the same
     * finding, and the shrinker does not simulate the second again.
     */
    @Override
    public Instance asSeen(Instance instance) {
        double[] start = instance.initial().clone();
        for (int i = 0; i < start.length; i++) {
            start[i] += 0.0;
        }
        return new Instance(instance.field(), start, instance.perturbation(), instance.horizon(), instance.depth(),
                instance.exact());
    }

    @Override
    public Evidence check(Instance instance) {
        return checkSeen(asSeen(instance));
    }

    private Evidence checkSeen(Instance instance) {
        SelfAttention field = requireGaussianField(instance.field());
        int width = field.width();
        double horizon = instance.horizon();
        double[] times = Integration.grid(horizon, ELLIPSE_TIMES);
        RealVector startMean = new ArrayRealVector(Arrays.copyOf(instance.initial(), width));
        RealMatrix startCovariance = MatrixUtils.createRealIdentityMatrix(width).scalarMultiply(START_SPREAD * START_SPREAD);
        List<GaussianAttention.Head> heads = field.headMatrices(0).stream().map(head -> new GaussianAttention.Head(
                MatrixUtils.createRealMatrix(head.queryKey()), MatrixUtils.createRealMatrix(head.valuePath()))).toList();
        FirstOrderDifferentialEquations momentOde = GaussianAttention.momentOde(heads, width);
        double[] packedStart = GaussianAttention.pack(startMean, startCovariance, new double[width + width * width]);
        double[][] moments = Integration.states(momentOde, packedStart, times, INTEGRATION_TOLERANCE);
        double momentError = Integration.errorEstimate(momentOde, packedStart, times, INTEGRATION_TOLERANCE, moments);

        Draws draws = draws(field, instance, startMean, times, moments[0], moments[times.length - 1]);
        double[] errors = draws.rootMeanSquares();
        double[][] largestRun = draws.largestRun();
        double particleError = draws.particleError();
        // the integration errors, per component of (mean, covariance), over its d + d^2 components
        double resolution = Math.sqrt(width + width * width) * (particleError + momentError);
        double[] logResolutions = Arrays.stream(errors).map(error -> LogLogFit.logResolution(error, resolution)).toArray();
        RateInterval interval = rateInterval(draws, width);
        double rate = interval.mean();
        double truncation = truncationAllowance();
        Judgement judgement = new Judgement();
        judgement.atMost("|claimed rate - fitted rate " + Judgement.format(rate) + "|", Math.abs(rate - claimedRate),
                "half-width of the " + percent(tryConfidence()) + " interval " + Judgement.format(interval.halfWidth())
                        + " + the fit's truncation " + Judgement.format(truncation), interval.halfWidth() + truncation,
                new Resolution(fit.resolution(logResolutions)));
        List<Figure> figures = new ArrayList<>();
        figures.add(errorFigure(errors, interval, width));
        if (width >= 2) {
            figures.add(ellipseFigure(largestRun, moments, times, tokenCounts[tokenCounts.length - 1], width));
        }
        return Evidence.of(judgement, ReportedConstants.of(field, Map.of("observed rate", rate,
                "interval half-width", interval.halfWidth(), "truncation allowance", truncation)), figures);
    }

    /** The fitted rate and the half-width of its interval at the stated confidence. */
    record RateInterval(double mean, double halfWidth) {
    }

    /**
     * What the model leaves out, as a rate: a term {@code delta/n^2} in the log RMS with |delta| up to
     * {@link #TRUNCATION_COEFFICIENT} moves the fitted rate by at most this much (0.048 on the default ladder).
     */
    double truncationAllowance() {
        return fit.truncation(TRUNCATION_COEFFICIENT);
    }

    /**
     * Draws per batch of each token count: n_max / n rounded, at least 1. A draw of n tokens costs about n^2 (the
     * field's pairs), and the fit's 1/n term is measured at the small counts, so they get the most draws.
     */
    int[] drawsPerBatch() {
        int largest = tokenCounts[tokenCounts.length - 1];
        return Arrays.stream(tokenCounts).map(n -> Math.max(1, (int) Math.round((double) largest / n))).toArray();
    }

    /**
     * The fitted rate and the half-width {@code t_{B-1} se} of its interval at the stated confidence, two-sided, with
     * se the delete-one-batch jackknife's standard error over the B independent batches (batch b holds draws
     * {@code b k .. b k + k - 1} of a count with k draws per batch).
     * <p>Each count's mean squared distance at T is estimated with the start's squared distance Z as control variate:
     * E Z is known exactly ({@link #expectedStartDistance}), and the flow carries the start's sampling error to T, so
     * Y and Z are strongly correlated; {@code mean(Y) - beta (mean(Z) - E Z)}, beta the least-squares coefficient of Y
     * on Z, has the expectation of mean(Y) up to O(1/draws) and only the part 1 - corr(Y, Z)^2 of its variance. The
     * rate is 1/2 plus the rate fitted to the ratio of that estimate to E Z, the start's error, whose rate is exactly
     * 1/2 with known finite-n terms (so the fit's 1/n term is left with the flow's).
     */
    RateInterval rateInterval(Draws draws, int width) {
        int[] perBatch = drawsPerBatch();
        ControlledMean[] means = new ControlledMean[tokenCounts.length];
        for (int rung = 0; rung < tokenCounts.length; rung++) {
            means[rung] = new ControlledMean(draws.squaredDistances()[rung], draws.startSquaredDistances()[rung],
                    perBatch[rung], repetitions, expectedStartDistance(tokenCounts[rung], width));
        }
        double rate = 0.5 + fit.rate(rung -> means[rung].ratio(-1));
        double[] leftOut = new double[repetitions];
        for (int b = 0; b < repetitions; b++) {
            int batch = b;
            leftOut[b] = 0.5 + fit.rate(rung -> means[rung].ratio(batch));
        }
        double leftOutMean = Arrays.stream(leftOut).average().orElseThrow();
        double jackknifeVariance = (repetitions - 1.0) / repetitions
                * Arrays.stream(leftOut).map(r -> (r - leftOutMean) * (r - leftOutMean)).sum();
        double quantile = new TDistribution(repetitions - 1).inverseCumulativeProbability(1 - (1 - tryConfidence()) / 2);
        return new RateInterval(rate, quantile * Math.sqrt(jackknifeVariance));
    }

    /**
     * E|m_n(0) - m(0)|^2 for n tokens drawn from N(alpha, s^2 I) in R^d, s the start's spread: the mean's part is
     * d s^2 / n; n S (S the covariance with 1/n) is Wishart with n - 1 degrees of freedom, so each entry of S has
     * variance (n - 1)(1 + [j = k]) s^4 / n^2 and S has bias -s^2 I / n:
     * {@code d s^2 / n + s^4 ((n - 1)(d^2 + d) + d) / n^2}.
     */
    static double expectedStartDistance(int n, int width) {
        double variance = START_SPREAD * START_SPREAD;
        return width * variance / n + variance * variance * ((n - 1.0) * (width * width + width) + width) / ((double) n * n);
    }

    /**
     * One count's squared distances at T (Y) and at the start (Z), summed per batch, and the control-variate estimate
     * of E Y over all batches or all but one.
     */
    private static final class ControlledMean {

        private final double expectedStart;
        private final double draws;
        private final double[] sumY;
        private final double[] sumZ;
        private final double[] sumYZ;
        private final double[] sumZZ;
        private final double totalY;
        private final double totalZ;
        private final double totalYZ;
        private final double totalZZ;

        ControlledMean(double[] atHorizon, double[] atStart, int perBatch, int batches, double expectedStart) {
            this.expectedStart = expectedStart;
            this.draws = perBatch * batches;
            sumY = new double[batches];
            sumZ = new double[batches];
            sumYZ = new double[batches];
            sumZZ = new double[batches];
            for (int k = 0; k < perBatch * batches; k++) {
                int b = k / perBatch;
                sumY[b] += atHorizon[k];
                sumZ[b] += atStart[k];
                sumYZ[b] += atHorizon[k] * atStart[k];
                sumZZ[b] += atStart[k] * atStart[k];
            }
            totalY = Arrays.stream(sumY).sum();
            totalZ = Arrays.stream(sumZ).sum();
            totalYZ = Arrays.stream(sumYZ).sum();
            totalZZ = Arrays.stream(sumZZ).sum();
        }

        /** The estimate of E Y over E Z, leaving batch {@code leftOut} out (none when negative). */
        double ratio(int leftOut) {
            boolean drop = leftOut >= 0;
            double count = drop ? draws - draws / sumY.length : draws;
            double meanY = (totalY - (drop ? sumY[leftOut] : 0)) / count;
            double meanZ = (totalZ - (drop ? sumZ[leftOut] : 0)) / count;
            double covariance = (totalYZ - (drop ? sumYZ[leftOut] : 0)) / count - meanY * meanZ;
            double variance = (totalZZ - (drop ? sumZZ[leftOut] : 0)) / count - meanZ * meanZ;
            double estimate = meanY - covariance / variance * (meanZ - expectedStart);
            if (!(estimate > 0)) {
                throw new ArithmeticException("the control-variate estimate of a mean squared distance is " + estimate
                        + ": the draws are too few for this field");
            }
            return estimate / expectedStart;
        }
    }

    /**
     * The rate r of {@code log RMS(n) = c - r log n + gamma/n}, fitted by least squares to the logs of the RMS
     * distances with weights the draws of each count (a log RMS of k draws has variance about proportional to 1/k).
     * The fit is linear in the logs: r = -sum_i w_i log RMS_i, with w the slope row of the weighted normal equations.
     */
    static final class RateFit {

        /** The model's terms: a constant, log n and 1/n. */
        static final int TERMS = 3;

        private final double[] slopeWeights;
        private final int[] tokenCounts;

        RateFit(int[] tokenCounts, int[] weights) {
            this.tokenCounts = tokenCounts.clone();
            int rungs = tokenCounts.length;
            RealMatrix design = MatrixUtils.createRealMatrix(rungs, TERMS);
            RealMatrix weighted = MatrixUtils.createRealMatrix(TERMS, rungs);
            for (int i = 0; i < rungs; i++) {
                double[] row = {1, StrictMath.log(tokenCounts[i]), 1.0 / tokenCounts[i]};
                design.setRow(i, row);
                for (int j = 0; j < TERMS; j++) {
                    weighted.setEntry(j, i, weights[i] * row[j]);
                }
            }
            RealMatrix solution = new LUDecomposition(weighted.multiply(design)).getSolver().getInverse().multiply(weighted);
            slopeWeights = solution.getRow(1);
        }

        /** The fitted rate of the mean squared distances {@code meanSquared(rung)}. */
        double rate(IntToDoubleFunction meanSquared) {
            double slope = 0;
            for (int i = 0; i < slopeWeights.length; i++) {
                slope += slopeWeights[i] * 0.5 * StrictMath.log(meanSquared.applyAsDouble(i));
            }
            return -slope;
        }

        /** How far the rate may move when each log RMS may move by {@code logResolutions[i]}. */
        double resolution(double[] logResolutions) {
            double resolution = 0;
            for (int i = 0; i < slopeWeights.length; i++) {
                resolution += Math.abs(slopeWeights[i]) * logResolutions[i];
            }
            return resolution;
        }

        /** How far the rate moves when each log RMS gains {@code coefficient / n^2}, the term the model leaves out. */
        double truncation(double coefficient) {
            double slope = 0;
            for (int i = 0; i < slopeWeights.length; i++) {
                slope += slopeWeights[i] * coefficient / ((double) tokenCounts[i] * tokenCounts[i]);
            }
            return Math.abs(slope);
        }
    }

    /**
     * The squared distances {@code |m_n(T) - m(T)|^2} and {@code |m_n(0) - m(0)|^2} of every draw
     * ({@code [rung][draw]}), the states of the largest rung's first draw and its measured integration error, carried
     * to the moments.
     */
    record Draws(double[][] squaredDistances, double[][] startSquaredDistances, double[][] largestRun,
            double particleError) {

        double[] rootMeanSquares() {
            return Arrays.stream(squaredDistances).mapToDouble(row -> Math.sqrt(Arrays.stream(row).average().orElseThrow()))
                    .toArray();
        }
    }

    Draws draws(SelfAttention field, Instance instance, RealVector startMean, double[] times, double[] momentsAtStart,
            double[] momentsAtT) {
        int width = field.width();
        int[] perBatch = drawsPerBatch();
        double[][] squared = new double[tokenCounts.length][];
        double[][] startSquared = new double[tokenCounts.length][];
        double[][] largestRun = null;
        double particleError = 0;
        for (int rung = 0; rung < tokenCounts.length; rung++) {
            int n = tokenCounts[rung];
            FirstOrderDifferentialEquations particles = particles(field.withTokens(n));
            squared[rung] = new double[perBatch[rung] * repetitions];
            startSquared[rung] = new double[squared[rung].length];
            for (int repetition = 0; repetition < squared[rung].length; repetition++) {
                double[] start = gaussianTokens(n, startMean, seed(instance, n, repetition));
                startSquared[rung][repetition] = squaredDistance(GaussianAttention.empiricalMoments(start, n, width),
                        momentsAtStart);
                double[][] states = Integration.states(particles, start, times, INTEGRATION_TOLERANCE);
                double[] empirical = GaussianAttention.empiricalMoments(states[times.length - 1], n, width);
                squared[rung][repetition] = squaredDistance(empirical, momentsAtT);
                if (rung == tokenCounts.length - 1 && repetition == 0) {
                    largestRun = states;
                    // the moments are sums of tokens and products of two: a state error e moves them by (1 + 2 max|x|) e
                    particleError = (1 + 2 * TokenStructure.maxAbs(states[times.length - 1]))
                            * Integration.errorEstimate(particles, start, times, INTEGRATION_TOLERANCE, states);
                }
            }
        }
        return new Draws(squared, startSquared, largestRun, particleError);
    }

    /** Moments are closed only for the dot-product softmax of a measure: no mask (each token sees the whole measure). */
    private static SelfAttention requireGaussianField(CertifiedField field) {
        if (field instanceof SelfAttention attention && attention.isAutonomous()
                && attention.variant().equals(AttentionVariant.softmax())) {
            return attention;
        }
        throw new NotApplicableException("the Gaussian mean-field limit needs softmax attention with dot-product scores,"
                + " no mask and constant weights; got " + field.family());
    }

    /** The field on n tokens as the integrator's system. */
    private static FirstOrderDifferentialEquations particles(SelfAttention field) {
        return new FirstOrderDifferentialEquations() {
            @Override
            public int getDimension() {
                return field.dimension();
            }

            @Override
            public void computeDerivatives(double t, double[] x, double[] velocity) {
                field.evaluate(t, x, velocity);
            }
        };
    }

    /** The same draws for the same instance, token count and repetition, whatever the order of tries. */
    private static long seed(Instance instance, int tokens, int repetition) {
        return (Arrays.hashCode(instance.initial()) * 1_000_003L + tokens) * 1_000_003L + repetition;
    }

    private static double[] gaussianTokens(int tokens, RealVector mean, long seed) {
        Random random = new Random(seed);
        int width = mean.getDimension();
        double[] x = new double[tokens * width];
        for (int i = 0; i < tokens; i++) {
            for (int c = 0; c < width; c++) {
                x[i * width + c] = mean.getEntry(c) + START_SPREAD * random.nextGaussian();
            }
        }
        return x;
    }

    private static double squaredDistance(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return sum;
    }

    private Figure errorFigure(double[] errors, RateInterval interval, int width) {
        List<Double> counts = Arrays.stream(tokenCounts).asDoubleStream().boxed().toList();
        // the claimed rate's line through the geometric mean of the errors at the geometric mean of n: a slope to
        // compare with, not a bound (drawn as one until 2026-11-30, the index read "observed/bound <= 1.024" of a claim
        // that holds)
        double logCentreN = Arrays.stream(tokenCounts).mapToDouble(StrictMath::log).average().orElseThrow();
        double logCentreError = Arrays.stream(errors).map(StrictMath::log).average().orElseThrow();
        List<Double> claimed = counts.stream()
                .map(n -> StrictMath.exp(logCentreError - claimedRate * (StrictMath.log(n) - logCentreN))).toList();
        return new Figure.Curves("Moments of n tokens against the moment ODE at T (fitted rate "
                + Judgement.format(interval.mean()) + " ± " + Judgement.format(interval.halfWidth()) + " at "
                + percent(tryConfidence()) + ")", "tokens n", "RMS |(mean, cov) of the tokens − (α(T), Σ(T))|", true, true,
                List.of(new Figure.Curve("observed RMS distance over the draws", Figure.Role.OBSERVED, counts,
                        Arrays.stream(errors).boxed().toList()),
                        new Figure.Curve("the start's RMS distance (exact, the control variate's mean)", Figure.Role.PREDICTION,
                                counts, Arrays.stream(tokenCounts).mapToDouble(n -> Math.sqrt(expectedStartDistance(n, width)))
                                        .boxed().toList()),
                        new Figure.Curve(String.format(Locale.ROOT, "claimed n^(−%.3g)", claimedRate), Figure.Role.PREDICTION, counts,
                                claimed)));
    }

    /**
     * The 2-sigma ellipses of the first two coordinates: the moment ODE's Sigma(t) (predicted) and the covariance of
     * the largest token count's first draw (observed), at each time of the grid.
     */
    private static Figure ellipseFigure(double[][] states, double[][] moments, double[] times, int tokens, int width) {
        List<Figure.Curve> curves = new ArrayList<>();
        for (int k = 0; k < times.length; k++) {
            String at = String.format(Locale.ROOT, "t = %.3g", times[k]);
            curves.add(ellipse("tokens' covariance, " + at, Figure.Role.OBSERVED,
                    GaussianAttention.empiricalMoments(states[k], tokens, width), width));
            curves.add(ellipse("Σ(t) of the moment ODE, " + at, Figure.Role.PREDICTION, moments[k], width));
        }
        return new Figure.Curves("Covariance ellipses (2σ, coordinates 1 and 2) at t = 0, T/3, 2T/3, T, n = " + tokens,
                "x₁", "x₂", false, false, curves);
    }

    private static Figure.Curve ellipse(String label, Figure.Role role, double[] packed, int width) {
        RealVector mean = GaussianAttention.mean(packed, width);
        RealMatrix covariance = GaussianAttention.covariance(packed, width).getSubMatrix(0, 1, 0, 1);
        EigenDecomposition eigen = new EigenDecomposition(covariance);
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        int points = 48;
        for (int p = 0; p <= points; p++) {
            double angle = 2 * Math.PI * p / points;
            RealVector point = mean.getSubVector(0, 2);
            for (int e = 0; e < 2; e++) {
                double radius = 2 * Math.sqrt(Math.max(0, eigen.getRealEigenvalue(e)));
                point = point.add(eigen.getEigenvector(e).mapMultiply(radius * (e == 0 ? StrictMath.cos(angle) : StrictMath.sin(angle))));
            }
            x.add(point.getEntry(0));
            y.add(point.getEntry(1));
        }
        return new Figure.Curve(label, role, x, y);
    }

    private static int[] tokenCounts(YamlNode node) {
        List<YamlNode> items = node.sequence();
        if (items.size() < RateFit.TERMS) {
            throw node.error("token-counts needs at least " + RateFit.TERMS + " token counts (the rate is fitted with a"
                    + " constant and a 1/n term), e.g. [4, 8, 16, 32]");
        }
        int[] counts = new int[items.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = items.get(i).requireInt();
            if (counts[i] < 2 || counts[i] > MAX_TOKENS || (i > 0 && counts[i] <= counts[i - 1])) {
                throw items.get(i).error("token counts must be increasing, from 2 to " + MAX_TOKENS + ", got "
                        + items.get(i).text());
            }
        }
        return counts;
    }
}
