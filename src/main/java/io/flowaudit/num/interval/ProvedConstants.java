package io.flowaudit.num.interval;

import io.flowaudit.field.VectorField;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;

/**
 * K, mu, M and K_t of a vector field, proved on a region {@code [0, T] x B} (B a box, or the part of a
 * box within a Euclidean ball around 0) by evaluating the field on {@link Dual}s over sub-boxes:
 * <ul>
 * <li>M: {@code sup |F|} is at most {@code sqrt(sum_j max|F_j|^2)} over each sub-box's enclosure of F;</li>
 * <li>K_t: the same of the enclosure of {@code dF/dt} (mean-value theorem in t);</li>
 * <li>K: {@code sup ||J||_2 = sqrt(sup lambda_max(J^T J))}; mu: {@code sup lambda_max((J + J^T)/2)}, the
 * logarithmic norm (docs/theory.md, "Hypotheses"). For an interval matrix S enclosing these symmetric
 * matrices, {@code lambda_max < s} for every member once Cholesky's factorization of {@code sI - S}
 * succeeds in interval arithmetic with every pivot above 0 (each member's pivots lie in the intervals,
 * so each member is positive definite); s is found by bisection and only the factorization proves it.</li>
 * </ul>
 * Each constant is the maximum over sub-boxes, rounded up to a double. Sub-boxes are bisected (along
 * the coordinate, time included, along which F varies most) while one's bound exceeds the best value sampled at
 * sub-box centres inside the region by more than the relative tolerance, up to a budget of boxes; the
 * sampled values are returned too, so the gap between proved and attained is visible.
 *
 * @param lipschitz           proved K
 * @param oneSidedLipschitz   proved mu
 * @param bound               proved M
 * @param timeLipschitz       proved K_t
 * @param sampled             the largest values seen at centres of sub-boxes in the region, same order
 * @param boxes               how many sub-boxes the proof covered
 */
