package io.flowaudit.field.transformer;

import io.flowaudit.field.Outward;
import io.flowaudit.num.Scalars;
import java.util.Arrays;
import java.util.Map;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.util.MathArrays;

/**
 * LayerNorm of each token, {@code LN(x) = gamma ⊙ (x - mean(x)) / sqrt(var(x) + eps) + beta} with the
 * population variance {@code var(x) = |x - mean(x)|^2 / d} and {@code eps > 0}; without learned affine,
 * {@code gamma = 1} and {@code beta = 0}. Not time-dependent.
 *
 * <p><b>Bounds.</b> With {@code c = x - mean(x)} and {@code s = sqrt(|c|^2/d + eps)}, {@code |c| / s <
 * sqrt(d)}, so every output has norm below {@code rho = max|gamma| sqrt(d) + |beta|} whatever x is. The
 * derivative of {@code c/s} is {@code (1/s)(I - c c^T / (d s^2)) Pi} with Pi the centering projection;
 * {@code c c^T / (d s^2)} has norm {@code var / (var + eps) < 1}, so the derivative has norm at most
 * {@code 1/s <= 1/sqrt(eps)}, and LN is globally Lipschitz with constant {@code max|gamma| / sqrt(eps)}
 * (per token, hence on the whole state).
 */
public final class LayerNorm {

    private final double[] gamma;
    private final double[] beta;
    private final double epsilon;

