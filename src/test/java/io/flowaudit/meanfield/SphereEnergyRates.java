package io.flowaudit.meanfield;

import org.apache.commons.math3.util.FastMath;

/**
 * The exact time derivatives of {@link SphereEnergy#energy} along SA and USA with V = I (docs/theory.md, "Energy on
 * the sphere"), which the tests compare with the energy's measured rate and sign.
 */
final class SphereEnergyRates {

    private SphereEnergyRates() {
    }

    /** dE/dt along SA: {@code (1/n^2) sum_i Z_i |P_perp(x_i) m_i|^2}, m_i the softmax mean seen by token i. */
    static double rateAlongSoftmax(double[] x, int tokens, int width, double beta) {
        double[] velocity = AttentionParticles.sphere(tokens, width, beta).velocity(x);
        double sum = 0;
        for (int i = 0; i < tokens; i++) {
            sum += partition(x, i, tokens, width, beta)
                    * AttentionParticles.dot(velocity, i * width, velocity, i * width, width);
        }
        return sum / ((double) tokens * tokens);
    }

    /** dE/dt along USA: {@code (1/n) sum_i |x_i'|^2}. */
    static double rateAlongUnnormalised(double[] x, int tokens, int width, double beta) {
        double[] velocity = AttentionParticles.unnormalisedSphere(tokens, width, beta).velocity(x);
        return AttentionParticles.dot(velocity, 0, velocity, 0, velocity.length) / tokens;
    }

    /** Z_i = sum_j e^{beta <x_i, x_j>}. */
    private static double partition(double[] x, int i, int tokens, int width, double beta) {
        double sum = 0;
        for (int j = 0; j < tokens; j++) {
            sum += FastMath.exp(beta * AttentionParticles.dot(x, i * width, x, j * width, width));
        }
        return sum;
    }
}
