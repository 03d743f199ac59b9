package io.flowaudit.field.family;

import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.util.FastMath;

/**
 * A bounded, smooth, increasing activation, applied componentwise. Both are written with tanh only,
 * which the Taylor tape records; the double path uses {@link FastMath#tanh}, the function
 * {@code Decimal64} uses, so the double fast path and the generic path agree bit for bit.
 */
public enum Activation {

    /** tanh: values in (-1, 1), slope in (0, 1]. */
    TANH("tanh", 1.0) {
        @Override
        <T extends RealFieldElement<T>> T apply(T z) {
            return z.tanh();
        }

        @Override
        double apply(double z) {
            return FastMath.tanh(z);
        }
    },

    /** The logistic sigmoid {@code 1/(1 + e^{-z}) = (1 + tanh(z/2))/2}: values in (0, 1), slope in (0, 1/4]. */
    SIGMOID("sigmoid", 0.25) {
        @Override
        <T extends RealFieldElement<T>> T apply(T z) {
            return z.multiply(0.5).tanh().multiply(0.5).add(0.5);
        }

        @Override
        double apply(double z) {
            return FastMath.tanh(z * 0.5) * 0.5 + 0.5;
        }
    };

    private final String label;
    private final double maxSlope;

    Activation(String label, double maxSlope) {
        this.label = label;
        this.maxSlope = maxSlope;
    }

    abstract <T extends RealFieldElement<T>> T apply(T z);

    abstract double apply(double z);

    /** sup |act'|: the factor in the MLP's Lipschitz and one-sided constants. */
    public double maxSlope() {
        return maxSlope;
    }

    /** sup |act| = 1 for both, so a hidden layer of H units has norm at most sqrt(H). */
    public double maxMagnitude() {
        return 1.0;
    }

    /** The lower-case name used in family names and claim files: {@code tanh}, {@code sigmoid}. */
    public String label() {
        return label;
    }

    public static Activation parse(String name) {
        for (Activation activation : values()) {
            if (activation.label.equalsIgnoreCase(name)) {
                return activation;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + name + "', expected tanh or sigmoid");
    }
}
