package io.flowaudit.gen;

import io.flowaudit.field.Region;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** Arbitraries of initial states x0 for the flows and layer stacks of generated fields. */
public final class States {

    private States() {
    }

    /**
     * States with {@code |x| <= radius} in {@code R^dimension}: entries drawn in
     * {@code [-radius, radius]}, the vector pulled back to the sphere when it lies outside (as
     * {@link Region#contains} computes it). Shrinks entry by entry toward 0 (the origin); edge cases
     * include the origin and points on the sphere such as {@code radius e_1}.
     */
    public static Arbitrary<double[]> inBall(int dimension, double radius) {
        if (dimension < 1 || !(radius >= 0) || Double.isInfinite(radius)) {
            throw new IllegalArgumentException("need dimension >= 1 and a finite radius >= 0, got " + dimension
                    + " and " + radius);
        }
        Region ball = Region.ball(radius);
        return Arbitraries.doubles().between(-radius, radius).list().ofSize(dimension).map(entries -> {
            double[] x = entries.stream().mapToDouble(Double::doubleValue).toArray();
            if (!ball.contains(x)) {
                // a relative 1e-12 inside, so that the rounding of |x| cannot put it back outside
                double factor = radius / ball.normOf(x) * (1 - 1e-12);
                for (int i = 0; i < x.length; i++) {
                    x[i] *= factor;
                }
            }
            return x;
        });
    }
}
