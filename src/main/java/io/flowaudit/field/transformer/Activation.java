package io.flowaudit.field.transformer;

import java.util.Locale;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.util.FastMath;

/**
 * Activations of the feed-forward network, each written with operations that have Taylor recurrences.
 * Each has {@code act(0) = 0} and every difference quotient {@code (act(a) - act(b)) / (a - b)} in the
 * slope range {@code [minSlope, maxSlope]}: for a C^1 activation the quotient is a derivative value (mean
 * value theorem), for ReLU it is between 0 and 1. The ranges of GELU and SiLU are their derivatives'
 * extrema, found at the two roots of the second derivative ({@code x = ±1.41850} and {@code ±2.39936})
 * to 20 digits in arbitrary precision and rounded outward in the fourth decimal; since {@code act(x) -
 * x/2} is odd for both, {@code act'(x) + act'(-x) = 1} and the two extremes sum to 1.
 */
public enum Activation {

    /** Lipschitz 1, slopes in (0, 1]. */
    TANH(0, 1) {
        @Override
        <T extends RealFieldElement<T>> T apply(T z) {
            return z.tanh();
        }

        @Override
        double apply(double z) {
            return FastMath.tanh(z);
        }
    },

    /**
     * GELU in its tanh form, {@code z/2 (1 + tanh(kappa (z + 0.044715 z^3)))} with {@code kappa} the
     * double nearest {@code sqrt(2/pi)} (the same function in every number system); slopes in
     * {@code [-0.12899.., 1.12899..]}.
     */
    GELU(-0.1290, 1.1290) {
        @Override
        <T extends RealFieldElement<T>> T apply(T z) {
            return z.multiply(z).multiply(z).multiply(CUBIC).add(z).multiply(KAPPA).tanh().add(1).multiply(z)
                    .multiply(0.5);
        }

        @Override
        double apply(double z) {
            return (FastMath.tanh((z * z * z * CUBIC + z) * KAPPA) + 1) * z * 0.5;
        }
    },

    /** SiLU (swish), {@code z sigma(z) = z (1 + tanh(z/2)) / 2}; slopes in {@code [-0.09984.., 1.09984..]}. */
    SILU(-0.0999, 1.0999) {
        @Override
        <T extends RealFieldElement<T>> T apply(T z) {
            return z.multiply(0.5).tanh().add(1).multiply(z).multiply(0.5);
        }

        @Override
        double apply(double z) {
            return (FastMath.tanh(z * 0.5) + 1) * z * 0.5;
        }
    },

    /**
     * {@code (z + |z|) / 2}: Lipschitz with slopes in [0, 1] but not differentiable at 0, so the flow is
     * not C^2 where a preactivation crosses 0 (Theorem 2 needs C^2; Theorem 1 only K and M2).
     */
    RELU(0, 1) {
        @Override
        <T extends RealFieldElement<T>> T apply(T z) {
            return z.add(z.abs()).multiply(0.5);
        }

        @Override
        double apply(double z) {
            return (z + Math.abs(z)) * 0.5;
        }
    };

    private static final double KAPPA = Math.sqrt(2 / Math.PI);
    private static final double CUBIC = 0.044715;

    private final double minSlope;
    private final double maxSlope;

    Activation(double minSlope, double maxSlope) {
        this.minSlope = minSlope;
        this.maxSlope = maxSlope;
    }

    abstract <T extends RealFieldElement<T>> T apply(T z);

    /** The same in double, the same operations in the same order. */
    abstract double apply(double z);

    /** Lower end of the slope range (class comment). */
    public double minSlope() {
        return minSlope;
    }

    /** Upper end of the slope range. */
    public double maxSlope() {
        return maxSlope;
    }

    /** {@code max(|minSlope|, |maxSlope|)}, and since {@code act(0) = 0} also {@code |act(z)| <= L |z|}. */
    public double lipschitz() {
        return Math.max(-minSlope, maxSlope);
    }

    /** The lower-case name used in parameters and settings: {@code tanh, gelu, silu, relu}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Activation parse(String id) {
        for (Activation activation : values()) {
            if (activation.id().equalsIgnoreCase(id)) {
                return activation;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + id + "', expected tanh, gelu, silu or relu");
    }
}
