package io.flowaudit.claim;

import io.flowaudit.field.VectorField;
import io.flowaudit.flow.LayerMap;
import io.flowaudit.flow.LayerStack;
import io.flowaudit.flow.ReferenceFlow;
import io.flowaudit.flow.Trajectory;
import io.flowaudit.num.NumberSystem;
import org.apache.commons.math3.RealFieldElement;

/**
 * Two solutions side by side, x from x_0 under F and y from y_0 under G (G = F unless the field is
 * perturbed): their distance along the exact flows on a time grid and across layers, with the
 * resolution of each distance.
 */
final class PerturbationRun {

    /** Flow distances are sampled at this many equal intervals of [0, T]. */
    static final int FLOW_SAMPLES = 64;

    private PerturbationRun() {
    }

    /** |x(t_k) - y(t_k)| at t_k = k T / FLOW_SAMPLES, and the resolution (both references' errors). */
    record Distances(double[] distances, double resolution) {
    }

    static Distances flow(VectorField f, VectorField g, NumberSystem<?> numbers, double[] x0, double[] y0,
            double horizon) {
        return flowIn(f, g, numbers, x0, y0, horizon);
    }

    private static <T extends RealFieldElement<T>> Distances flowIn(VectorField f, VectorField g,
            NumberSystem<T> numbers, double[] x0, double[] y0, double horizon) {
        T end = numbers.fromDouble(horizon);
        ReferenceFlow<T> x = ReferenceFlow.compute(f, numbers, numbers.fromDoubles(x0), end);
        ReferenceFlow<T> y = ReferenceFlow.compute(g, numbers, numbers.fromDoubles(y0), end);
        double[] distances = new double[FLOW_SAMPLES + 1];
        for (int k = 0; k <= FLOW_SAMPLES; k++) {
            T t = end.multiply(k).divide(FLOW_SAMPLES);
            distances[k] = ConvergenceRun.distance(x.at(t), y.at(t));
        }
        return new Distances(distances, (x.errorEstimate() + y.errorEstimate()) * Math.sqrt(f.dimension()));
    }

    /** |x_l - y_l| for l = 0..L, with the rounding resolution of L layers. */
    static Distances layers(VectorField f, VectorField g, LayerMap map, NumberSystem<?> numbers, double[] x0,
            double[] y0, double horizon, int depth) {
        return layersIn(f, g, map, numbers, x0, y0, horizon, depth);
    }

    private static <T extends RealFieldElement<T>> Distances layersIn(VectorField f, VectorField g, LayerMap map,
            NumberSystem<T> numbers, double[] x0, double[] y0, double horizon, int depth) {
        T end = numbers.fromDouble(horizon);
        Trajectory<T> x = LayerStack.run(f, map, numbers, numbers.fromDoubles(x0), end, depth);
        Trajectory<T> y = LayerStack.run(g, map, numbers, numbers.fromDoubles(y0), end, depth);
        double[] distances = new double[depth + 1];
        double scale = 1;
        for (int l = 0; l <= depth; l++) {
            distances[l] = ConvergenceRun.distance(x.state(l), y.state(l));
            scale = Math.max(scale, ConvergenceRun.norm(x.state(l)));
        }
        return new Distances(distances, 10.0 * depth * numbers.epsilon() * scale);
    }
}
