package io.flowaudit.field.transformer;

import io.flowaudit.field.Outward;

/**
 * A linear growth bound per token: {@code |F_i(t, X)| <= offset + rate·max_j |x_j|} for every state X
 * and every t in the horizon it was computed for.
 *
 * <p><b>Containment (flow and layers).</b> With {@code rho = max_i |x_i|} and {@code sigma = rho +
 * offset/rate}, the flow satisfies {@code sigma' <= rate·sigma}, so {@code sigma(t) <= sigma(0)
 * e^{rate·t}}. The same holds for the layer maps Euler, Heun and RK4, at every depth: their Butcher
 * coefficients are non-negative, so each stage state has {@code sigma_s <= sigma + h·rate·sum_j a_sj
 * sigma_j}, and by induction the layer gives {@code sigma_{l+1} <= R(h·rate)·sigma_l} where R is the
 * method's stability polynomial: {@code 1 + z}, {@code 1 + z + z^2/2} and {@code 1 + z + z^2/2 + z^3/6 +
 * z^4/24}, each at most {@code e^z} for {@code z >= 0}. Hence every layer iterate up to depth T also
 * satisfies {@code sigma_l <= sigma_0 e^{rate·T}}. For softmax attention (offset 0, rate ||V||) this is
 * {@code max_i |x_i| <= e^{||V|| t} max_i |x_i(0)|} of docs/theory.md, now for all three layer maps.
 */
record TokenGrowth(double offset, double rate) {

    public TokenGrowth {
        if (!(offset >= 0) || !(rate >= 0)) {
            throw new IllegalArgumentException("growth constants must be non-negative, got offset " + offset
                    + " and rate " + rate);
        }
    }

    /** The largest token norm of F on the token ball of this radius: {@code offset + rate·radius}. */
    public double tokenBound(double radius) {
        return Outward.sum(offset, Outward.product(rate, radius));
    }

    /**
     * A radius containing every token of the flow and of the Euler, Heun and RK4 iterates over
     * {@code [0, horizon]} from tokens of norm at most {@code initialTokenRadius} (class comment):
     * {@code (r0 + offset/rate) e^{rate T} - offset/rate}, or {@code r0 + offset·T} when the rate is 0, with
     * room for the computed states, which the proof (exact arithmetic) does not cover
     * ({@link Outward#holdingComputedStates}).
     */
    double radiusAfter(double initialTokenRadius, double horizon) {
        double exact;
        if (rate == 0) {
            exact = Outward.sum(initialTokenRadius, Outward.product(offset, horizon));
        } else {
            // r0 e^{bT} + a (e^{bT} - 1)/b, with expm1 so a small bT loses nothing to cancellation; increasing
            // in b, so evaluating it at the certified rate b itself (dividing by b exactly) bounds it there
            double growth = Outward.expm1(Outward.product(rate, horizon));
            exact = Outward.sum(initialTokenRadius, Outward.product(initialTokenRadius, growth),
                    Outward.product(offset, Outward.quotient(growth, rate)));
        }
        return Outward.holdingComputedStates(exact);
    }
}
