package io.flowaudit.field;


/**
 * A matrix quadratic in depth, {@code P(t) = P0 + t P1 + t^2 P2}: the product of two affine weights (a
 * head's {@code Q(t)^T K(t)}, its value path {@code W_O(t) V(t)}, an FFN's {@code W2(t) W1(t)}). Each
 * coefficient is a computed matrix with a bound of its rounding error, added to every norm of it.
 */
public record DepthQuadratic(Term constant, Term linear, Term quadratic) {

    /** A computed coefficient and a bound of the spectral norm of its rounding error. */
    record Term(double[][] matrix, double error) {

        double norm() {
            return Outward.sum(MatrixBounds.spectralNorm(matrix), error);
        }

        double logarithmicNorm() {
            return Outward.sum(MatrixBounds.logarithmicNorm(matrix, MatrixBounds.spectralNorm(matrix)), error);
        }
    }

    /** {@code sup_{0 <= t <= T} ||P(t)|| <= ||P0|| + T ||P1|| + T^2 ||P2||} (triangle inequality). */
    public double supNorm(double horizon) {
        return Outward.sum(constant.norm(), Outward.product(horizon, linear.norm()),
                Outward.product(horizon, horizon, quadratic.norm()));
    }

    /**
     * {@code sup_{0 <= t <= T} ||P'(t)||} for {@code P'(t) = P1 + 2t P2}: affine in t, so its norm is
     * convex and largest at an end point; {@code ||P1 + 2T P2|| <= ||P1|| + 2T ||P2||}.
     */
    public double supSlopeNorm(double horizon) {
        return Outward.sum(linear.norm(), Outward.product(2, horizon, quadratic.norm()));
    }

    /**
     * {@code sup_{0 <= t <= T} mu_2(P(t))}: the logarithmic norm is subadditive and positively
     * homogeneous, so {@code mu_2(P(t)) <= mu_2(P0) + t mu_2(P1) + t^2 mu_2(P2)}, and each t-term is
     * at most its positive part at t = T.
     */
    public double supLogarithmicNorm(double horizon) {
        return Outward.sum(constant.logarithmicNorm(), Outward.product(horizon, Math.max(0, linear.logarithmicNorm())),
                Outward.product(horizon, horizon, Math.max(0, quadratic.logarithmicNorm())));
    }
}
