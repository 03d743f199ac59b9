package io.flowaudit.flow;

import io.flowaudit.field.FieldEvaluationException;
import io.flowaudit.field.VectorField;
import io.flowaudit.num.DoubleSystem;
import io.flowaudit.num.NumberSystem;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.util.Decimal64;

/**
 * A stack of L residual layers {@code x_{l+1} = Phi_h(t_l, x_l)} with {@code h = T/L}, run in any
 * number system. A non-finite state (a stack that blows up, a field that leaves its domain) stops
 * the run with the component, layer and time where it happened.
 */
public final class LayerStack {

    private LayerStack() {
    }

    public static <T extends RealFieldElement<T>> Trajectory<T> run(VectorField field, LayerMap map,
            NumberSystem<T> numbers, T[] initial, T horizon, int layers) {
        if (layers < 1) {
            throw new IllegalArgumentException("depth must be at least 1 layer, got " + layers);
        }
        if (numbers == DoubleSystem.INSTANCE) {
            @SuppressWarnings("unchecked")
            Trajectory<T> fast = (Trajectory<T>) runDouble(field, map, (Decimal64[]) initial,
                    (Decimal64) horizon, layers);
            return fast;
        }
        T h = horizon.divide(layers);
        List<T[]> states = new ArrayList<>(layers + 1);
        T[] x = initial.clone();
        states.add(x);
        for (int l = 0; l < layers; l++) {
            T t = horizon.multiply(l).divide(layers);
            try {
                x = map.step(field, t, x, h);
            } catch (ArithmeticException e) {
                throw new FieldEvaluationException(layerLocation(field, l), t.getReal(), e.getMessage());
            }
            states.add(x);
        }
        return new Trajectory<>(horizon, states);
    }

    /** The double fast path: primitive arrays through the field's double evaluation. */
    private static Trajectory<Decimal64> runDouble(VectorField field, LayerMap map, Decimal64[] initial,
            Decimal64 horizon, int layers) {
        int dimension = initial.length;
        double T = horizon.getReal();
        double h = T / layers;
        double[][] workspace = map.newWorkspace(dimension);
        double[] x = new double[dimension];
        for (int i = 0; i < dimension; i++) {
            x[i] = initial[i].getReal();
        }
        List<Decimal64[]> states = new ArrayList<>(layers + 1);
        states.add(initial.clone());
        for (int l = 0; l < layers; l++) {
            double[] next = new double[dimension];
            map.step(field, T * l / layers, x, h, next, workspace);
            requireFinite(field, next, l + 1, T * (l + 1) / layers);
            Decimal64[] boxed = new Decimal64[dimension];
            for (int i = 0; i < dimension; i++) {
                boxed[i] = new Decimal64(next[i]);
            }
            states.add(boxed);
            x = next;
        }
        return new Trajectory<>(horizon, states);
    }

    static void requireFinite(VectorField field, double[] state, int layer, double time) {
        for (int i = 0; i < state.length; i++) {
            if (!Double.isFinite(state[i])) {
                throw new FieldEvaluationException(field.componentNames().get(i), time,
                        "layer " + layer + " produced " + state[i] + " (the layer stack blows up or the field"
                                + " left its domain)");
            }
        }
    }

    private static String layerLocation(VectorField field, int layer) {
        return "(one of " + String.join(", ", field.componentNames()) + ") in layer " + (layer + 1);
    }
}
