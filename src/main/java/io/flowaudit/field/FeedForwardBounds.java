package io.flowaudit.field;

/**
 * K and mu of the one-token feed-forward map {@code f(x) = W2(t) act(W1(t) x + b1(t)) + b2(t)} over
 * depths {@code [0, T]}, on all of {@code R^D}: the certificate the {@code mlp} family and the
 * transformer's FFN (which applies f to every token alike) share.
 *
 * <p>For two points {@code f(x) - f(y) = W2 D W1 (x - y)}, D the diagonal of the activation's difference
 * quotients, each in {@code [m, a]} = {@code [minSlope, maxSlope]} ({@link Activation}); on a segment the
 * same holds for the Jacobian {@code J = W2 diag(d) W1 = sum_j d_j u_j v_j^T} (u_j the j-th column of W2,
 * v_j the j-th row of W1), and {@code <f(x) - f(y), x - y> = int_0^1 <J(y + s(x - y))(x - y), x - y> ds}.
 * <ul>
 * <li>{@code K = ||W2|| L ||W1||}, L = {@code max(-m, a)}; norms are suprema over depth. The two products
 * are rounded up one after the other; both orders bound the exact product and round differently, so K is
 * the smaller of the two.</li>
 * <li>mu is the smallest of K and two bounds of {@code sup lambda_max((J + J^T)/2)}, neither always the
 * smaller:
 * <ul>
 * <li><b>midpoint</b>: write {@code D = c I + E} with c the midpoint and r the half-width of {@code [m, a]}
 * ({@code c >= 0} for every activation here), so {@code mu <= c sup_t mu_2(W2 W1) + r ||W2|| ||W1||}. For
 * tanh with {@code W1 = I_2}, {@code W2} a rotation by theta, it is {@code (1 + cos theta)/2}, attained with
 * one unit at slope 1 and the other saturated; the rank-two bound gives {@code 1 + cos theta}.</li>
 * <li><b>rank-two</b> (constant weights): the symmetric part of {@code u_j v_j^T} is a rank-two matrix
 * S_j with eigenvalues {@code (u_j.v_j ± |u_j||v_j|)/2}; lambda_max is subadditive (Weyl) and
 * {@code lambda_max(d S_j)} is convex in d, so largest at {@code d = a} or {@code d = m}:
 * {@code mu <= sum_j max(a lambda_max(S_j), -m lambda_min(S_j))} = {@code a sum_j max(lambda_max(S_j), (-m/a)
 * (-lambda_min(S_j)))}, the second term present only for {@code m < 0}. For one unit with {@code u = -v} it
 * is {@code -m |v|^2} (0 for tanh), attained where the slope is m; the midpoint bound gives {@code r |v|^2}.
 * Dot products are bounded outward by their rounding error {@code n eps |u||v|}.</li>
 * </ul></li>
 * </ul>
 * Every term is rounded up by {@link Outward}'s policy.
 */
public final class FeedForwardBounds {

    private final double lipschitz;
    private final double oneSidedLipschitz;

    /**
     * @param inner W1, {@code hidden x width}
     * @param outer W2, {@code width x hidden}
     * @param horizon T, the depths {@code [0, T]} the bounds hold on (any value for constant weights)
     * @param innerNorm an upper bound of {@code sup ||W1||} over {@code [0, T]}, computed once by the caller
     * @param outerNorm the same for W2
     */
    public FeedForwardBounds(WeightMatrix inner, Activation activation, WeightMatrix outer, double horizon,
            double innerNorm, double outerNorm) {
        double slope = activation.lipschitz();
        this.lipschitz = lipschitz(outerNorm, slope, innerNorm);
        double midpoint = midpointBound(inner, activation, outer, horizon, innerNorm, outerNorm);
        double rankTwo = inner.isConstant() && outer.isConstant() ? rankTwoBound(inner, activation, outer)
                : Double.POSITIVE_INFINITY;
        this.oneSidedLipschitz = Math.min(lipschitz, Math.min(midpoint, rankTwo));
    }

    /**
     * K from bounds on the two norms and the activation's slope: the smaller of the two rounding orders of the
     * product, each an upper bound.
     */
    public static double lipschitz(double outerNorm, double slope, double innerNorm) {
        return Math.min(Outward.product(slope, Outward.product(outerNorm, innerNorm)),
                Outward.product(outerNorm, slope, innerNorm));
    }

    /** K, on all of {@code R^D} and every depth in {@code [0, T]}. */
    public double lipschitz() {
        return lipschitz;
    }

    /** mu, on all of {@code R^D} and every depth in {@code [0, T]}. */
    public double oneSidedLipschitz() {
        return oneSidedLipschitz;
    }

    /**
     * Any c and r with the slope range inside {@code [c - r, c + r]} serve: c is the computed midpoint,
     * r rounded up to cover both ends, and c >= 0, so c times the upper bound of the logarithmic norm,
     * rounded up, bounds c times the exact one.
     */
    private static double midpointBound(WeightMatrix inner, Activation activation, WeightMatrix outer, double horizon,
            double innerNorm, double outerNorm) {
        double midpoint = (activation.minSlope() + activation.maxSlope()) / 2;
        double halfWidth = Outward.up(Math.max(activation.maxSlope() - midpoint, midpoint - activation.minSlope()));
        double productLogarithmicNorm = WeightMatrix.product(outer, inner).supLogarithmicNorm(horizon);
        return Outward.sum(Outward.up(midpoint * productLogarithmicNorm),
                Outward.product(halfWidth, outerNorm, innerNorm));
    }

    private static double rankTwoBound(WeightMatrix inner, Activation activation, WeightMatrix outer) {
        double negativeShare = Outward.quotient(Math.max(0, -activation.minSlope()), activation.maxSlope());
        double unitSum = 0;
        for (int j = 0; j < inner.rows(); j++) {
            double[] u = outer.columnAtZero(j);
            double[] v = inner.rowAtZero(j);
            double dot = 0;
            for (int i = 0; i < u.length; i++) {
                dot += u[i] * v[i];
            }
            double normU = Outward.norm(u);
            double normV = Outward.norm(v);
            double dotError = Outward.product(Outward.up(2 * u.length * Math.ulp(1.0)), Outward.product(normU, normV));
            double normProduct = Outward.product(normU, normV);
            double largest = Outward.up(Outward.sum(Outward.sum(dot, dotError), normProduct) / 2);
            double negatedSmallest = Outward.up(Outward.sum(Outward.sum(-dot, dotError), normProduct) / 2);
            unitSum = Outward.sum(unitSum, Math.max(largest, Outward.product(negativeShare, negatedSmallest)));
        }
        return Outward.product(activation.maxSlope(), unitSum);
    }
}
