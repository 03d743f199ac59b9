package io.flowaudit.gen;

import io.flowaudit.field.InitialStates;
import net.jqwik.api.Arbitrary;
import org.apiguardian.api.API;

/**
 * Arbitraries of initial states x0 in a ball; a field draws its own with
 * {@link io.flowaudit.field.CertifiedField#initialStates}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class States {

    private States() {
    }

    /** States with {@code |x| <= radius} in {@code R^dimension}; see {@link InitialStates#inBall}. */
    public static Arbitrary<double[]> inBall(int dimension, double radius) {
        return InitialStates.inBall(dimension, radius);
    }
}