public record ProvedConstants(double lipschitz, double oneSidedLipschitz, double bound, double timeLipschitz,
        double[] sampled, int boxes) {

    /** Bounds are computed at this precision: far beyond the two or three digits a constant needs. */
    private static final IntervalSystem NUMBERS = new IntervalSystem(20);

    /**
     * The constants on {@code [0, horizon] x [lo, hi]} (component-wise), intersected with the ball
     * {@code |x| <= radius} when radius is finite.
     */
    public static ProvedConstants on(VectorField field, double[] lo, double[] hi, double radius, double horizon,
            double tolerance, int boxBudget) {
        int dimension = field.dimension();
        if (lo.length != dimension || hi.length != dimension) {
            throw new IllegalArgumentException("the box has " + lo.length + " components, the field " + dimension);
        }
        Interval[] start = new Interval[dimension + 1];
        for (int i = 0; i < dimension; i++) {
            start[i] = NUMBERS.enclosing(new BigDecimal(lo[i]), new BigDecimal(hi[i]));
        }
        start[dimension] = NUMBERS.enclosing(BigDecimal.ZERO, new BigDecimal(horizon));
        return new Search(field, start, radius, tolerance, boxBudget).run();
    }

    /** Branch and bound over sub-boxes; the last coordinate of a box is time. */
    private static final class Search {
        private final VectorField field;
        private final BigDecimal radiusSquared;
        private final double tolerance;
        private final int boxBudget;
        private final double[] proved = {0, Double.NEGATIVE_INFINITY, 0, 0};
        private final double[] sampled = {0, Double.NEGATIVE_INFINITY, 0, 0};
        private final Dual.Variables variables;
        private final Interval[] start;
        private int boxes;

        Search(VectorField field, Interval[] start, double radius, double tolerance, int boxBudget) {
            this.field = field;
            this.radiusSquared = Double.isFinite(radius) ? new BigDecimal(radius).pow(2) : null;
            this.tolerance = tolerance;
            this.boxBudget = boxBudget;
            this.variables = new Dual.Variables(NUMBERS, start.length);
            this.start = start;
        }

        /**
         * Rounds of refinement: every box of a round is bounded and its centre sampled; then each box
         * either settles (its bounds join the proved maxima) or, while loose and within the budget,
         * is replaced by its two halves in the next round. Every part of the region ends in a settled box.
         */
        ProvedConstants run() {
            List<Interval[]> round = Collections.singletonList(start);
            int evaluated = 0;
            while (!round.isEmpty()) {
                List<Bounds> bounded = new ArrayList<>();
                for (Interval[] box : round) {
                    if (!outsideBall(box)) {
                        bounded.add(boundsOn(box));
                        sample(box);
                        evaluated++;
                    }
                }
                List<Interval[]> next = new ArrayList<>();
                for (Bounds bounds : bounded) {
                    if (loose(bounds.values) && evaluated + next.size() + 2 <= boxBudget) {
                        next.addAll(halves(bounds));
                    } else {
                        settle(bounds.values);
                    }
                }
                round = next;
            }
            return new ProvedConstants(proved[0], proved[1], proved[2], proved[3], sampled.clone(), boxes);
        }

        /** A box, its four proved constants, and per coordinate its width times how much F moves along it. */
        private record Bounds(Interval[] box, double[] values, double[] sensitivity) {
        }

        private boolean loose(double[] bounds) {
            for (int c = 0; c < bounds.length; c++) {
                double best = sampled[c];
                if (Double.isFinite(best) && bounds[c] > best + tolerance * Math.abs(best) + 1e-300 && bounds[c] > proved[c]) {
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

        /** No point of the box is within the ball: the least |x|^2 over it, exactly, exceeds R^2. */
        private boolean outsideBall(Interval[] box) {
            if (radiusSquared == null) {
                return false;
            }
            BigDecimal least = BigDecimal.ZERO;
            for (int i = 0; i + 1 < box.length; i++) {
                Interval x = box[i];
                BigDecimal nearest = x.containsZero() ? BigDecimal.ZERO : x.lo().abs().min(x.hi().abs());
                least = least.add(nearest.multiply(nearest));
            }
            return least.compareTo(radiusSquared) > 0;
        }

        /** K, mu, M, K_t proved on one box. */
        private Bounds boundsOn(Interval[] box) {
            Dual[] derivatives = evaluate(box);
            int n = derivatives.length;
            Interval[][] jacobian = new Interval[n][n];
            Interval[] values = new Interval[n];
            Interval[] timeDerivatives = new Interval[n];
            for (int j = 0; j < n; j++) {
                values[j] = derivatives[j].value();
                timeDerivatives[j] = derivatives[j].partial(n);
                for (int i = 0; i < n; i++) {
                    jacobian[j][i] = derivatives[j].partial(i);
                }
            }
            Interval[][] gram = new Interval[n][n];
            Interval[][] symmetricPart = new Interval[n][n];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k <= i; k++) {
                    Interval sum = NUMBERS.getZero();
                    for (int j = 0; j < n; j++) {
                        sum = sum.add(jacobian[j][i].multiply(jacobian[j][k]));
                    }
                    gram[i][k] = sum;
                    gram[k][i] = sum;
                    symmetricPart[i][k] = jacobian[i][k].add(jacobian[k][i]).divide(2);
                    symmetricPart[k][i] = symmetricPart[i][k];
                }
            }
            double[] sensitivity = new double[box.length];
            for (int i = 0; i < box.length; i++) {
                for (Dual component : derivatives) {
                    sensitivity[i] += component.partial(i).magnitude().doubleValue();
                }
                sensitivity[i] *= box[i].width().doubleValue();
            }
            double gramBound = Math.max(0, largestEigenvalueBound(gram));
            // Math.sqrt rounds to nearest: one step up makes it an upper bound (0 is exact)
            double lipschitz = gramBound == 0 ? 0 : Math.nextUp(Math.sqrt(gramBound));
            return new Bounds(box, new double[] {lipschitz,
                largestEigenvalueBound(symmetricPart), normBound(values), normBound(timeDerivatives)}, sensitivity);
        }

        private Dual[] evaluate(Interval[] box) {
            int n = box.length - 1;
            Dual[] x = new Dual[n];
            for (int i = 0; i < n; i++) {
                x[i] = variables.variable(i, box[i]);
            }
            return field.evaluate(variables.variable(n, box[n]), x);
        }

        /** The constants at the box's centre (its point enclosures' midpoints), if the centre is in the region. */
        private void sample(Interval[] box) {
            Interval[] centre = new Interval[box.length];
            BigDecimal squaredNorm = BigDecimal.ZERO;
            for (int i = 0; i < box.length; i++) {
                BigDecimal middle = box[i].midpoint().round(MathContext.DECIMAL64);
                centre[i] = NUMBERS.enclosing(middle);
                if (i + 1 < box.length) {
                    squaredNorm = squaredNorm.add(middle.multiply(middle));
                }
            }
            if (radiusSquared != null && squaredNorm.compareTo(radiusSquared) > 0) {
                return;
            }
            Dual[] at = evaluate(centre);
            int n = at.length;
            double[][] jacobian = new double[n][n];
            double[] value = new double[n];
            double[] rate = new double[n];
            for (int j = 0; j < n; j++) {
                value[j] = at[j].getReal();
                rate[j] = at[j].partial(n).getReal();
                for (int i = 0; i < n; i++) {
                    jacobian[j][i] = at[j].partial(i).getReal();
                }
            }
            var matrix = MatrixUtils.createRealMatrix(jacobian);
            double lipschitz = Math.sqrt(largestEigenvalue(matrix.transpose().multiply(matrix).getData()));
            double logarithmicNorm = largestEigenvalue(matrix.add(matrix.transpose()).scalarMultiply(0.5).getData());
            double[] here = {lipschitz, logarithmicNorm, norm(value), norm(rate)};
            for (int c = 0; c < here.length; c++) {
                sampled[c] = Math.max(sampled[c], here[c]);
            }
        }
    }

    private static double norm(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x * x;
        }
        return Math.sqrt(sum);
    }

    private static double largestEigenvalue(double[][] symmetric) {
        double largest = Double.NEGATIVE_INFINITY;
        for (double lambda : new EigenDecomposition(MatrixUtils.createRealMatrix(symmetric)).getRealEigenvalues()) {
            largest = Math.max(largest, lambda);
        }
        return largest;
    }

    /** {@code sqrt(sum max|v_j|^2)} rounded up: a bound of |v| for every v in the box of intervals. */
    private static double normBound(Interval[] v) {
        Interval sum = NUMBERS.getZero();
        for (Interval component : v) {
            Interval magnitude = NUMBERS.enclosing(component.magnitude());
            sum = sum.add(magnitude.multiply(magnitude));
        }
        return up(sum.sqrt().hi());
    }

    /** The least double at least x. */
    private static double up(BigDecimal x) {
        double nearest = x.doubleValue();
        return new BigDecimal(nearest).compareTo(x) >= 0 ? nearest : Math.nextUp(nearest);
    }

    /**
     * A number s with {@code lambda_max(A) < s} for every symmetric A in the interval matrix: the least
     * found by bisection for which interval Cholesky proves {@code sI - A} positive definite (0 for the
     * zero matrix, whose bound is exact).
     */
    static double largestEigenvalueBound(Interval[][] symmetric) {
        int n = symmetric.length;
        if (Arrays.stream(symmetric).flatMap(Arrays::stream).allMatch(Interval::isZero)) {
            // Cholesky proves only strict bounds; the zero matrix's eigenvalues are exactly 0
            return 0;
        }
        double[][] middle = new double[n][n];
        double spread = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                middle[i][k] = symmetric[i][k].getReal();
                double half = symmetric[i][k].width().doubleValue() / 2;
                spread += half * half;
            }
        }
        double estimate = largestEigenvalue(middle);
        double slack = Math.sqrt(spread) + 1e-12 * Math.abs(estimate) + 1e-300;
        double upper = estimate + slack;
        while (!provedAbove(symmetric, upper)) {
            slack *= 2;
            upper = estimate + slack;
            if (!Double.isFinite(upper)) {
                throw new ArithmeticException("no bound of the largest eigenvalue of an interval matrix: entries "
                        + "too wide or not finite");
            }
        }
        double lower = estimate - Math.sqrt(spread) - 1e-12 * Math.abs(estimate);
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
                + " on " + boxes + " boxes";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProvedConstants p && p.lipschitz == lipschitz
                && p.oneSidedLipschitz == oneSidedLipschitz && p.bound == bound && p.timeLipschitz == timeLipschitz
                && Arrays.equals(p.sampled, sampled) && p.boxes == boxes;
    }

    @Override
    public int hashCode() {
        return Objects.hash(lipschitz, oneSidedLipschitz, bound, timeLipschitz, boxes);
    }
}
