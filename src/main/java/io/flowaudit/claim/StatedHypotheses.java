package io.flowaudit.claim;

import io.flowaudit.field.Certificate;
import io.flowaudit.field.StatedConstants;
import io.flowaudit.field.VectorField;
import io.flowaudit.flow.ReferenceFlow;
import io.flowaudit.num.ApfloatElement;
import io.flowaudit.num.ApfloatSystem;
import io.flowaudit.num.DoubleSystem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;
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
 * Quotients are evaluated at {@link #DIGITS} digits, so their rounding (about 10^-25 relative for
 * the separations used) is far below {@link #RELATIVE_TOLERANCE}: a constant counts as exceeded only
 * when a quotient is above it by more than that. A sampled supremum can only show a constant is too
 * small, never prove it right: the report says "stated, checked", never "certified".
 */
public final class StatedHypotheses {

    static final int DIGITS = 30;
    /** Relative slack for rounding of the quotients and of the stated decimal into a double. */
    static final double RELATIVE_TOLERANCE = 1e-12;
    static final int TRAJECTORY_POINTS = 33;
    static final int RANDOM_PAIRS = 200;
    static final int SEARCH_STARTS = 4;
    static final int SEARCH_STEPS = 40;
    /** The seed of the sampling: fixed, so the same files always give the same verdict and numbers. */
    static final long SEED = 0x5EEDC0FFEEL;

    private final VectorField field;
    private final Certificate stated;
    private final double horizon;
    private final ApfloatSystem numbers = new ApfloatSystem(DIGITS);
    private final Random random = new Random(SEED);
    private final Sup lipschitz = new Sup("K (Lipschitz)");
    private final Sup oneSided = new Sup("mu (one-sided Lipschitz)");
    private final Sup bound = new Sup("M (bound of |F|)");
    private final Sup timeLipschitz = new Sup("K_t (Lipschitz in t)");
    private int points;

    private StatedHypotheses(VectorField field, Certificate stated, double horizon) {
        this.field = field;
        this.stated = stated;
        this.horizon = horizon;
    }

    public static StatedConstants check(VectorField field, Certificate stated, double[] initial, double horizon) {
        return new StatedHypotheses(field, stated, horizon).run(initial);
    }

    private StatedConstants run(double[] initial) {
        double[][] solution = solutionSamples(initial);
        double farthest = Arrays.stream(solution).mapToDouble(ConvergenceRun::euclidean).max().orElse(0);
        double radius = Double.isFinite(stated.region().radius()) ? stated.region().radius()
                : Math.max(1, 2 * farthest);
        double scale = Math.max(1, farthest);
        List<Pair> pairs = new ArrayList<>();
        for (int k = 0; k < solution.length; k++) {
            double t = horizon * k / (solution.length - 1);
            pairs.add(new Pair(t, solution[k], step(solution[k], 1e-3 * scale, radius)));
        }
        for (int i = 0; i < RANDOM_PAIRS; i++) {
            double[] x = inBall(radius);
            pairs.add(new Pair(random.nextDouble() * horizon, x, step(x, random.nextDouble() * radius, radius)));
        }
        pairs.forEach(this::measure);
        search(pairs, this::lipschitzQuotient, radius);
        search(pairs, this::oneSidedQuotient, radius);
        List<StatedConstants.Constant> constants = new ArrayList<>(List.of(lipschitz.against(stated.lipschitz()),
                oneSided.against(stated.oneSidedLipschitz()), bound.against(stated.bound()),
                timeLipschitz.against(stated.timeLipschitz())));
        if (Double.isFinite(stated.region().radius())) {
            int worst = 0;
            for (int k = 0; k < solution.length; k++) {
                worst = ConvergenceRun.euclidean(solution[k]) > ConvergenceRun.euclidean(solution[worst]) ? k : worst;
            }
            constants.add(new StatedConstants.Constant("region radius", stated.region().radius(), farthest,
                    "the solution from x0 at t = " + Judgement.format(horizon * worst / (solution.length - 1))
                            + ", x = " + Arrays.toString(solution[worst]),
                    farthest > stated.region().radius()));
        }
        return new StatedConstants(points, constants);
    }

    /** x(t_k) at equally spaced times, from a double reference: the points only need to lie on the solution. */
    private double[][] solutionSamples(double[] initial) {
        DoubleSystem doubles = DoubleSystem.INSTANCE;
        Decimal64 end = new Decimal64(horizon);
        ReferenceFlow<Decimal64> flow = ReferenceFlow.compute(field, doubles, doubles.fromDoubles(initial), end);
        double[][] samples = new double[TRAJECTORY_POINTS][];
        for (int k = 0; k < TRAJECTORY_POINTS; k++) {
            samples[k] = ConvergenceRun.toDoubles(flow.at(end.multiply(k).divide(TRAJECTORY_POINTS - 1)));
        }
        return samples;
    }

    /** Local search: random steps from the best pairs, kept when the quotient grows, halved when not. */
    private void search(List<Pair> pairs, ToDoubleFunction<Pair> quotient, double radius) {
        List<Pair> best = pairs.stream()
                .sorted((a, b) -> Double.compare(quotient.applyAsDouble(b), quotient.applyAsDouble(a)))
                .limit(SEARCH_STARTS).toList();
        for (Pair start : best) {
            Pair current = start;
            double value = quotient.applyAsDouble(current);
            double size = 0.1 * Math.max(1e-3, distance(current.x, current.y));
            for (int i = 0; i < SEARCH_STEPS; i++) {
                double t = Math.min(horizon, Math.max(0, current.t + size * random.nextGaussian() * horizon));
                Pair candidate = new Pair(t, step(current.x, size * random.nextDouble(), radius),
                        step(current.y, size * random.nextDouble(), radius));
                measure(candidate);
                double candidateValue = quotient.applyAsDouble(candidate);
                if (candidateValue > value) {
                    current = candidate;
                    value = candidateValue;
                } else {
                    size /= 2;
                }
            }
        }
    }

    /** Evaluates one pair: F(t,x), F(t,y), F(t+dt,x) at DIGITS digits, updating every supremum. */
    private void measure(Pair pair) {
        if (pair.evaluated) {
            return;
        }
        ApfloatElement t = numbers.fromDouble(pair.t);
        ApfloatElement[] x = numbers.fromDoubles(pair.x);
        ApfloatElement[] y = numbers.fromDoubles(pair.y);
        ApfloatElement[] fx = field.evaluate(t, x);
        ApfloatElement[] fy = field.evaluate(t, y);
        // a difference quotient inside [0, T] never exceeds sup |dF/dt| there (mean value theorem)
        double dt = pair.t + 1e-4 * horizon <= horizon ? 1e-4 * horizon : -1e-4 * horizon;
        ApfloatElement later = numbers.fromDouble(pair.t + dt);
        ApfloatElement[] fLater = field.evaluate(later, x);
        points++;
        ApfloatElement squared = numbers.zero();
        ApfloatElement inner = numbers.zero();
        ApfloatElement gap = numbers.zero();
        for (int i = 0; i < x.length; i++) {
            ApfloatElement dx = x[i].subtract(y[i]);
            ApfloatElement df = fx[i].subtract(fy[i]);
            squared = squared.add(dx.multiply(dx));
            inner = inner.add(df.multiply(dx));
            gap = gap.add(df.multiply(df));
        }
        pair.lipschitz = squared.getReal() > 0 ? gap.divide(squared).sqrt().getReal() : 0;
        pair.oneSided = squared.getReal() > 0 ? inner.divide(squared).getReal() : Double.NEGATIVE_INFINITY;
        pair.evaluated = true;
        String where = "t = " + Judgement.format(pair.t) + ", x = " + Arrays.toString(pair.x) + ", y = "
                + Arrays.toString(pair.y);
        lipschitz.offer(pair.lipschitz, "|F(t,x) - F(t,y)| / |x - y| at " + where);
        oneSided.offer(pair.oneSided, "<F(t,x) - F(t,y), x - y> / |x - y|^2 at " + where);
        bound.offer(norm(fx), "|F(t,x)| at t = " + Judgement.format(pair.t) + ", x = " + Arrays.toString(pair.x));
        bound.offer(norm(fy), "|F(t,y)| at t = " + Judgement.format(pair.t) + ", y = " + Arrays.toString(pair.y));
        ApfloatElement timeGap = numbers.zero();
        for (int i = 0; i < x.length; i++) {
            ApfloatElement d = fLater[i].subtract(fx[i]);
            timeGap = timeGap.add(d.multiply(d));
        }
        timeLipschitz.offer(timeGap.sqrt().getReal() / Math.abs(dt), "|F(t + dt, x) - F(t, x)| / dt at " + where
                .substring(0, where.indexOf(", y =")) + ", dt = " + Judgement.format(dt));
    }

    private double lipschitzQuotient(Pair pair) {
        measure(pair);
        return pair.lipschitz;
    }

    private double oneSidedQuotient(Pair pair) {
        measure(pair);
        return pair.oneSided;
    }

    private static double norm(ApfloatElement[] values) {
        ApfloatElement sum = values[0].getField().getZero();
        for (ApfloatElement v : values) {
            sum = sum.add(v.multiply(v));
        }
        return sum.sqrt().getReal();
    }

    /** A point at distance {@code size} from x in a random direction, pulled back into the ball. */
    private double[] step(double[] x, double size, double radius) {
        double[] direction = unit(x.length);
        double[] y = new double[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = x[i] + size * direction[i];
        }
        double norm = ConvergenceRun.euclidean(y);
        if (norm > radius) {
            for (int i = 0; i < y.length; i++) {
                y[i] *= radius / norm;
            }
        }
        return y;
    }

    private double[] inBall(double radius) {
        double[] direction = unit(field.dimension());
        double r = radius * Math.pow(random.nextDouble(), 1.0 / direction.length);
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
            norm = ConvergenceRun.euclidean(u);
        }
        for (int i = 0; i < dimension; i++) {
            u[i] /= norm;
        }
        return u;
    }

    private static double distance(double[] a, double[] b) {
        double[] difference = new double[a.length];
        Arrays.setAll(difference, i -> a[i] - b[i]);
        return ConvergenceRun.euclidean(difference);
    }

    private static final class Pair {
        final double t;
        final double[] x;
        final double[] y;
        boolean evaluated;
        double lipschitz;
        double oneSided;

        Pair(double t, double[] x, double[] y) {
            this.t = t;
            this.x = x;
            this.y = y;
        }
    }

    /** The largest value of one quotient seen so far, and where. */
    private static final class Sup {
        final String name;
        double value = Double.NEGATIVE_INFINITY;
        String witness = "";

        Sup(String name) {
            this.name = name;
        }

        void offer(double candidate, String where) {
            if (candidate > value) {
                value = candidate;
                witness = where;
            }
        }

        StatedConstants.Constant against(double statedValue) {
            boolean exceeded = value > statedValue + RELATIVE_TOLERANCE * Math.max(1, Math.abs(statedValue));
            return new StatedConstants.Constant(name, statedValue, value, witness, exceeded);
        }
    }
}
