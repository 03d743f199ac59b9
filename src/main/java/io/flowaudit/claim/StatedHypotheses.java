package io.flowaudit.claim;

import io.flowaudit.claim.Evidence.Judgement;
import io.flowaudit.field.Certificate;
import io.flowaudit.field.Region;
import io.flowaudit.field.StatedConstants;
import io.flowaudit.field.VectorField;
import io.flowaudit.flow.ReferenceFlow;
import io.flowaudit.num.ApfloatSystem;
import io.flowaudit.num.DoubleSystem;
import io.flowaudit.num.NumberSystem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.util.Decimal64;

/**
 * Tests an auditor's stated constants against the field before a claim rests on them (README,
 * "Stated constants"). Each constant is a supremum over the stated region and [0, T]; it is sampled at
 * <ul>
 *   <li>points along the solution from x0 (where the theorems use the constants), paired with nearby
 *       points in random directions,</li>
 *   <li>random pairs in the stated region (a ball around the solution when the region is R^D),</li>
 *   <li>pairs found by a few steps of local search from the worst of those (hill climbing on the
 *       quotient).</li>
 * </ul>
 * The search runs in double; the {@link #CONFIRMED} largest values of each quotient are then
 * evaluated again at {@link #DIGITS} digits, and only those decide. Their rounding (about 10^-25
 * relative for the separations used) is far below {@link #RELATIVE_TOLERANCE}: a constant counts as
 * exceeded only when a quotient is above it by more than that. A sampled supremum can only show a
 * constant is too small, never prove it right: the report says "stated, checked", never "certified".
 */
public final class StatedHypotheses {

    static final int DIGITS = 30;
    /**
     * Slack, times max(1, |stated|), for the rounding of the stated decimal into a double and of the observed quotient
     * (at DIGITS digits, within about 10^-25) into one: half an ulp each, 2.2e-16 together; 1e-15 is four and a half
     * ulps. Below 1 it is absolute, for constants that are 0 (a quotient that is 0 in exact arithmetic is not exactly
     * 0 at DIGITS digits). Until 2026-12-01 it was 1e-12, which let a constant of 1 stated 1e-13 too small through.
     */
    static final double RELATIVE_TOLERANCE = 1e-15;
    static final int TRAJECTORY_POINTS = 33;
    static final int RANDOM_PAIRS = 200;
    static final int SEARCH_STARTS = 4;
    static final int SEARCH_STEPS = 40;
    /** Candidates per constant re-evaluated in arbitrary precision. */
    static final int CONFIRMED = 5;
    /** The seed of the sampling: fixed, so the same files always give the same verdict and numbers. */
    static final long SEED = 0x5EEDC0FFEEL;

    private final VectorField field;
    private final Certificate stated;
    private final double horizon;
    private final ApfloatSystem numbers = new ApfloatSystem(DIGITS);
    private final Random random = new Random(SEED);
    private final List<Pair> tried = new ArrayList<>();
    /** The end of the part of [0, T] the solution samples cover: T unless the reference was refused before it. */
    private double sampledUntil;

    private StatedHypotheses(VectorField field, Certificate stated, double horizon) {
        this.field = field;
        this.stated = stated;
        this.horizon = horizon;
    }

    public static StatedConstants check(VectorField field, Certificate stated, double[] initial, double horizon) {
        return new StatedHypotheses(field, stated, horizon).run(initial);
    }

    /**
     * The four constants of a certificate as sampled suprema, each a function of one pair evaluated in
     * double (search) or apfloat (decision); their names are the ones the report lists.
     */
    enum Quotient {
        LIPSCHITZ("K (Lipschitz)", "lipschitz"), ONE_SIDED("mu (one-sided Lipschitz)", "one-sided-lipschitz"),
        BOUND("M (bound of |F|)", "bound"), TIME_LIPSCHITZ("K_t (Lipschitz in t)", "time-lipschitz");

        final String constant;
        /** The constant's key in a claim file's {@code constants:}. */
        final String key;

        Quotient(String constant, String key) {
            this.constant = constant;
            this.key = key;
        }

        double valueIn(Certificate certificate) {
            return switch (this) {
                case LIPSCHITZ -> certificate.lipschitz();
                case ONE_SIDED -> certificate.oneSidedLipschitz();
                case BOUND -> certificate.bound();
                case TIME_LIPSCHITZ -> certificate.timeLipschitz();
            };
        }
    }

