package io.flowaudit.meanfield;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** docs/theory.md, "Energy on the sphere". */
class SphereEnergyProperties {

    private static final double STEP = 1e-4;

    /**
     * The exact rate (1/n^2) sum Z_i |P_perp m_i|^2 (SA) or (1/n) sum |x_i'|^2 (USA) equals the central
     * difference of E along the velocity v. g(s) = E(x + s v) has |g'''| <= B on |s| <= h with B from the
     * chain rule (see {@link #thirdDerivativeBound}), so the truncation error is at most h^2 B / 6; rounding
     * adds at most 4 n^2 eps max_term / h relative to E's sum. A rate that drops Z_i (or uses it for USA)
     * differs by a factor between e^{-beta} n and e^beta n, far outside.
     */
    @Property(tries = 40)
    void theRateFormulaIsTheDerivativeOfTheEnergy(@ForAll long seed, @ForAll @IntRange(min = 2, max = 12) int tokens,
            @ForAll @IntRange(min = 2, max = 5) int width, @ForAll @DoubleRange(min = 0.1, max = 6) double beta,
            @ForAll boolean softmax) {
        double[] x = new RandomDraws(seed).sphereTokens(tokens, width);
        AttentionParticles system = sphereDynamics(softmax, tokens, width, beta);
        double[] v = system.velocity(x);
        double rate = softmax ? SphereEnergyRates.rateAlongSoftmax(x, tokens, width, beta)
                : SphereEnergyRates.rateAlongUnnormalised(x, tokens, width, beta);

        double difference = (SphereEnergy.energy(shift(x, v, STEP), tokens, width, beta)
                - SphereEnergy.energy(shift(x, v, -STEP), tokens, width, beta)) / (2 * STEP);

        double speed = 0;
        for (int i = 0; i < tokens; i++) {
            speed = Math.max(speed, Math.sqrt(AttentionParticles.dot(v, i * width, v, i * width, width)));
        }
        double largestTerm = Math.exp(beta * Math.pow(1 + STEP * speed, 2)) / (2 * beta);
        double tolerance = STEP * STEP * thirdDerivativeBound(beta, speed) / 6
                + 4 * tokens * tokens * Math.ulp(1.0) * largestTerm / STEP;
        assertTrue(Math.abs(rate - difference) <= tolerance,
                "rate " + rate + " vs central difference " + difference + ", tolerance " + tolerance);
    }

    /**
     * |g'''(s)| for g(s) = E(x + s v), unit x_i and |v_i| <= u, |s| <= h: each term e^{beta q}/(2 beta n^2) with
     * q = <x_i + s v_i, x_j + s v_j> has q <= (1 + h u)^2, |q'| <= 2u(1 + h u), q'' <= 2u^2, q''' = 0, so
     * (e^{beta q})''' = e^{beta q}(beta^3 q'^3 + 3 beta^2 q' q'') and the average over the n^2 terms is bounded
     * by the same expression.
     */
    private static double thirdDerivativeBound(double beta, double speed) {
        double q = Math.pow(1 + STEP * speed, 2);
        double q1 = 2 * speed * (1 + STEP * speed);
        double q2 = 2 * speed * speed;
        return Math.exp(beta * q) * (beta * beta * beta * q1 * q1 * q1 + 3 * beta * beta * q1 * q2) / (2 * beta);
    }

    /**
     * E along the integrated SA / USA path never decreases between 200 sample times on [0, 10], beyond the
     * integration error: the rate is >= 0 exactly. The gradient of E in token i is (1/n^2) sum_j
     * e^{beta<x_i,x_j>} x_j, of norm <= e^beta / n for unit tokens, so |grad E| <= e^beta / sqrt(n) and a
     * componentwise state error err moves E by at most e^beta sqrt(d) err (slack 1% for tokens off the sphere
     * by err); two sample times: twice that. Summing n^2 positive terms adds a relative rounding of n^2 eps.
     * err is measured: the distance to a rerun 1000 times tighter.
     */
    @Property(tries = 8)
    void theEnergyNeverDecreasesAlongTheFlow(@ForAll long seed, @ForAll @IntRange(min = 2, max = 10) int tokens,
            @ForAll @IntRange(min = 2, max = 4) int width, @ForAll @DoubleRange(min = 0.5, max = 5) double beta,
            @ForAll boolean softmax) {
        double[] x = new RandomDraws(seed).sphereTokens(tokens, width);
        AttentionParticles system = sphereDynamics(softmax, tokens, width, beta);
        double[] times = Integration.grid(10, 200);
        double[][] path = Integration.states(system, x, times, 1e-9);
        double error = Integration.errorEstimate(system, x, times, 1e-9, path);
        double previous = SphereEnergy.energy(path[0], tokens, width, beta);
        for (int k = 1; k < times.length; k++) {
            double energy = SphereEnergy.energy(path[k], tokens, width, beta);
            double tolerance = 2 * 1.01 * Math.exp(beta) * Math.sqrt(width) * error
                    + 2 * tokens * tokens * Math.ulp(energy);
            assertTrue(energy >= previous - tolerance,
                    "E fell from " + previous + " to " + energy + " at t = " + times[k] + ", tolerance " + tolerance);
            previous = energy;
        }
    }

    /**
     * False on purpose: "normalised Euler layers x <- (x + h v(x)) / |x + h v(x)| keep E nondecreasing at every
     * depth". A large step overshoots: tokens jump past each other and E falls. The search over step sizes
     * must find a witness (it is printed), so the claim is caught.
     */
    @Example
    void eulerLayersThatKeepTheEnergyAtEveryDepthAreCaught() {
        int tokens = 6;
        int width = 3;
        double beta = 1;
        String witness = null;
        for (double step : new double[] {0.1, 0.3, 1, 3, 10}) {
            for (long seed = 1; seed <= 10 && witness == null; seed++) {
                double[] x = new RandomDraws(seed).sphereTokens(tokens, width);
                AttentionParticles system = AttentionParticles.sphere(tokens, width, beta);
                for (int layer = 0; layer < 50 && witness == null; layer++) {
                    double before = SphereEnergy.energy(x, tokens, width, beta);
                    x = system.normalisedEulerLayer(x, step);
                    double after = SphereEnergy.energy(x, tokens, width, beta);
                    if (after < before * (1 - 1e-12)) {
                        witness = "h = " + step + ", start seed " + seed + ", layer " + (layer + 1) + ": E " + before
                                + " -> " + after;
                    }
                }
            }
            if (witness != null) {
                break;
            }
        }
        System.out.println("counterexample to energy monotonicity of Euler layers: " + witness);
        assertTrue(witness != null, "no step size in {0.1, ..., 10} made an Euler layer lower the energy");
    }

    /** SA (softmax) or USA. */
    static AttentionParticles sphereDynamics(boolean softmax, int tokens, int width, double beta) {
        return softmax ? AttentionParticles.sphere(tokens, width, beta)
                : AttentionParticles.unnormalisedSphere(tokens, width, beta);
    }

    private static double[] shift(double[] x, double[] v, double step) {
        double[] out = new double[x.length];
        for (int c = 0; c < x.length; c++) {
            out[c] = x[c] + step * v[c];
        }
        return out;
    }
}
