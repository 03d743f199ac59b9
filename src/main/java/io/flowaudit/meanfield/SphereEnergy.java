package io.flowaudit.meanfield;

import org.apache.commons.math3.util.FastMath;

/**
 * The interaction energy of n unit tokens, {@code E_beta = (1/(2 beta n^2)) sum_ij e^{beta <x_i, x_j>}}
 * (docs/theory.md, "Energy on the sphere"); the tests hold its exact time derivatives along SA and USA with V = I.
 */
public final class SphereEnergy {

    private SphereEnergy() {
    }

    public static double energy(double[] x, int tokens, int width, double beta) {
        double sum = 0;
        for (int i = 0; i < tokens; i++) {
            for (int j = 0; j < tokens; j++) {
                sum += FastMath.exp(beta * AttentionParticles.dot(x, i * width, x, j * width, width));
            }
        }
        return sum / (2 * beta * tokens * tokens);
    }
}