    private StatedConstants run(double[] initial) {
        double[][] solution = solutionSamples(initial);
        double[] norms = Arrays.stream(solution).mapToDouble(Region::euclideanNorm).toArray();
        int farthestSample = 0;
        for (int k = 1; k < norms.length; k++) {
            farthestSample = norms[k] > norms[farthestSample] ? k : farthestSample;
        }
        double farthest = norms[farthestSample];
        double radius = Double.isFinite(stated.region().radius()) ? stated.region().radius()
                : Math.max(1, 2 * farthest);
        double scale = Math.max(1, farthest);
        for (int k = 0; k < solution.length; k++) {
            // the constants are suprema over the region: where the solution has left it, they say nothing (the
            // region's own entry below reports the exit)
            if (norms[k] <= radius) {
                double t = sampledUntil * k / (solution.length - 1);
                tried.add(new Pair(t, solution[k], step(solution[k], 1e-3 * scale, radius)));
            }
        }
        for (int i = 0; i < RANDOM_PAIRS; i++) {
            double[] x = inBall(radius);
            tried.add(new Pair(random.nextDouble() * horizon, x, step(x, random.nextDouble() * radius, radius)));
        }
        search(Quotient.LIPSCHITZ, radius);
        search(Quotient.ONE_SIDED, radius);
        List<StatedConstants.Constant> constants = new ArrayList<>();
        for (Quotient quotient : Quotient.values()) {
            constants.add(confirm(quotient));
        }
        if (Double.isFinite(stated.region().radius())) {
            constants.add(new StatedConstants.Constant("region radius", stated.region().radius(), farthest,
                    "the solution from x0 at t = "
                            + Judgement.format(sampledUntil * farthestSample / (solution.length - 1)) + ", x = "
                            + Arrays.toString(solution[farthestSample]),
                    farthest > stated.region().radius()));
        }
        return new StatedConstants(tried.size(), constants);
    }

    /**
     * x(t_k) at equally spaced times of [0, {@link #sampledUntil}], from a double reference: the points only need to
     * lie on the solution. That is [0, T], or where the reference is refused (a blow-up), the part of it the
     * solution is followed on: a solution that leaves the stated region before it blows up refutes the region
     * (x' = x^2 from 1 leaves |x| <= 5 at t = 0.8 and was an error verdict, the refusal at t = 1).
     */
    private double[][] solutionSamples(double[] initial) {
        DoubleSystem doubles = DoubleSystem.INSTANCE;
        ReferenceFlow<Decimal64> flow = ReferenceFlow.followed(field, doubles, doubles.fromDoubles(initial),
                new Decimal64(horizon)).flow();
        Decimal64 end = flow.horizon();
        sampledUntil = end.getReal();
        double[][] samples = new double[TRAJECTORY_POINTS][];
        for (int k = 0; k < TRAJECTORY_POINTS; k++) {
            samples[k] = ConvergenceRun.toDoubles(flow.at(end.multiply(k).divide(TRAJECTORY_POINTS - 1)));
        }
        return samples;
    }

    /** Local search in double: random steps from the best pairs, kept when the quotient grows, shrunk when not. */
    private void search(Quotient quotient, double radius) {
        for (Pair start : best(quotient, SEARCH_STARTS)) {
            Pair current = start;
            double size = 0.1 * Math.max(1e-3, Region.euclideanDistance(current.x, current.y));
            for (int i = 0; i < SEARCH_STEPS; i++) {
                double t = Math.min(horizon, Math.max(0, current.t + size * random.nextGaussian() * horizon));
                Pair candidate = new Pair(t, step(current.x, size * random.nextDouble(), radius),
                        step(current.y, size * random.nextDouble(), radius));
                tried.add(candidate);
                if (candidate.inDouble.get(quotient) > current.inDouble.get(quotient)) {
                    current = candidate;
                } else {
                    size /= 2;
                }
            }
        }
    }

    private List<Pair> best(Quotient quotient, int count) {
        return tried.stream().sorted((a, b) -> Double.compare(b.inDouble.get(quotient), a.inDouble.get(quotient)))
                .limit(count).toList();
    }

    /** The largest values found in double, evaluated again at DIGITS digits: these decide. */
    private StatedConstants.Constant confirm(Quotient quotient) {
        double observed = Double.NEGATIVE_INFINITY;
        String witness = "";
        for (Pair pair : best(quotient, CONFIRMED)) {
            Map<Quotient, Double> exact = quotients(pair, numbers);
            if (exact.get(quotient) > observed) {
                observed = exact.get(quotient);
                witness = pair.describe(quotient);
            }
        }
        double statedValue = quotient.valueIn(stated);
        boolean exceeded = observed > statedValue + RELATIVE_TOLERANCE * Math.max(1, Math.abs(statedValue));
        return new StatedConstants.Constant(quotient.constant, statedValue, observed, witness, exceeded);
    }

