package io.flowaudit.field;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.util.Decimal64;

/**
 * A vector field {@code F(t, x)} on {@code R^D}, the right-hand side of {@code x' = F(t, x)} and the
 * residual branch of a layer {@code x + h F(t, x)}. Written once against {@link RealFieldElement}, so
 * the same field runs in double, in apfloat and on Taylor-coefficient tapes.
 *
 * <p>Implementations must be pure functions of {@code (t, x)} with no branching on values except
 * through {@code abs()}, so that a recorded tape is valid for every state.
 */
public interface VectorField {

    /** D, the number of state components. */
    int dimension();

    /** {@code F(t, x)} as a new array of length {@link #dimension()}. */
    <T extends RealFieldElement<T>> T[] evaluate(T t, T[] x);

    /** Component names, in order; {@code x1..xD} unless the field names them. */
    default List<String> componentNames() {
        List<String> names = new ArrayList<>(dimension());
        for (int i = 1; i <= dimension(); i++) {
            names.add("x" + i);
        }
        return names;
    }

    /**
     * Whether one evaluation rounds by a few units relative to the sizes of the state and of F, as the families'
     * fields do (their terms are bounded by their certified constants times the state), which the layers' rounding
     * allowance assumes. A formula may cancel terms far larger than either ({@code t + (2e9 + x) - 2e9 - x} rounds
     * by 10^-7 at x = 0.1), so formula systems say no and the checks measure their layers' rounding instead.
     */
    default boolean roundsRelativeToItsState() {
        return true;
    }

    /**
     * Double fast path: {@code out = F(t, x)}, the path layer stacks and the double reference take. The
     * default goes through the generic code in {@code Decimal64}; the fields here override it with plain
     * double arithmetic, which the evaluation-path tests hold to the generic result.
     */
    default void evaluate(double t, double[] x, double[] out) {
        Decimal64[] state = new Decimal64[x.length];
        for (int i = 0; i < x.length; i++) {
            state[i] = new Decimal64(x[i]);
        }
        Decimal64[] value = evaluate(new Decimal64(t), state);
        for (int i = 0; i < out.length; i++) {
            out[i] = value[i].getReal();
        }
    }
}
