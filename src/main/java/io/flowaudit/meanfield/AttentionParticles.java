package io.flowaudit.meanfield;

import java.util.Arrays;
import org.apache.commons.math3.util.FastMath;
import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;

/**
 * n tokens of width d moving under self-attention, {@code x_i' = Pi(x_i) V sum_j w_ij x_j} with weights
 * {@code e^{beta <A x_i, x_j>}} over the tokens j visible to i (all, or j <= i under a causal mask):
 * <ul>
 * <li>SA ({@link #sphere}): weights divided by their sum Z_i (softmax), Pi the projection onto the tangent
 * space of the unit sphere at x_i, {@code I - x_i x_i^T} (LayerNorm's dynamics);</li>
 * <li>USA ({@link #unnormalisedSphere}): weights divided by n instead of Z_i;</li>
 * <li>{@link #free}: softmax weights, Pi = I (no LayerNorm; tokens grow).</li>
 * </ul>
 * A and V default to the identity. The state is the n·d array of tokens, token i at {@code [i·d, (i+1)·d)}.
 */
public final class AttentionParticles implements FirstOrderDifferentialEquations {

    /** How the weights of token i are normalised. */
    enum Normalisation { SOFTMAX, BY_TOKEN_COUNT }

    private final int tokens;
    private final int width;
    private final double beta;
    private final Normalisation normalisation;
    private final boolean onSphere;
    private final boolean causal;
    private final double[][] queryKey;
    private final double[][] value;

    private AttentionParticles(int tokens, int width, double beta, Normalisation normalisation, boolean onSphere,
            boolean causal, double[][] queryKey, double[][] value) {
        if (tokens < 1 || width < 1) {
            throw new IllegalArgumentException("need at least one token of width >= 1, got n=" + tokens + ", d=" + width);
        }
        checkSquare(queryKey, width, "A");
        checkSquare(value, width, "V");
        this.tokens = tokens;
        this.width = width;
        this.beta = beta;
        this.normalisation = normalisation;
        this.onSphere = onSphere;
        this.causal = causal;
        this.queryKey = queryKey;
        this.value = value;
    }

    /** SA: softmax attention on the unit sphere with inverse temperature beta. */
    public static AttentionParticles sphere(int tokens, int width, double beta) {
        return new AttentionParticles(tokens, width, beta, Normalisation.SOFTMAX, true, false, null, null);
    }

    /** USA: the sphere dynamics with 1/n in place of 1/Z_i. */
    public static AttentionParticles unnormalisedSphere(int tokens, int width, double beta) {
        return new AttentionParticles(tokens, width, beta, Normalisation.BY_TOKEN_COUNT, true, false, null, null);
    }

    /** Softmax attention in R^d without LayerNorm, weights {@code e^{<A x_i, x_j>}}. */
    public static AttentionParticles free(int tokens, int width, double[][] queryKey) {
        return new AttentionParticles(tokens, width, 1, Normalisation.SOFTMAX, false, false, queryKey, null);
    }

    public AttentionParticles withValue(double[][] valueMatrix) {
        return new AttentionParticles(tokens, width, beta, normalisation, onSphere, causal, queryKey, valueMatrix);
    }

    AttentionParticles withQueryKey(double[][] queryKeyMatrix) {
        return new AttentionParticles(tokens, width, beta, normalisation, onSphere, causal, queryKeyMatrix, value);
    }

    /** Token i attends only to tokens j <= i. */
    public AttentionParticles causal() {
        return new AttentionParticles(tokens, width, beta, normalisation, onSphere, true, queryKey, value);
    }

    public int tokens() {
        return tokens;
    }

    public int width() {
        return width;
    }

    @Override
    public int getDimension() {
        return tokens * width;
    }