    /**
     * Every quotient of one pair: |F(t,x) - F(t,y)|/|x - y|, <F(t,x) - F(t,y), x - y>/|x - y|^2,
     * max(|F(t,x)|, |F(t,y)|) and |F(t + dt, x) - F(t, x)|/|dt|, in the given number system.
     */
    private <T extends RealFieldElement<T>> Map<Quotient, Double> quotients(Pair pair, NumberSystem<T> system) {
        T t = system.fromDouble(pair.t);
        T[] x = system.fromDoubles(pair.x);
        T[] y = system.fromDoubles(pair.y);
        T[] fx = field.evaluate(t, x);
        T[] fy = field.evaluate(t, y);
        T later = system.fromDouble(pair.t + pair.dt());
        T[] fLater = field.evaluate(later, x);
        T squared = system.zero();
        T inner = system.zero();
        T gap = system.zero();
        T timeGap = system.zero();
        for (int i = 0; i < x.length; i++) {
            T dx = x[i].subtract(y[i]);
            T df = fx[i].subtract(fy[i]);
            T dft = fLater[i].subtract(fx[i]);
            squared = squared.add(dx.multiply(dx));
            inner = inner.add(df.multiply(dx));
            gap = gap.add(df.multiply(df));
            timeGap = timeGap.add(dft.multiply(dft));
        }
        Map<Quotient, Double> values = new EnumMap<>(Quotient.class);
        boolean apart = squared.getReal() > 0;
        values.put(Quotient.LIPSCHITZ, apart ? gap.divide(squared).sqrt().getReal() : 0);
        values.put(Quotient.ONE_SIDED, apart ? inner.divide(squared).getReal() : Double.NEGATIVE_INFINITY);
        values.put(Quotient.BOUND, Math.max(ConvergenceRun.norm(fx), ConvergenceRun.norm(fy)));
        // over the times the field was evaluated at: t + dt rounded to a double is not t + dt
        values.put(Quotient.TIME_LIPSCHITZ, timeGap.sqrt().divide(later.subtract(t).abs()).getReal());
        return values;
    }

    /** A point at distance {@code size} from x in a random direction, pulled back into the ball. */
    private double[] step(double[] x, double size, double radius) {
        double[] direction = unit(x.length);
        double[] y = new double[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = x[i] + size * direction[i];
        }
        double norm = Region.euclideanNorm(y);
        if (norm > radius) {
            for (int i = 0; i < y.length; i++) {
                y[i] *= radius / norm;
            }
        }
        return y;
    }

    private double[] inBall(double radius) {
        double[] direction = unit(field.dimension());
        double r = radius * StrictMath.pow(random.nextDouble(), 1.0 / direction.length);
        for (int i = 0; i < direction.length; i++) {
            direction[i] *= r;
        }
        return direction;
    }

    private double[] unit(int dimension) {
        double[] u = new double[dimension];
        double norm = 0;
        while (norm == 0) {
            for (int i = 0; i < dimension; i++) {
                u[i] = random.nextGaussian();
            }
            norm = Region.euclideanNorm(u);
        }
        for (int i = 0; i < dimension; i++) {
            u[i] /= norm;
        }
        return u;
    }

    /** Two states at one time, with their quotients in double (for the search). */
    private final class Pair {
        final double t;
        final double[] x;
        final double[] y;
        final Map<Quotient, Double> inDouble;

        Pair(double t, double[] x, double[] y) {
            this.t = t;
            this.x = x;
            this.y = y;
            this.inDouble = quotients(this, DoubleSystem.INSTANCE);
        }

        /** A difference quotient inside [0, T] never exceeds sup |dF/dt| there (mean value theorem). */
        double dt() {
            return t + 1e-4 * horizon <= horizon ? 1e-4 * horizon : -1e-4 * horizon;
        }

        String describe(Quotient quotient) {
            String at = "t = " + Judgement.format(t) + ", x = " + Arrays.toString(x);
            return switch (quotient) {
                case LIPSCHITZ -> "|F(t,x) - F(t,y)| / |x - y| at " + at + ", y = " + Arrays.toString(y);
                case ONE_SIDED -> "<F(t,x) - F(t,y), x - y> / |x - y|^2 at " + at + ", y = " + Arrays.toString(y);
                case BOUND -> "max(|F(t,x)|, |F(t,y)|) at " + at + ", y = " + Arrays.toString(y);
                case TIME_LIPSCHITZ -> "|F(t + dt, x) - F(t, x)| / |dt| at " + at + ", dt = " + Judgement.format(dt());
            };
        }
    }
}
