package io.flowaudit.num.taylor;

import io.flowaudit.num.NumberSystem;
import io.flowaudit.num.Scalars;
import java.util.ArrayDeque;
import java.util.Arrays;
import org.apache.commons.math3.RealFieldElement;

/**
 * Taylor coefficients of the solution of {@code x' = F(t, x)} through a point, by replaying a
 * recorded {@link Tape} with the classical recurrences of automatic differentiation (Moore;
 * Jorba and Zou 2005): coefficient k of every node follows from coefficients 0..k of its operands,
 * and {@code x_{k+1} = F(t, x)_k / (k + 1)}. Cost per call: O(order^2) per nonlinear node, O(order)
 * per linear or constant-scaled node.
 */
public final class TaylorEvaluator<S extends RealFieldElement<S>> {

    private final Tape tape;
    private final NumberSystem<S> numbers;
    private final int order;
    private final S zero;
    private final S[][] coefficients;
    /** For TANH nodes: coefficients of 1 - tanh^2, the derivative factor. */
    private final S[][] tanhDerivative;
    private final int[] absSign;
    private final Op[] ops;
    private final int[][] args;
    private final boolean[] constant;
    private final int[] partner;

    public TaylorEvaluator(Tape tape, NumberSystem<S> numbers, int order) {
        this.tape = tape;
        this.numbers = numbers;
        this.order = order;
        this.zero = numbers.zero();
        int size = tape.size();
        ops = tape.ops.toArray(new Op[0]);
        args = tape.args.toArray(new int[0][]);
        constant = new boolean[size];
        partner = new int[size];
        absSign = new int[size];
        coefficients = newMatrix(size);
        tanhDerivative = newMatrix(size);
        for (int node = 0; node < size; node++) {
            constant[node] = tape.isConstant(node);
            partner[node] = tape.partners.get(node);
            Arrays.fill(coefficients[node], zero);
        }
        for (int node = 0; node < size; node++) {
            if (constant[node]) {
                coefficients[node][0] = ops[node] == Op.CONSTANT
                        ? Tape.valueOf(tape.constants.get(node), zero)
                        : coefficient(node, 0);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private S[][] newMatrix(int rows) {
        S[][] matrix = (S[][]) java.lang.reflect.Array.newInstance(numbers.zero().getClass(), rows, 0);
        for (int i = 0; i < rows; i++) {
            matrix[i] = numbers.array(order + 1);
        }
        return matrix;
    }

    public int order() {
        return order;
    }

    /**
     * Normalized Taylor coefficients {@code x_k = x^(k)(t0)/k!}, k = 0..order, of the solution with
     * {@code x(t0) = x0}: {@code result[i][k]} for component i.
     */
    public S[][] solutionCoefficients(S t0, S[] x0) {
        int[] states = tape.stateNodes;
        for (int i = 0; i < states.length; i++) {
            coefficients[states[i]][0] = x0[i];
        }
        S[] time = coefficients[tape.timeNode];
        time[0] = t0;
        if (order >= 1) {
            time[1] = zero.getField().getOne();
        }
        Arrays.fill(absSign, 0);
        for (int k = 0; k < order; k++) {
            for (int node = 0; node < ops.length; node++) {
                if (!constant[node] && ops[node] != Op.STATE && ops[node] != Op.TIME) {
                    coefficients[node][k] = coefficient(node, k);
                }
            }
            for (int i = 0; i < states.length; i++) {
                coefficients[states[i]][k + 1] = coefficients[tape.outputNodes[i]][k].divide(k + 1);
            }
        }
        S[][] result = newMatrix(states.length);
        for (int i = 0; i < states.length; i++) {
            System.arraycopy(coefficients[states[i]], 0, result[i], 0, order + 1);
        }
        return result;
    }

    /**
     * Normalized Taylor coefficients {@code g_k}, k = 0..order, of {@code g(s) = F(t0 + s, q(s))} for a
     * given series {@code q(s) = sum_k stateSeries[i][k] s^k}: {@code result[i][k]} for component i. On
     * intervals whose ranges cover an expansion point ξ, the last coefficient encloses {@code g^(N)(ξ)/N!}
     * there. A kink ({@code abs}) is followed only when the sign of its argument's value is decided
     * ({@code signum} exactly ±1, which an interval containing 0 is not); otherwise this is refused.
     */
    public S[][] fieldCoefficients(S t0, S[][] stateSeries) {
        int[] states = tape.stateNodes;
        for (int i = 0; i < states.length; i++) {
            System.arraycopy(stateSeries[i], 0, coefficients[states[i]], 0, order + 1);
        }
        S[] time = coefficients[tape.timeNode];
        Arrays.fill(time, zero);
        time[0] = t0;
        if (order >= 1) {
            time[1] = zero.getField().getOne();
        }
        for (int k = 0; k <= order; k++) {
            for (int node = 0; node < ops.length; node++) {
                if (k == 0 && ops[node] == Op.ABS && !constant[node]) {
                    // operands precede their node on the tape, so the argument's value is known here
                    double sign = coefficients[args[node][0]][0].signum().getReal();
                    if (Math.abs(sign) != 1) {
                        throw new ArithmeticException("abs of an argument whose sign is not decided along the series");
                    }
                    absSign[node] = (int) sign;
                }
                if (!constant[node] && ops[node] != Op.STATE && ops[node] != Op.TIME) {
                    coefficients[node][k] = coefficient(node, k);
                }
            }
        }
        S[][] result = newMatrix(states.length);
        for (int i = 0; i < states.length; i++) {
            System.arraycopy(coefficients[tape.outputNodes[i]], 0, result[i], 0, order + 1);
        }
        return result;
    }

    /** Coefficient k of a node from coefficients 0..k of its operands (0..k-1 of itself). */
    private S coefficient(int node, int k) {
        int[] a = args[node];
        S[] c = coefficients[node];
        S[] x = a.length > 0 ? coefficients[a[0]] : null;
        S[] y = a.length > 1 ? coefficients[a[1]] : null;
        switch (ops[node]) {
            case ADD:
                return x[k].add(y[k]);
            case SUBTRACT:
                return x[k].subtract(y[k]);
            case NEGATE:
                return x[k].negate();
            case MULTIPLY:
                if (constant[a[0]]) {
                    return y[k].multiply(x[0]);
                }
                if (constant[a[1]]) {
                    return x[k].multiply(y[0]);
                }
                return cauchy(x, y, 0, k);
            case DIVIDE:
                if (constant[a[1]]) {
                    return x[k].divide(y[0]);
                }
                return x[k].subtract(cauchy(y, c, 1, k)).divide(y[0]);
            case EXP:
                return k == 0 ? x[0].exp() : weighted(x, c, k).divide(k);
            case LOG:
                return k == 0 ? x[0].log()
                        : x[k].subtract(weightedReversed(c, x, k).divide(k)).divide(x[0]);
            case SQRT:
                return k == 0 ? x[0].sqrt() : x[k].subtract(cauchy(c, c, 1, k - 1, k)).divide(c[0].multiply(2));
            case POWER_CONSTANT:
                return k == 0 ? x[0].pow(y[0]) : powerTerm(x, y[0], c, k);
            case SIN:
                return k == 0 ? x[0].sin() : weighted(x, coefficients[partner[node]], k).divide(k);
            case COS:
                return k == 0 ? x[0].cos() : weighted(x, coefficients[partner[node]], k).divide(-k);
            case TANH:
                return tanh(node, x, c, k);
            case ABS:
                return abs(node, x, k);
            case SHIFT_MAXIMUM:
                return k == 0 ? maximum(a) : zero;
            default:
                throw new IllegalStateException("no recurrence for " + ops[node]);
        }
    }

    /** The largest value of the nodes. */
    private S maximum(int[] nodes) {
        S[] values = numbers.array(nodes.length);
        for (int i = 0; i < nodes.length; i++) {
            values[i] = coefficients[nodes[i]][0];
        }
        return Scalars.maximumAsShift(values, 0, values.length);
    }

    /** sum_{j=from}^{k} x_j y_{k-j}. */
    private S cauchy(S[] x, S[] y, int from, int k) {
        return numbers.sumOfProducts(x, y, from, k, k, false);
    }

    /** sum_{j=from}^{to} x_j y_{k-j}. */
    private S cauchy(S[] x, S[] y, int from, int to, int k) {
        return numbers.sumOfProducts(x, y, from, to, k, false);
    }

    /** sum_{j=1}^{k} j x_j y_{k-j}: the recurrence of u' = x' y (exp, sin, cos, tanh). */
    private S weighted(S[] x, S[] y, int k) {
        return numbers.sumOfProducts(x, y, 1, k, k, true);
    }

    /** sum_{j=1}^{k-1} j c_j x_{k-j}: the recurrence of log. */
    private S weightedReversed(S[] c, S[] x, int k) {
        return numbers.sumOfProducts(c, x, 1, k - 1, k, true);
    }

    /** c = x^p: c_k = (1/(k x_0)) sum_{j=0}^{k-1} (p(k-j) - j) x_{k-j} c_j. */
    private S powerTerm(S[] x, S p, S[] c, int k) {
        S sum = zero;
        for (int j = 0; j < k; j++) {
            sum = sum.add(p.multiply(k - j).subtract(j).multiply(x[k - j]).multiply(c[j]));
        }
        return sum.divide(x[0].multiply(k));
    }

    /** c = tanh x, c' = (1 - c^2) x'; the series of 1 - c^2 is kept beside c. */
    private S tanh(int node, S[] x, S[] c, int k) {
        S[] w = tanhDerivative[node];
        S ck = k == 0 ? x[0].tanh() : weighted(x, w, k).divide(k);
        c[k] = ck;
        S square = cauchy(c, c, 0, k);
        w[k] = k == 0 ? zero.getField().getOne().subtract(square) : square.negate();
        return ck;
    }

    /**
     * Whether an {@code abs} (a ReLU's kink) changes sign within {@code [0, h]} of the last expansion:
     * its series then continues the wrong branch, so a step must not cross it. Decided for every point, not
     * sampled: 64 samples missed |(t - 0.51)^2 - 10^-8|, whose argument is negative on a window 2 10^-4 wide, and
     * the step took the wrong branch there (an error of 3 10^-12 reported as 10^-32).
     */
    public boolean crossesKink(double h) {
        for (int node = 0; node < ops.length; node++) {
            if (ops[node] != Op.ABS || constant[node] || absSign[node] == 0) {
                continue;
            }
            if (fallsBelowZero(coefficients[args[node][0]], absSign[node], h)) {
                return true;
            }
        }
        return false;
    }

    /** Pieces of [0, h] one search may examine before it calls the sign undecided (a crossing: refused). */
    private static final int KINK_PIECES = 100_000;

    /**
     * Whether {@code q(s) = sign * sum_k a_k s^k} is below minus its rounding somewhere in [0, h], by branch and
     * bound on pieces of [0, h]: on a piece with centre m and half-width r, q(m + rho) = sum_k b_k rho^k (the
     * coefficients shifted to m), so {@code q >= b_0 - sum_(k>=1) |b_k| r^k} over the piece. A piece whose bound is
     * at least minus the rounding holds no crossing; one whose centre is below it holds one; the rest are halved.
     * The rounding, {@code (2N + 1) u sum_k |a_k| h^k} as in the local error, lets a zero the argument only
     * touches (a double root) end the search: a dip below that depth changes the solution by less than the
     * rounding the local error already counts.
     */
    private boolean fallsBelowZero(S[] a, int sign, double h) {
        S step = numbers.fromDouble(h);
        S[] scaled = numbers.array(order + 1);
        S power = zero.getField().getOne();
        double magnitude = 0;
        for (int k = 0; k <= order; k++) {
            scaled[k] = sign < 0 ? a[k].multiply(power).negate() : a[k].multiply(power);
            magnitude += Math.abs(scaled[k].getReal());
            power = power.multiply(step);
        }
        double rounding = (2 * order + 1) * numbers.unitRoundoff() * magnitude;
        ArrayDeque<double[]> pieces = new ArrayDeque<>();
        pieces.push(new double[] {0, 1});
        for (int examined = 0; !pieces.isEmpty(); examined++) {
            if (examined == KINK_PIECES) {
                return true;
            }
            double[] piece = pieces.pop();
            double centre = (piece[0] + piece[1]) / 2;
            double radius = (piece[1] - piece[0]) / 2;
            S[] shifted = shiftedTo(scaled, numbers.fromDouble(centre));
            if (shifted[0].getReal() < -rounding) {
                return true;
            }
            S spread = zero;
            S radiusPower = zero.getField().getOne();
            S r = numbers.fromDouble(radius);
            for (int k = 1; k <= order; k++) {
                radiusPower = radiusPower.multiply(r);
                spread = spread.add(shifted[k].abs().multiply(radiusPower));
            }
            if (shifted[0].subtract(spread).getReal() < -rounding && centre + radius / 2 > centre) {
                pieces.push(new double[] {centre, piece[1]});
                pieces.push(new double[] {piece[0], centre});
            }
        }
        return false;
    }

    /** The coefficients of {@code q(m + rho)} in rho, from those of q, by repeated synthetic division. */
    private S[] shiftedTo(S[] q, S m) {
        S[] b = q.clone();
        for (int i = 0; i < order; i++) {
            for (int k = order - 1; k >= i; k--) {
                b[k] = b[k].add(m.multiply(b[k + 1]));
            }
        }
        return b;
    }

    /** |x| = sign * x with the sign of the first nonzero coefficient; valid away from a zero crossing. */
    private S abs(int node, S[] x, int k) {
        if (absSign[node] == 0) {
            absSign[node] = (int) Math.signum(x[k].getReal());
        }
        return absSign[node] < 0 ? x[k].negate() : x[k];
    }
}
