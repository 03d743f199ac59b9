package io.flowaudit.model;

import io.flowaudit.field.transformer.PostLnLayer;
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
        if (depth < 1 || depth % path.layers() != 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the refined depths are multiples of the checkpoint's %d layers, got %d", path.layers(), depth));
        }
        double step = (double) path.layers() / depth;
        double[] x = initial.clone();
        for (int i = 0; i < depth; i++) {
            double t = (double) i / depth;
            x = switch (this) {
                case BRANCH_SCALED -> path.at(t, tokens, step).apply(x);
                case RELAXATION -> relaxed(path.at(t, tokens, 1), x, step);
            };
            for (double v : x) {
                if (!Double.isFinite(v)) {
                    throw new ArithmeticException("layer " + (i + 1) + " of " + depth + " (" + key
                            + ") produced " + v);
                }
            }
        }
        return x;
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
