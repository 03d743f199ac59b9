package io.flowaudit.flow;

import io.flowaudit.num.ApfloatElement;
import io.flowaudit.num.ApfloatSystem;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.math3.RealFieldElement;

/**
 * A pulse in time, x' = exp(-((t - centre)/width)^2) / width from x(0) = x0, whose series far from the centre does not
 * see it: x(t) = x0 + sqrt(pi)/2 (erf((t - c)/w) + erf(c/w)).
 */
final class Pulse {

    private final double centre;
    private final double width;
    private final double x0;
    /** erf(c/w) at each number of digits asked for, computed once: apfloat's erf takes tens of ms at 60 digits. */
    private final Map<Integer, ApfloatElement> erfAtStart = new ConcurrentHashMap<>();

    Pulse(double centre, double width, double x0) {
        this.centre = centre;
        this.width = width;
        this.x0 = x0;
    }

    double x0() {
        return x0;
    }

    <T extends RealFieldElement<T>> T rate(T t) {
        return t.subtract(centre).divide(width).pow(2).negate().exp().divide(width);
    }

    /** The field, x' = {@link #rate}. */
    TestFields.ScalarField field() {
        return new TestFields.ScalarField() {
            @Override
            public <T extends RealFieldElement<T>> T rate(T t, T x) {
                return Pulse.this.rate(t);
            }
        };
    }

    /** x(t) at {@code t}'s precision. */
    ApfloatElement exact(ApfloatElement t) {
        ApfloatSystem apfloat = (ApfloatSystem) t.getField();
        ApfloatElement sinceStart = erfAtStart.computeIfAbsent(apfloat.digits(),
                digits -> apfloat.fromDouble(centre).divide(width).erf());
        return t.subtract(centre).divide(width).erf().add(sinceStart).multiply(apfloat.pi().sqrt()).divide(2).add(x0);
    }

    @Override
    public String toString() {
        return "Pulse[centre=" + centre + ", width=" + width + ", x0=" + x0 + "]";
    }
}
