package io.flowaudit.flow;

import io.flowaudit.field.DepthLayer;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.RealFieldElement;

/**
 * A stack whose layers may all differ, {@code x_{k+1} = Phi_k(x_k)}: the form of a trained checkpoint, one
 * set of weights per layer. It is a map from the input to every layer's state and claims nothing more; whether
 * it is also a discretised flow is a property to measure (docs/theory.md, "Post-LN layers and the flow
 * reading"), and the stacks {@link LayerStack} runs are the special case of one field sampled at every depth.
 */
public record DepthStack(List<DepthLayer> layers) {

    public DepthStack {
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a stack needs at least one layer");
        }
        for (DepthLayer layer : layers) {
            if (layer.dimension() != layers.get(0).dimension()) {
                throw new IllegalArgumentException("layers disagree on the state's dimension: "
                        + layers.get(0).dimension() + " and " + layer.dimension());
            }
        }
    }

    /** {@code x_0, x_1, ..., x_L}, the input first. */
    public <T extends RealFieldElement<T>> List<T[]> states(T[] initial) {
        requireDimension(initial.length);
        List<T[]> states = new ArrayList<>(layers.size() + 1);
        states.add(initial.clone());
        for (DepthLayer layer : layers) {
            states.add(layer.apply(states.get(states.size() - 1)));
        }
        return states;
    }

    /** The same in double; a non-finite state stops the run, naming the layer and the component. */
    public List<double[]> states(double[] initial) {
        requireDimension(initial.length);
        List<double[]> states = new ArrayList<>(layers.size() + 1);
        states.add(initial.clone());
        for (int k = 0; k < layers.size(); k++) {
            double[] next = layers.get(k).apply(states.get(k));
            for (int i = 0; i < next.length; i++) {
                if (!Double.isFinite(next[i])) {
                    throw new ArithmeticException("layer " + (k + 1) + " produced " + next[i] + " in component "
                            + (i + 1) + " of " + next.length);
                }
            }
            states.add(next);
        }
        return states;
    }

    /** {@code x_L}. */
    public double[] output(double[] initial) {
        List<double[]> states = states(initial);
        return states.get(states.size() - 1);
    }

    private void requireDimension(int dimension) {
        if (dimension != layers.get(0).dimension()) {
            throw new IllegalArgumentException("the stack maps states of " + layers.get(0).dimension()
                    + " components, got " + dimension);
        }
    }
}
