package io.flowaudit.field;

import io.flowaudit.num.interval.Dual;
import io.flowaudit.num.interval.Interval;
import io.flowaudit.num.interval.IntervalSystem;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * K, mu, M, K_t and M2 of a vector field, proved on a region {@code [0, T] x B} (B a box, or the part of a
 * box within a {@link Region}: a Euclidean ball around 0, or a ball per token) by evaluating the field on
 * {@link Dual}s over sub-boxes:
 * <ul>
 * <li>M: {@code sup |F|} is at most {@code sqrt(sum_j max|F_j|^2)} over each sub-box's enclosure of F;</li>
 * <li>K_t: the same of the enclosure of {@code dF/dt} (mean-value theorem in t);</li>
 * <li>M2: the same of {@code dF/dt + J F}, the derivative of {@code t -> F(t, x(t))} along every solution
 * in the region, so a Lipschitz constant of it (Theorem 1's M2; at most {@code K_t + K M});</li>
 * <li>K: {@code sup ||J||_2 = sqrt(sup lambda_max(J^T J))}; mu: {@code sup lambda_max((J + J^T)/2)}, the
 * logarithmic norm (docs/theory.md, "Hypotheses"). For an interval matrix S enclosing these symmetric
 * matrices, {@code lambda_max < s} for every member once Cholesky's factorization of {@code sI - S}
 * succeeds in interval arithmetic with every pivot above 0 (each member's pivots lie in the intervals,
 * so each member is positive definite); s is found by bisection and only the factorization proves it.</li>
 * </ul>
 * Each constant is the maximum over sub-boxes, rounded up to a double. Beside it, {@link #attained} holds
 * a proved <em>lower</em> bound of the same supremum: the constant evaluated in intervals at the centre
 * of each sub-box that lies in the region ({@code |J v| / |v|} and the Rayleigh quotient
 * {@code v^T S v / |v|^2} for the double-computed top singular and eigen vector v, whose lower ends bound
 * {@code ||J||} and {@code lambda_max} from below at that point), so each supremum lies in
 * {@code [attained, proved]}. Sub-boxes are bisected (along the coordinate, time included, along which F
 * varies most) while one's bound exceeds the largest attained value by more than the relative tolerance,
 * up to a budget of boxes; {@link #withinTolerance} says whether every box got there (for the constants
 * refined: all five, or mu alone for {@link #oneSidedOn}).
 *
 * @param lipschitz           proved K
 * @param oneSidedLipschitz   proved mu
 * @param bound               proved M
 * @param timeLipschitz       proved K_t
 * @param solutionCurvature   proved M2
 * @param attained            proved lower bounds of the five suprema, in the order above
 * @param witnesses           where each lower bound is attained, e.g. {@code t = 0, x = [0.5]}
 * @param boxes               how many sub-boxes the proof covered
 * @param withinTolerance     whether every refined constant ended within the tolerance of its attained value
 *                            (false when the budget of boxes ran out first)
 */
public record ProvedConstants(double lipschitz, double oneSidedLipschitz, double bound, double timeLipschitz,
        double solutionCurvature, double[] attained, String[] witnesses, int boxes, boolean withinTolerance) {

    /** Indices into {@link #attained} and {@link #witnesses}, and the order of {@link #proved()}. */
    public static final int K = 0;
    public static final int MU = 1;
    public static final int M = 2;
    public static final int K_T = 3;
    public static final int M2 = 4;

    /** Bounds are computed at this precision: far beyond the two or three digits a constant needs. */
    private static final IntervalSystem NUMBERS = new IntervalSystem(20);

    /** The constants on {@code [0, horizon] x ([lo, hi] ∩ region)}, each refined to the tolerance. */
    static ProvedConstants on(VectorField field, double[] lo, double[] hi, Region region, double horizon,
            double tolerance, int boxBudget) {
        boolean[] all = new boolean[5];
        Arrays.fill(all, true);
        return new Search(field, box(field, lo, hi, horizon), region, tolerance, boxBudget, all).run();
    }

    /**
     * The constants on {@code [0, horizon] x [lo, hi]}, refined for mu alone: the others are proved too,
     * but only as tight as mu's sub-boxes make them, so a caller that needs mu pays for mu only.
     */
    public static ProvedConstants oneSidedOn(VectorField field, double[] lo, double[] hi, double horizon,
            double tolerance, int boxBudget) {
        boolean[] mu = new boolean[5];
        mu[MU] = true;
        return new Search(field, box(field, lo, hi, horizon), Region.wholeSpace(), tolerance, boxBudget, mu).run();
    }

    private static Interval[] box(VectorField field, double[] lo, double[] hi, double horizon) {
        int dimension = field.dimension();
        if (lo.length != dimension || hi.length != dimension) {
            throw new IllegalArgumentException("the box has " + lo.length + " components, the field " + dimension);
        }
        Interval[] box = new Interval[dimension + 1];
        for (int i = 0; i < dimension; i++) {
            box[i] = NUMBERS.enclosing(new BigDecimal(lo[i]), new BigDecimal(hi[i]));
        }
        box[dimension] = NUMBERS.enclosing(BigDecimal.ZERO, new BigDecimal(horizon));
        return box;
    }

    /** The constants on {@code [0, horizon] x B}, B the ball {@code |x| <= radius}: the box around it, cut to it. */
    public static ProvedConstants onBall(VectorField field, double radius, double horizon, double tolerance,
            int boxBudget) {
        double[] lo = new double[field.dimension()];
        double[] hi = new double[field.dimension()];
        Arrays.fill(lo, -radius);
        Arrays.fill(hi, radius);
        return on(field, lo, hi, Region.ball(radius), horizon, tolerance, boxBudget);
    }

    /** K, mu, M, K_t, M2 as proved, in the order of {@link #attained}. */
    public double[] proved() {
        return new double[] {lipschitz, oneSidedLipschitz, bound, timeLipschitz, solutionCurvature};
    }

    /** Branch and bound over sub-boxes; the last coordinate of a box is time. */
    private static final class Search {
        private final VectorField field;
        private final Region region;
        private final BigDecimal radiusSquared;
        private final double tolerance;
        private final int boxBudget;
        private final double[] proved = {0, Double.NEGATIVE_INFINITY, 0, 0, 0};
        private final double[] attained = {0, Double.NEGATIVE_INFINITY, 0, 0, 0};
        private final String[] witnesses = new String[5];
        private final Dual.Variables variables;
        private final Interval[] start;
        private int boxes;
        private final boolean[] refined;
        private boolean withinTolerance = true;

        Search(VectorField field, Interval[] start, Region region, double tolerance, int boxBudget, boolean[] refined) {
            this.refined = refined;
            this.field = field;
            this.region = region;
            this.radiusSquared = region.kind() == Region.Kind.WHOLE_SPACE ? null : new BigDecimal(region.radius()).pow(2);
            this.tolerance = tolerance;
            this.boxBudget = boxBudget;
            this.variables = new Dual.Variables(NUMBERS, start.length);
            this.start = start;
        }

        /**
         * Rounds of refinement: every box of a round is bounded and its centre evaluated; then each box
         * either settles (its bounds join the proved maxima) or, while loose and within the budget,
         * is replaced by its two halves in the next round. Every part of the region ends in a settled box.
         */
        ProvedConstants run() {
            List<Interval[]> round = Collections.singletonList(start);
            int evaluated = 0;
            while (!round.isEmpty()) {
                List<Bounds> bounded = new ArrayList<>();
                for (Interval[] box : round) {
                    if (!outsideRegion(box)) {
                        bounded.add(boundsOn(box));
                        attainedAtCentre(box);
                        evaluated++;
                    }
                }
                List<Interval[]> next = new ArrayList<>();
                for (Bounds bounds : bounded) {
                    boolean loose = loose(bounds.values);
                    if (loose && evaluated + next.size() + 2 <= boxBudget) {
                        next.addAll(halves(bounds));
                    } else {
                        withinTolerance &= !loose;
                        settle(bounds.values);
                    }
                }
                round = next;
            }
            return new ProvedConstants(proved[K], proved[MU], proved[M], proved[K_T], proved[M2], attained.clone(),
                    witnesses.clone(), boxes, withinTolerance);
        }

        /** A box, its five proved constants, and per coordinate its width times how much F moves along it. */
        private record Bounds(Interval[] box, double[] values, double[] sensitivity) {
        }

        /**
         * Whether a bound exceeds the largest attained value by more than the tolerance (and the proved
         * maximum so far, below which it changes nothing). mu's scale is at least tolerance times K: a
         * logarithmic norm near 0 is judged on the size of the Jacobian, not on its own.
         */
        private boolean loose(double[] bounds) {
            for (int c = 0; c < bounds.length; c++) {
                if (!refined[c]) {
                    continue;
                }
                double best = attained[c];
                double scale = c == MU ? Math.max(Math.abs(best), tolerance * attained[K]) : Math.abs(best);
                if (Double.isFinite(best) && bounds[c] > best + tolerance * scale + 1e-300 && bounds[c] > proved[c]) {
                    return true;
                }
            }
            return false;
        }

        private void settle(double[] bounds) {
            boxes++;
            for (int c = 0; c < bounds.length; c++) {
                proved[c] = Math.max(proved[c], bounds[c]);
            }
        }

        /**
         * Halves along the coordinate along which F varies most over the box (its width times the
         * largest partial derivatives along it), so a coordinate F ignores, such as t, is never split.
         */
        private List<Interval[]> halves(Bounds bounds) {
            Interval[] box = bounds.box;
            int widest = 0;
            for (int i = 1; i < box.length; i++) {
                if (bounds.sensitivity[i] > bounds.sensitivity[widest]) {
                    widest = i;
                }
            }
            BigDecimal middle = box[widest].midpoint().round(MathContext.DECIMAL64);
            Interval[] left = box.clone();
            Interval[] right = box.clone();
            left[widest] = NUMBERS.enclosing(box[widest].lo(), middle);
            right[widest] = NUMBERS.enclosing(middle, box[widest].hi());
            return List.of(left, right);
        }

        /**
         * No point of the box is in the region: the least |x|^2 over it (over one token's components, for
         * a token ball), exactly, exceeds R^2.
         */
        private boolean outsideRegion(Interval[] box) {
            if (radiusSquared == null) {
                return false;
            }
            BigDecimal[] nearest = new BigDecimal[box.length - 1];
            for (int i = 0; i < nearest.length; i++) {
                Interval x = box[i];
                nearest[i] = x.containsZero() ? BigDecimal.ZERO : x.lo().abs().min(x.hi().abs());
            }
            return largestSquaredNorm(nearest).compareTo(radiusSquared) > 0;
        }

        /** |x|^2 for a ball, max over tokens |x_i|^2 for a token ball, exactly. */
        private BigDecimal largestSquaredNorm(BigDecimal[] x) {
            int width = region.kind() == Region.Kind.TOKEN_BALL ? region.tokenWidth() : x.length;
            BigDecimal largest = BigDecimal.ZERO;
            for (int token = 0; token < x.length / width; token++) {
                BigDecimal sum = BigDecimal.ZERO;
                for (int k = token * width; k < (token + 1) * width; k++) {
                    sum = sum.add(x[k].multiply(x[k]));
                }
                largest = largest.max(sum);
            }
            return largest;
        }

        /** K, mu, M, K_t, M2 proved on one box. */
        private Bounds boundsOn(Interval[] box) {
            Enclosures at = enclosuresOn(box);
            int n = at.values.length;
            Interval[][] gram = new Interval[n][n];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k <= i; k++) {
                    Interval sum = NUMBERS.getZero();
                    for (int j = 0; j < n; j++) {
                        sum = sum.add(at.jacobian[j][i].multiply(at.jacobian[j][k]));
                    }
                    gram[i][k] = sum;
                    gram[k][i] = sum;
                }
            }
            double[] sensitivity = new double[box.length];
            for (int i = 0; i < box.length; i++) {
                for (int j = 0; j < n; j++) {
                    sensitivity[i] += (i < n ? at.jacobian[j][i] : at.timeDerivatives[j]).magnitude().doubleValue();
                }
                sensitivity[i] *= box[i].width().doubleValue();
            }
            double gramBound = Math.max(0, largestEigenvalueBound(gram));
            double lipschitz = Outward.sqrtAbove(gramBound);
            return new Bounds(box, new double[] {lipschitz, largestEigenvalueBound(at.symmetricPart()),
                normBound(at.values), normBound(at.timeDerivatives), normBound(at.alongSolutions())}, sensitivity);
        }

        private Enclosures enclosuresOn(Interval[] box) {
            int n = box.length - 1;
            Dual[] x = new Dual[n];
            for (int i = 0; i < n; i++) {
                x[i] = variables.variable(i, box[i]);
            }
            return new Enclosures(field.evaluate(variables.variable(n, box[n]), x));
        }

        /**
         * Proved lower bounds of the five constants at the box's centre (a point of 16 digits), if the
         * centre is in the region: the suprema are at least these.
         */
        private void attainedAtCentre(Interval[] box) {
            Interval[] centre = new Interval[box.length];
            BigDecimal[] point = new BigDecimal[box.length];
            for (int i = 0; i < box.length; i++) {
                point[i] = box[i].midpoint().round(MathContext.DECIMAL64);
                centre[i] = NUMBERS.enclosing(point[i]);
            }
            if (radiusSquared != null
                    && largestSquaredNorm(Arrays.copyOf(point, point.length - 1)).compareTo(radiusSquared) > 0) {
                return;
            }
            Enclosures at = enclosuresOn(centre);
            double[][] middle = midpoints(at.jacobian);
            var matrix = MatrixUtils.createRealMatrix(middle);
            double[] singular = new SingularValueDecomposition(matrix).getV().getColumn(0);
            // lower bounds of what is attained here: each square root one step below the rounded one
            double[] here = {
                Outward.sqrtBelow(Math.max(0, Outward.greatestDoubleAtMost(
                        ratio(leastSquaredNorm(multiply(at.jacobian, singular)), singular).lo()))),
                Outward.greatestDoubleAtMost(
                        ratio(rayleigh(at.symmetricPart(), topEigenvector(middle)), topEigenvector(middle)).lo()),
                Outward.sqrtBelow(down(leastSquaredNorm(at.values))),
                Outward.sqrtBelow(down(leastSquaredNorm(at.timeDerivatives))),
                Outward.sqrtBelow(down(leastSquaredNorm(at.alongSolutions())))};
            for (int c = 0; c < here.length; c++) {
                if (here[c] > attained[c]) {
                    attained[c] = here[c];
                    witnesses[c] = "t = " + point[box.length - 1].toPlainString() + ", x = "
                            + Arrays.toString(Arrays.stream(point, 0, box.length - 1).map(BigDecimal::toPlainString)
                                    .toArray());
                }
            }
        }
    }

    /** F, its Jacobian and dF/dt enclosed on one box. */
    private static final class Enclosures {
        final Interval[] values;
        final Interval[][] jacobian;
        final Interval[] timeDerivatives;

        Enclosures(Dual[] derivatives) {
            int n = derivatives.length;
            values = new Interval[n];
            timeDerivatives = new Interval[n];
            jacobian = new Interval[n][n];
            for (int j = 0; j < n; j++) {
                values[j] = derivatives[j].value();
                timeDerivatives[j] = derivatives[j].partial(n);
                for (int i = 0; i < n; i++) {
                    jacobian[j][i] = derivatives[j].partial(i);
                }
            }
        }

        Interval[][] symmetricPart() {
            int n = values.length;
            Interval[][] symmetric = new Interval[n][n];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k <= i; k++) {
                    symmetric[i][k] = jacobian[i][k].add(jacobian[k][i]).divide(2);
                    symmetric[k][i] = symmetric[i][k];
                }
            }
            return symmetric;
        }

        /** {@code dF/dt + J F}: d/dt F(t, x(t)) along a solution through the box. */
        Interval[] alongSolutions() {
            int n = values.length;
            Interval[] out = new Interval[n];
            for (int j = 0; j < n; j++) {
                Interval sum = timeDerivatives[j];
                for (int i = 0; i < n; i++) {
                    sum = sum.add(jacobian[j][i].multiply(values[i]));
                }
                out[j] = sum;
            }
            return out;
        }
    }

    private static double[][] midpoints(Interval[][] matrix) {
        double[][] out = new double[matrix.length][];
        for (int j = 0; j < matrix.length; j++) {
            out[j] = Arrays.stream(matrix[j]).mapToDouble(Interval::getReal).toArray();
        }
        return out;
    }

    private static double[] topEigenvector(double[][] matrix) {
        var symmetric = MatrixUtils.createRealMatrix(matrix);
        symmetric = symmetric.add(symmetric.transpose()).scalarMultiply(0.5);
        EigenDecomposition eigen = new EigenDecomposition(symmetric);
        double[] values = eigen.getRealEigenvalues();
        int top = 0;
        for (int i = 1; i < values.length; i++) {
            top = values[i] > values[top] ? i : top;
        }
        return eigen.getEigenvector(top).toArray();
    }

    /** A double entered exactly (a double has at most 17 significant digits that matter here: it is rounded to 16, then exact). */
    private static Interval exactly(double v) {
        return NUMBERS.enclosing(new BigDecimal(v).round(MathContext.DECIMAL64));
    }

    private static Interval[] multiply(Interval[][] matrix, double[] v) {
        Interval[] out = new Interval[matrix.length];
        for (int j = 0; j < matrix.length; j++) {
            Interval sum = NUMBERS.getZero();
            for (int i = 0; i < v.length; i++) {
                sum = sum.add(matrix[j][i].multiply(exactly(v[i])));
            }
            out[j] = sum;
        }
        return out;
    }

    /** {@code v^T S v} enclosed: at most lambda_max(S') |v|^2 for every member S'. */
    private static Interval rayleigh(Interval[][] symmetric, double[] v) {
        Interval sum = NUMBERS.getZero();
        for (int i = 0; i < v.length; i++) {
            for (int k = 0; k < v.length; k++) {
                sum = sum.add(symmetric[i][k].multiply(exactly(v[i]).multiply(exactly(v[k]))));
            }
        }
        return sum;
    }

    /** {@code quantity / |v|^2} enclosed (v, a unit vector in double, is not exactly of norm 1). */
    private static Interval ratio(Interval quantity, double[] v) {
        Interval squaredNorm = NUMBERS.getZero();
        for (double component : v) {
            squaredNorm = squaredNorm.add(exactly(component).multiply(exactly(component)));
        }
        return quantity.divide(squaredNorm);
    }

    /** {@code sum_j min|v_j|^2}, an interval whose lower end is at most |v|^2 for every v in the box. */
    private static Interval leastSquaredNorm(Interval[] v) {
        Interval sum = NUMBERS.getZero();
        for (Interval component : v) {
            BigDecimal least = component.containsZero() ? BigDecimal.ZERO : component.lo().abs().min(component.hi().abs());
            Interval mignitude = NUMBERS.enclosing(least);
            sum = sum.add(mignitude.multiply(mignitude));
        }
        return sum;
    }

    private static double down(Interval x) {
        return Outward.greatestDoubleAtMost(x.lo());
    }

    private static double largestEigenvalue(double[][] symmetric) {
        // commons-math's eigensolver squares entries, which overflow from about 1e154 ("convergence failed"): it sees
        // the matrix scaled by a power of two near its largest entry (exact), and the eigenvalue is scaled back
        int exponent = exponentOfLargest(Arrays.stream(symmetric).flatMapToDouble(Arrays::stream).toArray());
        double[][] scaled = new double[symmetric.length][];
        for (int i = 0; i < symmetric.length; i++) {
            scaled[i] = Arrays.stream(symmetric[i]).map(value -> Math.scalb(value, -exponent)).toArray();
        }
        double largest = Double.NEGATIVE_INFINITY;
        for (double lambda : new EigenDecomposition(MatrixUtils.createRealMatrix(scaled)).getRealEigenvalues()) {
            largest = Math.max(largest, lambda);
        }
        return Math.scalb(largest, exponent);
    }

    /** {@code sqrt(sum max|v_j|^2)} rounded up: a bound of |v| for every v in the box of intervals. */
    private static double normBound(Interval[] v) {
        Interval sum = NUMBERS.getZero();
        for (Interval component : v) {
            Interval magnitude = NUMBERS.enclosing(component.magnitude());
            sum = sum.add(magnitude.multiply(magnitude));
        }
        return Outward.leastDoubleAtLeast(sum.sqrt().hi());
    }


    /**
     * A number s with {@code lambda_max(A) < s} for every symmetric A in the interval matrix: the least
     * found by bisection for which interval Cholesky proves {@code sI - A} positive definite (0 for the
     * zero matrix, whose bound is exact); infinity where no double bound is proved (entries beyond double range or
     * too wide), which leaves a sub-box loose: it is bisected, or its constant stays unproved.
     */
    static double largestEigenvalueBound(Interval[][] symmetric) {
        int n = symmetric.length;
        if (Arrays.stream(symmetric).flatMap(Arrays::stream).allMatch(Interval::isZero)) {
            // Cholesky proves only strict bounds; the zero matrix's eigenvalues are exactly 0
            return 0;
        }
        double[][] middle = new double[n][n];
        double[] halves = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                middle[i][k] = symmetric[i][k].getReal();
                halves[i * n + k] = symmetric[i][k].width().doubleValue() / 2;
            }
        }
        double spread = euclideanNorm(halves);
        // entries beyond double range (a region of radius 1e299 squares them) have no double bound to prove
        double estimate = Double.isFinite(spread) && Arrays.stream(middle).flatMapToDouble(Arrays::stream)
                .allMatch(Double::isFinite) ? largestEigenvalue(middle) : Double.NaN;
        double slack = spread + 1e-12 * Math.abs(estimate) + 1e-300;
        double upper = estimate + slack;
        while (!Double.isFinite(upper) || !provedAbove(symmetric, upper)) {
            if (!Double.isFinite(upper)) {
                return Double.POSITIVE_INFINITY;
            }
            slack *= 2;
            upper = estimate + slack;
        }
        double lower = estimate - spread - 1e-12 * Math.abs(estimate);
        for (int i = 0; i < 40 && upper - lower > 1e-7 * Math.abs(upper); i++) {
            double middleValue = (lower + upper) / 2;
            if (provedAbove(symmetric, middleValue)) {
                upper = middleValue;
            } else {
                lower = middleValue;
            }
        }
        return upper;
    }

    /**
     * sqrt(sum v_i^2), computed on v scaled by a power of two near its largest entry: the same double as the plain sum
     * where no square over- or underflows (the scaling is exact), and finite beyond, where the squares of entries
     * above 1e154 overflowed. An interval Jacobian of softmax attention on its whole token box has Gram entries 1.5e170
     * wide: their spread read infinite and the proof threw instead of bisecting the box.
     */
    private static double euclideanNorm(double[] v) {
        int exponent = exponentOfLargest(v);
        if (exponent > Double.MAX_EXPONENT) {
            return Double.POSITIVE_INFINITY;
        }
        double sum = 0;
        for (double entry : v) {
            double scaled = Math.scalb(entry, -exponent);
            sum += scaled * scaled;
        }
        return Math.scalb(Math.sqrt(sum), exponent);
    }

    /**
     * The binary exponent of the largest |v_i| (0 when all are 0; beyond {@link Double#MAX_EXPONENT} when one is
     * infinite or NaN): scaling by 2 to minus it puts every entry at most 2 and the largest at least 1.
     */
    private static int exponentOfLargest(double[] v) {
        double largest = 0;
        for (double entry : v) {
            largest = Math.max(largest, Math.abs(entry));
        }
        return largest == 0 ? 0 : Math.getExponent(largest);
    }

    /** Whether interval Cholesky of {@code sI - A} succeeds with every pivot's lower end above 0. */
    private static boolean provedAbove(Interval[][] symmetric, double s) {
        int n = symmetric.length;
        Interval shift = NUMBERS.enclosing(new BigDecimal(s));
        Interval[][] factor = new Interval[n][n];
        for (int j = 0; j < n; j++) {
            Interval pivot = shift.subtract(symmetric[j][j]);
            for (int k = 0; k < j; k++) {
                pivot = pivot.subtract(factor[j][k].multiply(factor[j][k]));
            }
            if (pivot.lo().signum() <= 0) {
                return false;
            }
            factor[j][j] = pivot.sqrt();
            for (int i = j + 1; i < n; i++) {
                Interval entry = symmetric[i][j].negate();
                for (int k = 0; k < j; k++) {
                    entry = entry.subtract(factor[i][k].multiply(factor[j][k]));
                }
                factor[i][j] = entry.divide(factor[j][j]);
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "K <= " + lipschitz + ", mu <= " + oneSidedLipschitz + ", M <= " + bound + ", K_t <= " + timeLipschitz
                + ", M2 <= " + solutionCurvature + " on " + boxes + " boxes (attained " + Arrays.toString(attained)
                + (withinTolerance ? ")" : "; the budget ran out before the tolerance was reached)");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProvedConstants p && Arrays.equals(p.proved(), proved())
                && Arrays.equals(p.attained, attained) && Arrays.equals(p.witnesses, witnesses) && p.boxes == boxes
                && p.withinTolerance == withinTolerance;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(proved()), boxes);
    }
}