    private LayerNorm(double[] gamma, double[] beta, double epsilon) {
        if (gamma.length != beta.length || gamma.length == 0) {
            throw new IllegalArgumentException("LayerNorm gamma and beta must have the same positive length, got "
                    + gamma.length + " and " + beta.length);
        }
        if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("LayerNorm epsilon must be positive and finite, got " + epsilon);
        }
        for (int k = 0; k < gamma.length; k++) {
            if (!Double.isFinite(gamma[k]) || !Double.isFinite(beta[k])) {
                throw new IllegalArgumentException("LayerNorm gamma and beta must be finite, entry " + k + " is "
                        + gamma[k] + ", " + beta[k]);
            }
        }
        this.gamma = gamma.clone();
        this.beta = beta.clone();
        this.epsilon = epsilon;
    }

    /** Without learned affine: {@code gamma = 1}, {@code beta = 0}. */
    static LayerNorm plain(int width, double epsilon) {
        double[] ones = new double[width];
        Arrays.fill(ones, 1);
        return new LayerNorm(ones, new double[width], epsilon);
    }

    public static LayerNorm affine(double[] gamma, double[] beta, double epsilon) {
        return new LayerNorm(gamma, beta, epsilon);
    }

    public int width() {
        return gamma.length;
    }

    /** LN of every token of a flat state. */
    <T extends RealFieldElement<T>> T[] apply(T[] x) {
        int d = width();
        T[] out = MathArrays.buildArray(x[0].getField(), x.length);
        T eps = Scalars.constant(x[0], epsilon);
        for (int start = 0; start < x.length; start += d) {
            T sum = x[start];
            for (int k = start + 1; k < start + d; k++) {
                sum = sum.add(x[k]);
            }
            T mean = sum.divide(d);
            T squares = x[start].subtract(mean).multiply(x[start].subtract(mean));
            for (int k = start + 1; k < start + d; k++) {
                squares = squares.add(x[k].subtract(mean).multiply(x[k].subtract(mean)));
            }
            T inverseScale = squares.divide(d).add(eps).sqrt().reciprocal();
            for (int k = 0; k < d; k++) {
                out[start + k] = x[start + k].subtract(mean).multiply(inverseScale).multiply(gamma[k]).add(beta[k]);
            }
        }
        return out;
    }

    double[] apply(double[] x) {
        int d = width();
        double[] out = new double[x.length];
        for (int start = 0; start < x.length; start += d) {
            double sum = x[start];
            for (int k = start + 1; k < start + d; k++) {
                sum += x[k];
            }
            double mean = sum / d;
            double squares = (x[start] - mean) * (x[start] - mean);
            for (int k = start + 1; k < start + d; k++) {
                squares += (x[k] - mean) * (x[k] - mean);
            }
            double inverseScale = 1 / Math.sqrt(squares / d + epsilon);
            for (int k = 0; k < d; k++) {
                out[start + k] = (x[start + k] - mean) * inverseScale * gamma[k] + beta[k];
            }
        }
        return out;
    }

    /** {@code max|gamma| / sqrt(eps)} (class comment). */
    double lipschitz() {
        return Outward.quotient(maxAbsGamma(), Outward.sqrtBelow(epsilon));
    }

    /** {@code max|gamma| sqrt(d) + |beta|}: every output token is shorter (class comment). */
    public double outputRadius() {
        return Outward.sum(Outward.product(maxAbsGamma(), Outward.sqrt(width())), Outward.norm(beta));
    }

    /**
     * {@code max|gamma| / sqrt(v + eps)}: LN's Lipschitz constant on any set of inputs whose every token has
     * variance at least v, convex or not (docs/theory.md, "Certified post-LN maps": the chordal bound
     * {@code |N(y) - N(y')| <= |y - y'| / sqrt(s(y) s(y'))}).
     */
    double lipschitzAbove(double varianceFloor) {
        return Outward.quotient(maxAbsGamma(), Outward.sqrtBelow(Outward.down(varianceFloor + epsilon)));
    }

    /**
     * A lower bound of the centred norm {@code |LN(y) - mean(LN(y))|} of every output token whose input has
     * variance at least v: with {@code u = (y - mean y)/s} mean-free and {@code |u| >= sqrt(d v/(v + eps))},
     * {@code |Pi(gamma ⊙ u)|^2 = |gamma ⊙ u|^2 - <gamma - mean gamma, u>^2/d >= (min gamma^2 - var gamma)|u|^2},
     * less {@code |Pi beta|}. 0 when that is not positive: then nothing better than 0 is known.
     */
    public double centredFloor(double varianceFloor) {
        int d = width();
        double minGammaSquared = Double.POSITIVE_INFINITY;
        for (double g : gamma) {
            minGammaSquared = Math.min(minGammaSquared, Outward.down(g * g));
        }
        double gammaSpread = centredNormAbove(gamma);
        double gainSquared = Outward.down(minGammaSquared - Outward.quotient(Outward.product(gammaSpread, gammaSpread), d));
        double unitRatio = Outward.down(varianceFloor / Outward.up(varianceFloor + epsilon));
        if (!(gainSquared > 0) || !(unitRatio > 0)) {
            return 0;
        }
        double centredInput = Outward.down(Math.sqrt(Outward.down(d * unitRatio)));
        double gained = Outward.down(Outward.down(Math.sqrt(gainSquared)) * centredInput);
        return Math.max(0, Outward.down(gained - centredNormAbove(beta)));
    }

    /**
     * An upper bound of {@code |v - mean(v) 1|}: the mean minimises {@code |v - c 1|} over c, so the computed
     * mean serves, each difference rounded by at most an ulp of its size.
     */
    private static double centredNormAbove(double[] v) {
        double mean = Arrays.stream(v).sum() / v.length;
        return Outward.product(Outward.norm(Arrays.stream(v).map(x -> x - mean).toArray()), 1 + 0x1p-51);
    }

    double epsilon() {
        return epsilon;
    }

    double maxAbsGamma() {
        double max = 0;
        for (double g : gamma) {
            max = Math.max(max, Math.abs(g));
        }
        return max;
    }

    void putParameters(Map<String, Object> parameters, String prefix) {
        parameters.put(prefix + ".gamma", Arrays.stream(gamma).boxed().toList());
        parameters.put(prefix + ".beta", Arrays.stream(beta).boxed().toList());
        parameters.put(prefix + ".epsilon", epsilon);
    }
}
