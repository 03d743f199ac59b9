package io.flowaudit.flow;

import io.flowaudit.field.DepthLayer;
import io.flowaudit.field.VectorField;
import io.flowaudit.num.Scalars;
import org.apache.commons.math3.RealFieldElement;

/**
 * The layer {@code x -> x + h F(t, x)} of a field (or its Heun or RK4 form, {@link LayerMap}) at a fixed time
 * and step: a pre-LN block at one depth. A {@link DepthStack} of such steps with one field per layer is the
 * explicit method on the field that is piecewise constant in depth, {@code F(t, x) = F_k(x)} on layer k's
 * interval; with {@code F_k} one field at {@code t_k = k h}, it computes in double exactly what {@link LayerStack}
 * does.
 */
public record FieldStep(VectorField field, LayerMap map, double time, double step) implements DepthLayer {

    public FieldStep {
        if (!(step > 0) || !Double.isFinite(step) || !Double.isFinite(time)) {
            throw new IllegalArgumentException("a layer needs a finite time and a positive finite step, got t = "
                    + time + ", h = " + step);
        }
    }

    @Override
    public int dimension() {
        return field.dimension();
    }

    @Override
    public <T extends RealFieldElement<T>> T[] apply(T[] x) {
        return map.step(field, Scalars.constant(x[0], time), x, Scalars.constant(x[0], step));
    }

    @Override
    public double[] apply(double[] x) {
        double[] next = new double[x.length];
        map.step(field, time, x, step, next, map.newWorkspace(x.length));
        return next;
    }
}
