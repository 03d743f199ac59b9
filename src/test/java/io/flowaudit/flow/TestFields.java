package io.flowaudit.flow;

import io.flowaudit.field.Certificate;
import io.flowaudit.field.CertifiedField;
import io.flowaudit.field.Domain;
import io.flowaudit.field.InitialStates;
import io.flowaudit.field.VectorField;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.util.MathArrays;

/**
 * Small fields with closed-form solutions, written once over the generic scalar, and {@link #certified}: such
 * a field with a certificate derived by hand, for checks on fields whose constants are known exactly.
 */
public final class TestFields {

    private TestFields() {
    }

    /** x' = x (1 - x): x(t) = x0 e^t / (1 - x0 + x0 e^t). */
    static final VectorField LOGISTIC = new ScalarField() {
        @Override
        public <T extends RealFieldElement<T>> T rate(T t, T x) {
            return x.multiply(x.negate().add(1));
        }
    };

    /** x' = x cos t: x(t) = x0 exp(sin t). */
    public static final VectorField COS_GROWTH = new ScalarField() {
        @Override
        public <T extends RealFieldElement<T>> T rate(T t, T x) {
            return x.multiply(t.cos());
        }
    };

    /** x' = t in one dimension: x(t) = x0 + t^2/2. */
    public static final VectorField TIME = new ScalarField() {
        @Override
        public <T extends RealFieldElement<T>> T rate(T t, T x) {
            return t;
        }
    };

    /** A field in one dimension, x' = rate(t, x), written once over the generic scalar. */
    public abstract static class ScalarField implements VectorField {

        public abstract <T extends RealFieldElement<T>> T rate(T t, T x);

        @Override
        public int dimension() {
            return 1;
        }

        @Override
        public <T extends RealFieldElement<T>> T[] evaluate(T t, T[] x) {
            T[] out = MathArrays.buildArray(t.getField(), 1);
            out[0] = rate(t, x[0]);
            return out;
        }
    }

    /** x' = A x with A = [[a, b], [-b, a]]: x(t) = e^{at} R(-bt) x0 (a damped rotation). */
    static VectorField dampedRotation(double a, double b) {
        return dampedRotation(a, b, false);
    }

    /** The damped rotation, plus {@code sin(t) e1} when {@code forced}. */
    public static VectorField dampedRotation(double a, double b, boolean forced) {
        return new VectorField() {
            @Override
            public int dimension() {
                return 2;
            }

            @Override
            public <T extends RealFieldElement<T>> T[] evaluate(T t, T[] x) {
                T[] out = MathArrays.buildArray(t.getField(), 2);
                out[0] = x[0].multiply(a).add(x[1].multiply(b));
                if (forced) {
                    out[0] = out[0].add(t.sin());
                }
                out[1] = x[1].multiply(a).subtract(x[0].multiply(b));
                return out;
            }
        };
    }

    /**
     * {@code field} with one fixed certificate, which {@link CertifiedField#certifiedFor} cannot widen, and
     * initial states in a ball; the family name and parameters name the instance in evidence and reports.
     */
    public static CertifiedField certified(VectorField field, Certificate certificate, String family,
            Map<String, Object> parameters) {
        return new CertifiedField() {
            @Override
            public int dimension() {
                return field.dimension();
            }

            @Override
            public <T extends RealFieldElement<T>> T[] evaluate(T t, T[] x) {
                return field.evaluate(t, x);
            }

            @Override
            public void evaluate(double t, double[] x, double[] out) {
                field.evaluate(t, x, out);
            }

            @Override
            public Certificate certificate() {
                return certificate;
            }

            @Override
            public CertifiedField certifiedFor(Domain domain) {
                throw new UnsupportedOperationException(family + " has one fixed certificate");
            }

            @Override
            public Arbitrary<double[]> initialStates(double radius) {
                return InitialStates.inBall(field.dimension(), radius);
            }

            @Override
            public String family() {
                return family;
            }

            @Override
            public Map<String, Object> parameters() {
                return parameters;
            }
        };
    }
}
