package io.flowaudit.model;

import io.flowaudit.field.transformer.PostLnLayer;
import io.flowaudit.weights.onnx.BertEncoder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.util.MathArrays;

/**
 * The checkpoint's weights as a path across depth: layer k (from 0) at t = k/K for its K layers, piecewise linear
 * between neighbours, constant on [(K−1)/K, 1] (no layer K to move towards). Every tensor of a layer moves: the
 * projections and their biases, both FFN matrices and biases, both LayerNorms' gains and biases; the score scale,
 * the epsilons and the activation are the same in every layer of this checkpoint and stay. At t = k/K the path gives
 * layer k's weights bit for bit ((1 − 0)·a + 0·b = a in floating point), so the refined families of
 * {@link Refinement} contain the real network at L = K.
 */
public final class DepthPath {

    /** The roles whose values form the branches' last affine maps: scaling them scales the branch exactly. */
    private static final List<String> BRANCH_OUTPUTS = List.of("wo", "w2");
    private static final List<String> BRANCH_OUTPUT_BIASES = List.of("bo", "b2");

    private final BertEncoder encoder;
    private final List<Map<String, double[][]>> matrices;
    private final List<Map<String, double[]>> vectors;

    public DepthPath(BertEncoder encoder) {
        this.encoder = encoder;
        this.matrices = encoder.layers().stream().map(BertEncoder.Layer::matrices).toList();
        this.vectors = encoder.layers().stream().map(BertEncoder.Layer::vectors).toList();
    }

    /** K, the checkpoint's number of layers. */
    public int layers() {
        return matrices.size();
    }

    /**
     * The post-LN layer with the path's weights at depth t in [0, 1] on {@code tokens} tokens, its attention and FFN
     * branches multiplied by {@code branchScale} (through W_o, b_o, W_2, b_2; 1 leaves the layer as the path gives it).
     */
    public PostLnLayer at(double t, int tokens, double branchScale) {
        if (!(t >= 0 && t <= 1)) {
            throw new IllegalArgumentException("depth t must be in [0, 1], got " + t);
        }
        int k = Math.min((int) Math.floor(t * layers()), layers() - 1);
        double lambda = k == layers() - 1 ? 0 : t * layers() - k;
        Map<String, double[][]> m = blend(matrices, k, lambda, DepthPath::blendMatrix);
        Map<String, double[]> v = blend(vectors, k, lambda, DepthPath::blendVector);
        if (branchScale != 1) {
            BRANCH_OUTPUTS.forEach(role -> m.put(role, scaled(m.get(role), branchScale)));
            BRANCH_OUTPUT_BIASES.forEach(role -> v.put(role, MathArrays.scale(branchScale, v.get(role))));
        }
        BertEncoder.Layer layer = encoder.layers().get(k);
        return PostLnLayer.fromWeights(tokens, encoder.width(), layer.heads(), layer.scoreScale(),
                layer.activation(), layer.attentionNorm().epsilon(), layer.ffnNorm().epsilon(), m, v);
    }

    private static <V> Map<String, V> blend(List<Map<String, V>> byLayer, int k, double lambda,
            Blend<V> blend) {
        Map<String, V> blended = new HashMap<>();
        byLayer.get(k).forEach((role, value) -> blended.put(role, lambda == 0 ? value
                : blend.apply(value, byLayer.get(k + 1).get(role), lambda)));
        return blended;
    }

    private interface Blend<V> {
        V apply(V a, V b, double lambda);
    }

    private static double[] blendVector(double[] a, double[] b, double lambda) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (1 - lambda) * a[i] + lambda * b[i];
        }
        return out;
    }

    private static double[][] blendMatrix(double[][] a, double[][] b, double lambda) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = blendVector(a[i], b[i], lambda);
        }
        return out;
    }

    private static double[][] scaled(double[][] a, double factor) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = MathArrays.scale(factor, a[i]);
        }
        return out;
    }
}
