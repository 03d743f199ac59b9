package io.flowaudit.field;

import io.flowaudit.num.Scalars;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.util.FastMath;

/**
 * Activations of the one-token feed-forward network (the transformer's FFN and the {@code mlp} family),
 * each written with operations that have Taylor recurrences; the double path uses {@link FastMath#tanh},
 * the function {@code Decimal64} uses, so the double and the generic path agree bit for bit. Every
 * difference quotient {@code (act(a) - act(b)) / (a - b)} in the
 * slope range {@code [minSlope, maxSlope]}: for a C^1 activation the quotient is a derivative value (mean
 * value theorem), for ReLU it is between 0 and 1. All but the sigmoid have {@code act(0) = 0}, which the FFN's token
 * growth bound needs ({@link #zeroAtOrigin}); tanh and the sigmoid are bounded by 1, which the MLP's
 * global bound needs ({@link #bounded}). The ranges of GELU and SiLU are their derivatives'
 * extrema, found at the two roots of the second derivative ({@code x = ±1.41850} and {@code ±2.39936})
 * to 20 digits in arbitrary precision and rounded outward in the fourth decimal; since {@code act(x) -
 * x/2} is odd for both, {@code act'(x) + act'(-x) = 1} and the two extremes sum to 1.
 */
public enum Activation {

    /** tanh: values in (-1, 1), Lipschitz 1, slopes in (0, 1]. */
    TANH(0, 1) {
        @Override
        public <T extends RealFieldElement<T>> T apply(T z) {
            return z.tanh();
        }

        @Override
        public double apply(double z) {
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
        public <T extends RealFieldElement<T>> T apply(T z) {
            return z.multiply(z).multiply(z).multiply(CUBIC).add(z).multiply(KAPPA).tanh().add(1).multiply(z)
                    .multiply(0.5);
        }

        @Override
        public double apply(double z) {
            return (FastMath.tanh((z * z * z * CUBIC + z) * KAPPA) + 1) * z * 0.5;
        }
    },

    /** SiLU (swish), {@code z sigma(z) = z (1 + tanh(z/2)) / 2}; slopes in {@code [-0.09984.., 1.09984..]}. */
    SILU(-0.0999, 1.0999) {
        @Override
        public <T extends RealFieldElement<T>> T apply(T z) {
            return z.multiply(0.5).tanh().add(1).multiply(z).multiply(0.5);
        }

        @Override
        public double apply(double z) {
            return (FastMath.tanh(z * 0.5) + 1) * z * 0.5;
        }
    },

    /**
     * {@code (z + |z|) / 2}: Lipschitz with slopes in [0, 1] but not differentiable at 0, so the flow is
     * not C^2 where a preactivation crosses 0 (Theorem 2 needs C^2; Theorem 1 only K and M2).
     */
    RELU(0, 1) {
        @Override
        public <T extends RealFieldElement<T>> T apply(T z) {
            return z.add(z.abs()).multiply(0.5);
        }

        @Override
        public double apply(double z) {
            return (z + Math.abs(z)) * 0.5;
        }
    },

    /**
     * GELU as BERT computes it, {@code z (1 + erf(z / sqrt 2)) / 2}, with the error function itself
     * ({@link Scalars#erf}, so double and apfloat only: no Taylor tape, no interval). Its slope {@code Phi(z)
     * + z phi(z)} has its extremes at {@code z = ±sqrt 2}, where it is {@code (1 + erf 1)/2 + 1/(e sqrt pi)
     * = 1.128904..} and {@code 1 - 1.128904..}. Not drawn and not named in claim files ({@link #parse}):
     * it is the activation of imported checkpoints, whose layers run as maps.
     */
    EXACT_GELU(-0.1290, 1.1290) {
        @Override
        public <T extends RealFieldElement<T>> T apply(T z) {
            T sqrt2 = Scalars.constant(z, 2).sqrt();
            return Scalars.erf(z.divide(sqrt2)).add(1).multiply(z).multiply(0.5);
        }

        @Override
        public double apply(double z) {
            return (Scalars.erf(z / SQRT_2) + 1) * z * 0.5;
        }
    },

    /** The logistic sigmoid {@code 1/(1 + e^{-z}) = (1 + tanh(z/2))/2}: values in (0, 1), slopes in (0, 1/4]. */
    SIGMOID(0, 0.25) {
        @Override
        public <T extends RealFieldElement<T>> T apply(T z) {
            return z.multiply(0.5).tanh().multiply(0.5).add(0.5);
        }

        @Override
        public double apply(double z) {
            return FastMath.tanh(z * 0.5) * 0.5 + 0.5;
        }
    };

    private static final double KAPPA = Math.sqrt(2 / Math.PI);
    private static final double CUBIC = 0.044715;
    private static final double SQRT_2 = Math.sqrt(2);

    private final double minSlope;
    private final double maxSlope;

    Activation(double minSlope, double maxSlope) {
        this.minSlope = minSlope;
        this.maxSlope = maxSlope;
    }

    public abstract <T extends RealFieldElement<T>> T apply(T z);

    /** The same in double, the same operations in the same order. */
    public abstract double apply(double z);

    /** The activations with {@code act(0) = 0} that random FFNs draw from and claim files name. */
    public static List<Activation> zeroAtOrigin() {
        return List.of(TANH, GELU, SILU, RELU);
    }

    /** Every activation with {@code act(0) = 0}, the FFN's choices: {@link #zeroAtOrigin} and the exact GELU. */
    public static List<Activation> feedForward() {
        return List.of(TANH, GELU, SILU, RELU, EXACT_GELU);
    }

    /** The activations with {@code |act| <= 1}, the MLP's choices, in declaration order. */
    public static List<Activation> bounded() {
        return List.of(TANH, SIGMOID);
    }

    /**
     * {@code choices} as a list when there is at least one and each is {@code allowed}.
     *
     * @param needs what needs the restriction, for the message: "the FFN's token growth bound"
     * @throws IllegalArgumentException naming the allowed activations
     */
    public static List<Activation> requireAmong(List<Activation> allowed, String needs, Activation... choices) {
        if (choices.length == 0) {
            throw new IllegalArgumentException("need at least one activation");
        }
        for (Activation choice : choices) {
            if (!allowed.contains(choice)) {
                throw new IllegalArgumentException(needs + " needs an activation among "
                        + allowed.stream().map(Activation::id).toList() + ", got " + choice.id());
            }
        }
        return List.of(choices);
    }

    /** sup |act|: 1 for tanh and the sigmoid, infinite for the others. */
    public double magnitudeBound() {
        return bounded().contains(this) ? 1.0 : Double.POSITIVE_INFINITY;
    }

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

    /** The lower-case name used in parameters, family names and settings: {@code tanh, gelu, silu, relu, sigmoid}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** One of the activations claim files name ({@link #zeroAtOrigin} and {@link #bounded}). */
    public static Activation parse(String id) {
        for (Activation activation : List.of(TANH, GELU, SILU, RELU, SIGMOID)) {
            if (activation.id().equalsIgnoreCase(id)) {
                return activation;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + id + "', expected tanh, gelu, silu, relu or sigmoid");
    }
}
