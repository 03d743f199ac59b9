package io.flowaudit.flow;

import java.util.List;
import org.apache.commons.math3.RealFieldElement;

/**
 * Every layer's state of a layer stack: {@code x_0 .. x_L} at {@code t_l = l T / L}. Uniform errors
 * (docs/theory.md, Theorem 1) need all of them, not only the last.
 */
public final class Trajectory<T extends RealFieldElement<T>> {

    private final T horizon;
    private final List<T[]> states;

    Trajectory(T horizon, List<T[]> states) {
        this.horizon = horizon;
        this.states = List.copyOf(states);
    }

    /** L, the number of layers. */
    public int layers() {
        return states.size() - 1;
    }

    public T horizon() {
        return horizon;
    }

    /** {@code t_l = l T / L}, exact to the working precision. */
    public T time(int layer) {
        return horizon.multiply(layer).divide(layers());
    }

    public T[] state(int layer) {
        return states.get(layer).clone();
    }

    public T[] last() {
        return state(layers());
    }

    public double[] stateAsDoubles(int layer) {
        T[] state = states.get(layer);
        double[] out = new double[state.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = state[i].getReal();
        }
        return out;
    }
}
