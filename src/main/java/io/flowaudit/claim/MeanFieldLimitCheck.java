package io.flowaudit.claim;

import io.flowaudit.field.CertifiedField;
import io.flowaudit.field.transformer.AttentionVariant;
import io.flowaudit.field.transformer.SelfAttention;
import io.flowaudit.input.YamlNode;
import io.flowaudit.meanfield.GaussianAttention;
import io.flowaudit.meanfield.Integration;
import io.flowaudit.verdict.Figure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;

/**
 * The mean-field limit at a measured rate (docs/theory.md, "The mean-field limit, measured"): n tokens drawn from
 * N(alpha_0, Sigma_0) and moved by the instance's softmax attention (constant weights, no mask) have, at T, an
 * empirical mean and covariance whose RMS distance (over repetitions) to the solution of the moment ODE (the
 * Transformer PDE's solution from the Gaussian start, which stays Gaussian) falls like n^{-rate}. The verdict rests on
 * a confidence interval: the draws form independent batches of {@link #BATCH} per token count, each batch gives a
 * least-squares rate over the token counts, and the claimed rate must lie in the Student-t interval of the batches'
 * mean rate at the stated {@code confidence} (docs/theory.md, "The mean-field limit, measured", says why it is sound
 * and how wide it is); the resolution is the measured integration error, carried to the fitted rate.
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

    /** Draws per batch and token count: each batch's rate is fitted to the RMS of its draws. */
    static final int BATCH = 4;

    static final CheckSetting<int[]> TOKEN_COUNTS = new CheckSetting<>("token-counts", new int[] {4, 8, 16, 32},
            MeanFieldLimitCheck::tokenCounts);
    static final CheckSetting<Integer> REPETITIONS = new CheckSetting<>("repetitions", 192, node -> {
        int value = node.requireInt();
        if (value < 3 * BATCH || value > 1024 || value % BATCH != 0) {
            throw node.error("repetitions must be a multiple of " + BATCH + " from " + 3 * BATCH + " to 1024 (batches of "
                    + BATCH + " draws), got " + node.text());
        }
        return value;
    });
    /** The rate the claim states: 1/2 for independent samples (the law of large numbers' rate). */
    static final CheckSetting<Double> CLAIMED_RATE = CheckSetting.positive("claimed-rate", 0.5);
    static final CheckSetting<Double> CONFIDENCE = new CheckSetting<>("confidence", 0.9999, node -> {
        double value = node.requireDecimal().doubleValue();
        if (!(value >= 0.5 && value <= 0.9999)) {
            throw node.error("confidence must be in [0.5, 0.9999], got " + node.text());
        }
        return value;
    });

    static final CheckKinds.Kind KIND = new CheckKinds.Kind("mean-field-limit",
            List.of(TOKEN_COUNTS, REPETITIONS, CLAIMED_RATE, CONFIDENCE),
            (numerics, values) -> new MeanFieldLimitCheck(values.get(TOKEN_COUNTS), values.get(REPETITIONS),
                    values.get(CLAIMED_RATE), values.get(CONFIDENCE)));

    private final int[] tokenCounts;
    private final int repetitions;
    private final double claimedRate;
    private final double confidence;

    MeanFieldLimitCheck(int[] tokenCounts, int repetitions, double claimedRate, double confidence) {
        if (repetitions % BATCH != 0 || repetitions < 3 * BATCH) {
            throw new IllegalArgumentException("repetitions must be a multiple of " + BATCH + ", at least " + 3 * BATCH);
        }
        this.tokenCounts = tokenCounts.clone();
        this.repetitions = repetitions;
        this.claimedRate = claimedRate;
        this.confidence = confidence;
    }

    @Override
    public String theorem() {
        return "Mean-field limit of attention (Gaussian start, moment ODE as the PDE's solution)";
    }

    @Override
    public String statement() {
        return "n tokens drawn from N(alpha_0, 0.25 I), alpha_0 the instance's first token, moved by the attention field"
                + " to T: the RMS over " + repetitions + " draws of |(mean, covariance) of the tokens - (alpha(T), Sigma(T))|,"
                + " the moment ODE's solution, falls like n^{-r} with r = " + Judgement.format(claimedRate) + ": r lies in"
                + " the " + Judgement.format(100 * confidence) + " % Student-t interval of the mean least-squares rate over n in "
                + Arrays.toString(tokenCounts) + " of " + repetitions / BATCH + " independent batches of " + BATCH
                + " draws.";
    }

    @Override
    public Evidence check(Instance instance) {
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

        Draws draws = draws(field, instance, startMean, times, moments[times.length - 1]);
        double[] errors = draws.rootMeanSquares();
        double[][] largestRun = draws.largestRun();
        double particleError = draws.particleError();
        // the integration errors, per component of (mean, covariance), over its d + d^2 components
        double resolution = Math.sqrt(width + width * width) * (particleError + momentError);
        double[] logResolutions = Arrays.stream(errors).map(error -> LogLogFit.logResolution(error, resolution)).toArray();
        RateInterval interval = rateInterval(draws.squaredDistances());
        double rate = interval.mean();
        Judgement judgement = new Judgement();
        judgement.atMost("|claimed rate - mean batch rate " + Judgement.format(rate) + "|", Math.abs(rate - claimedRate),
                "half-width of the " + Judgement.format(100 * confidence) + " % interval", interval.halfWidth(),
                new Resolution(LogLogFit.slopeResolution(tokenCounts, logResolutions)));
        List<Figure> figures = new ArrayList<>();
        figures.add(errorFigure(errors, interval));
        if (width >= 2) {
            figures.add(ellipseFigure(largestRun, moments, times, tokenCounts[tokenCounts.length - 1], width));
        }
        return Evidence.of(judgement, ReportedConstants.of(field, Map.of("observed rate", rate,
                "interval half-width", interval.halfWidth())), figures);
    }

    /** The batches' mean rate and the half-width of its interval at the stated confidence. */
    record RateInterval(double mean, double halfWidth) {
    }

    /**
     * Splits the draws of every token count into batches of {@link #BATCH} (draw b·BATCH .. of each count, all
     * independent), fits each batch's rate to the RMS of its draws, and returns the mean rate with the Student-t
     * half-width {@code t_{B-1} s / sqrt(B)} at the stated confidence, two-sided.
     */
    RateInterval rateInterval(double[][] squaredDistances) {
        int batches = repetitions / BATCH;
        double[] rates = new double[batches];
        for (int b = 0; b < batches; b++) {
            double[] errors = new double[tokenCounts.length];
            for (int rung = 0; rung < tokenCounts.length; rung++) {
                double sum = 0;
                for (int k = b * BATCH; k < (b + 1) * BATCH; k++) {
                    sum += squaredDistances[rung][k];
                }
                errors[rung] = Math.sqrt(sum / BATCH);
            }
            rates[b] = -LogLogFit.slope(tokenCounts, errors);
        }
        double mean = Arrays.stream(rates).average().orElseThrow();
        double variance = Arrays.stream(rates).map(r -> (r - mean) * (r - mean)).sum() / (batches - 1);
        double quantile = new TDistribution(batches - 1).inverseCumulativeProbability(1 - (1 - confidence) / 2);
        return new RateInterval(mean, quantile * Math.sqrt(variance / batches));
    }

    /**
     * The squared distances {@code |m_n(T) - m(T)|^2} of every draw ({@code [rung][repetition]}), the states of the
     * largest rung's first draw and its measured integration error, carried to the moments.
     */
    record Draws(double[][] squaredDistances, double[][] largestRun, double particleError) {

        double[] rootMeanSquares() {
            return Arrays.stream(squaredDistances).mapToDouble(row -> Math.sqrt(Arrays.stream(row).average().orElseThrow()))
                    .toArray();
        }
    }

    Draws draws(SelfAttention field, Instance instance, RealVector startMean, double[] times, double[] momentsAtT) {
        int width = field.width();
        double[][] squared = new double[tokenCounts.length][repetitions];
        double[][] largestRun = null;
        double particleError = 0;
        for (int rung = 0; rung < tokenCounts.length; rung++) {
            int n = tokenCounts[rung];
            FirstOrderDifferentialEquations particles = particles(field.withTokens(n));
            for (int repetition = 0; repetition < repetitions; repetition++) {
                double[] start = gaussianTokens(n, startMean, seed(instance, n, repetition));
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
        return new Draws(squared, largestRun, particleError);
    }

    /** Moments are closed only for the dot-product softmax of a measure: no mask (each token sees the whole measure). */
    private static SelfAttention requireGaussianField(CertifiedField field) {
        if (field instanceof SelfAttention attention && attention.isAutonomous()
                && attention.variant().equals(AttentionVariant.softmax())) {
            return attention;
        }
        throw new IllegalArgumentException("the Gaussian mean-field limit needs softmax attention with dot-product scores,"
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

    private Figure errorFigure(double[] errors, RateInterval interval) {
        List<Double> counts = Arrays.stream(tokenCounts).asDoubleStream().boxed().toList();
        // the claimed rate's line through the geometric mean of the errors at the geometric mean of n
        double logCentreN = Arrays.stream(tokenCounts).mapToDouble(Math::log).average().orElseThrow();
        double logCentreError = Arrays.stream(errors).map(Math::log).average().orElseThrow();
        List<Double> claimed = counts.stream()
                .map(n -> Math.exp(logCentreError - claimedRate * (Math.log(n) - logCentreN))).toList();
        return new Figure.Curves("Moments of n tokens against the moment ODE at T (mean batch rate "
                + Judgement.format(interval.mean()) + " ± " + Judgement.format(interval.halfWidth()) + " at "
                + Judgement.format(100 * confidence) + " %)", "tokens n", "RMS |(mean, cov) of the tokens − (α(T), Σ(T))|", true, true,
                List.of(new Figure.Curve("observed RMS distance over the draws", Figure.Role.OBSERVED, counts,
                        Arrays.stream(errors).boxed().toList()),
                        new Figure.Curve(String.format(Locale.ROOT, "claimed n^(−%.3g)", claimedRate), Figure.Role.BOUND, counts,
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
                point = point.add(eigen.getEigenvector(e).mapMultiply(radius * (e == 0 ? Math.cos(angle) : Math.sin(angle))));
            }
            x.add(point.getEntry(0));
            y.add(point.getEntry(1));
        }
        return new Figure.Curve(label, role, x, y);
    }

    private static int[] tokenCounts(YamlNode node) {
        List<YamlNode> items = node.sequence();
        if (items.size() < 2) {
            throw node.error("token-counts needs at least two token counts, e.g. [8, 16, 32, 64]");
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