    /**
     * With A = V = I (SA and USA, masked or not) {@link #identityVelocity}; otherwise each logit is its own inner
     * product {@code <A x_i, x_j>}.
     */
    @Override
    public void computeDerivatives(double t, double[] x, double[] velocity) {
        if (queryKey == null && value == null) {
            identityVelocity(x, velocity);
            return;
        }
        double[] query = new double[width];
        double[] logits = new double[tokens];
        double[] mean = new double[width];
        for (int i = 0; i < tokens; i++) {
            int base = i * width;
            multiply(queryKey, x, base, query);
            int visible = causal ? i + 1 : tokens;
            double largest = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < visible; j++) {
                logits[j] = beta * dot(query, 0, x, j * width, width);
                largest = Math.max(largest, logits[j]);
            }
            // Weights relative to the largest logit, so large beta or large tokens never overflow; FastMath's exp, plain
            // Java, is the same on every processor (ReproducibleMathTest) and quicker than StrictMath's in this pair loop
            double sum = 0;
            Arrays.fill(mean, 0);
            for (int j = 0; j < visible; j++) {
                double weight = FastMath.exp(logits[j] - largest);
                sum += weight;
                for (int k = 0; k < width; k++) {
                    mean[k] += weight * x[j * width + k];
                }
            }
            double scale = normalisation == Normalisation.SOFTMAX ? 1 / sum : StrictMath.exp(largest) / tokens;
            for (int k = 0; k < width; k++) {
                mean[k] *= scale;
            }
            multiply(value, mean, 0, query);
            if (onSphere) {
                double radial = dot(query, 0, x, base, width);
                for (int k = 0; k < width; k++) {
                    query[k] -= radial * x[base + k];
                }
            }
            System.arraycopy(query, 0, velocity, base, width);
        }
    }

    /**
     * The velocity with A = V = I: the logits are beta times the tokens' Gram matrix, formed once per evaluation, each
     * pair once ({@code <x_i, x_j>} and {@code <x_j, x_i>} are the same products in the same order, so the same
     * double), and each token's weighted mean is summed over j in a local, component by component. Every sum runs
     * over the same terms in the same order as the general path's, so the velocity is that path's to the bit
     * (AttentionParticlesTest, against A and V = I given as matrices); only array traffic and the copies through I
     * are saved, which made most of the clustering claims' time.
     */
    private void identityVelocity(double[] x, double[] velocity) {
        double[] gram = gram(x);
        double[] weights = new double[tokens];
        double[] mean = new double[width];
        for (int i = 0; i < tokens; i++) {
            int base = i * width;
            int row = i * tokens;
            int visible = causal ? i + 1 : tokens;
            double largest = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < visible; j++) {
                weights[j] = beta * gram[row + j];
                largest = Math.max(largest, weights[j]);
            }
            // Weights relative to the largest logit, so large beta or large tokens never overflow.
            double sum = 0;
            for (int j = 0; j < visible; j++) {
                weights[j] = FastMath.exp(weights[j] - largest);
                sum += weights[j];
            }
            double scale = normalisation == Normalisation.SOFTMAX ? 1 / sum : StrictMath.exp(largest) / tokens;
            double radial = 0;
            for (int k = 0; k < width; k++) {
                double component = 0;
                for (int j = 0; j < visible; j++) {
                    component += weights[j] * x[j * width + k];
                }
                mean[k] = component * scale;
                radial += mean[k] * x[base + k];
            }
            for (int k = 0; k < width; k++) {
                velocity[base + k] = onSphere ? mean[k] - radial * x[base + k] : mean[k];
            }
        }
    }

    /**
     * {@code <x_i, x_j>} at {@code [i n + j]}, symmetric: {@link #dot}'s sum written out (the same terms in the same
     * order), since the quick compiler does not inline a call made n^2/2 times an evaluation.
     */
    private double[] gram(double[] x) {
        double[] gram = new double[tokens * tokens];
        for (int i = 0; i < tokens; i++) {
            for (int j = i; j < tokens; j++) {
                double sum = 0;
                for (int k = 0; k < width; k++) {
                    sum += x[i * width + k] * x[j * width + k];
                }
                gram[i * tokens + j] = sum;
                gram[j * tokens + i] = sum;
            }
        }
        return gram;
    }

    /** The velocity at a state, as a new array. */
    public double[] velocity(double[] x) {
        double[] out = new double[x.length];
        computeDerivatives(0, x, out);
        return out;
    }

    /**
     * One residual (Euler) layer {@code x + h v(x)} followed by LayerNorm's projection of every token back
     * to the unit sphere: the discrete dynamics whose energy the sphere-energy claims judge.
     */
    public double[] normalisedEulerLayer(double[] x, double step) {
        double[] v = velocity(x);
        double[] next = new double[x.length];
        for (int c = 0; c < x.length; c++) {
            next[c] = x[c] + step * v[c];
        }
        return toUnitSphere(next, width);
    }

    /** Every token of {@code x} (tokens of width d) divided by its Euclidean norm, in place; returns x. */
    public static double[] toUnitSphere(double[] x, int width) {
        for (int base = 0; base < x.length; base += width) {
            double norm = Math.sqrt(dot(x, base, x, base, width));
            for (int k = 0; k < width; k++) {
                x[base + k] /= norm;
            }
        }
        return x;
    }

    /** {@code out = M x[offset..offset+d)}, M = I when null; out must not alias x. */
    private void multiply(double[][] matrix, double[] x, int offset, double[] out) {
        for (int r = 0; r < width; r++) {
            out[r] = matrix == null ? x[offset + r] : dot(matrix[r], 0, x, offset, width);
        }
    }

    /** The inner product of {@code a[offsetA..offsetA+length)} and {@code b[offsetB..offsetB+length)}: of two tokens. */
    public static double dot(double[] a, int offsetA, double[] b, int offsetB, int length) {
        double sum = 0;
        for (int k = 0; k < length; k++) {
            sum += a[offsetA + k] * b[offsetB + k];
        }
        return sum;
    }

    private static void checkSquare(double[][] matrix, int width, String name) {
        if (matrix == null) {
            return;
        }
        if (matrix.length != width) {
            throw new IllegalArgumentException(name + " must be " + width + "x" + width + ", got " + matrix.length + " rows");
        }
        for (double[] row : matrix) {
            if (row.length != width) {
                throw new IllegalArgumentException(name + " must be " + width + "x" + width + ", got a row of " + row.length);
            }
        }
    }
}
