package io.flowaudit.flow;

import io.flowaudit.field.VectorField;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.util.MathArrays;

/** Small fields with closed-form solutions, written once over the generic scalar. */
final class TestFields {

    private TestFields() {
    }

    /** x' = x (1 - x): x(t) = x0 e^t / (1 - x0 + x0 e^t). */
    static final VectorField LOGISTIC = new VectorField() {
        @Override
        public int dimension() {
            return 1;
        }

        @Override
        public <T extends RealFieldElement<T>> T[] evaluate(T t, T[] x) {
            T[] out = MathArrays.buildArray(t.getField(), 1);
            out[0] = x[0].multiply(x[0].negate().add(1));
            return out;
        }
    };

    /** x' = x cos t: x(t) = x0 exp(sin t). */
    static final VectorField COS_GROWTH = new VectorField() {
        @Override
        public int dimension() {
            return 1;
        }

        @Override
        public <T extends RealFieldElement<T>> T[] evaluate(T t, T[] x) {
            T[] out = MathArrays.buildArray(t.getField(), 1);
            out[0] = x[0].multiply(t.cos());
            return out;
        }
    };

    /** x' = A x with A = [[a, b], [-b, a]]: x(t) = e^{at} R(-bt) x0 (a damped rotation). */
    static VectorField dampedRotation(double a, double b) {
        return new VectorField() {
            @Override
            public int dimension() {
                return 2;
            }

            @Override
            public <T extends RealFieldElement<T>> T[] evaluate(T t, T[] x) {
                T[] out = MathArrays.buildArray(t.getField(), 2);
                out[0] = x[0].multiply(a).add(x[1].multiply(b));
                out[1] = x[1].multiply(a).subtract(x[0].multiply(b));
                return out;
            }
        };
    }
}
