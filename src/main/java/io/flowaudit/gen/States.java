package io.flowaudit.gen;

import io.flowaudit.field.InitialStates;
import net.jqwik.api.Arbitrary;

/**
 * Arbitraries of initial states x0 in a ball; a field draws its own with
 * {@link io.flowaudit.field.CertifiedField#initialStates}.
 */
public final class States {

    private States() {
    }

    /** States with {@code |x| <= radius} in {@code R^dimension}; see {@link InitialStates#inBall}. */
    public static Arbitrary<double[]> inBall(int dimension, double radius) {
        return InitialStates.inBall(dimension, radius);
    }
}
