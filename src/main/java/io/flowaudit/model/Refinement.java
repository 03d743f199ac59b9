package io.flowaudit.model;

import io.flowaudit.field.transformer.PostLnLayer;
import java.util.List;
import java.util.Locale;

/**
 * The two continuous-depth families through the checkpoint (docs/theory.md, "The ODE view of a checkpoint"). With K
 * real layers, L a multiple of K, h = 1/L and t_i = i/L, layer i of the L-layer member maps x_i to x_{i+1} by
 * <ul>
 *   <li>{@link #BRANCH_SCALED}: the post-LN layer of the path's weights at t_i with both branches scaled by
 *       K·h = K/L, {@code LN2(y + (K/L)·FFN(y)), y = LN1(x + (K/L)·Attn(x))} — a deeper network of the same
 *       architecture whose layers do less each, the reading "a residual layer is x + h f(x)" gives post-LN;</li>
 *   <li>{@link #RELAXATION}: {@code x + h·F(t_i, x)} with {@code F(t, x) = K·(Φ_t(x) − x)}, Φ_t the post-LN layer of
 *       the path's weights at t: forward Euler of one field, the post-LN map rewritten as a step.</li>
 * </ul>
 * Both are the real network at L = K, bit for bit.
 */
public enum Refinement {

    BRANCH_SCALED("branch-scaled"),
    RELAXATION("relaxation");

    private final String key;

    Refinement(String key) {
        this.key = key;
    }

    /** The name claim files use. */
    public String key() {
        return key;
    }

    public static Refinement of(String key) {
        for (Refinement family : values()) {
            if (family.key.equals(key)) {
                return family;
            }
        }
        throw new IllegalArgumentException("unknown depth family '" + key + "'");
    }

    /** x_L of the L-layer member from x_0, in double; L must be a positive multiple of the path's layer count. */
    public double[] output(DepthPath path, int tokens, double[] initial, int depth) {
        return outputs(path, tokens, initial, new int[] {depth}).get(0);
    }

    /**
     * {@link #output} at each of {@code depths}, every member computed exactly as alone. The members step together in
     * order of t, and a layer of the path is built once for all members that step at its t (t = i/L is the same
     * double for equal fractions): of the 378 layers of the ladder 6..192 only 192 differ, and building one costs
     * about a tenth of applying it. Branch-scaled members scale their layers by K/L and share none.
     */
    public List<double[]> outputs(DepthPath path, int tokens, double[] initial, int[] depths) {
        for (int depth : depths) {
            if (depth < 1 || depth % path.layers() != 0) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "the refined depths are multiples of the checkpoint's %d layers, got %d", path.layers(), depth));
            }
        }
        double[][] states = new double[depths.length][];
        int[] steps = new int[depths.length];
        for (int j = 0; j < depths.length; j++) {
            states[j] = initial.clone();
        }
        while (true) {
            double t = Double.POSITIVE_INFINITY;
            for (int j = 0; j < depths.length; j++) {
                if (steps[j] < depths[j]) {
                    t = Math.min(t, (double) steps[j] / depths[j]);
                }
            }
            if (t == Double.POSITIVE_INFINITY) {
                return List.of(states);
            }
            PostLnLayer shared = this == RELAXATION ? path.at(t, tokens, 1) : null;
            for (int j = 0; j < depths.length; j++) {
                if (steps[j] < depths[j] && (double) steps[j] / depths[j] == t) {
                    double step = (double) path.layers() / depths[j];
                    states[j] = switch (this) {
                        case BRANCH_SCALED -> path.at(t, tokens, step).apply(states[j]);
                        case RELAXATION -> relaxed(shared, states[j], step);
                    };
                    steps[j]++;
                    for (double v : states[j]) {
                        if (!Double.isFinite(v)) {
                            throw new ArithmeticException("layer " + steps[j] + " of " + depths[j] + " (" + key
                                    + ") produced " + v);
                        }
                    }
                }
            }
        }
    }

    /** {@code x + s (Φ(x) − x)}; at s = 1 exactly Φ(x). */
    private static double[] relaxed(PostLnLayer layer, double[] x, double share) {
        double[] mapped = layer.apply(x);
        if (share == 1) {
            return mapped;
        }
        double[] out = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            out[k] = x[k] + share * (mapped[k] - x[k]);
        }
        return out;
    }
}
