package io.flowaudit.field.family;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.gen.Fields;
import io.flowaudit.gen.States;
import io.flowaudit.num.ApfloatElement;
import io.flowaudit.num.ApfloatSystem;
import io.flowaudit.num.DoubleSystem;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.commons.math3.util.Decimal64;

/**
 * The three ways a field is evaluated agree: the primitive double fast path, the generic path in
 * double (Decimal64), and the generic path in apfloat.
 */
class EvaluationPathProperties {

    record Case(FamilyField field, double t, double[] x) {
    }

    /** Fields of every family with states up to 100 (beyond the saturation of any activation). */
    @Provide
    Arbitrary<Case> cases() {
        return Fields.any().dimension(1, 12).flatMap(field -> Combinators.combine(
                Arbitraries.doubles().between(0, 5), States.inBall(field.dimension(), 100))
                .as((t, x) -> new Case(field, t, x)));
    }

    private static double norm(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x * x;
        }
        return Math.sqrt(sum);
    }

    @Property(tries = 200)
    void fastPathAgreesWithGenericPathInDouble(@ForAll("cases") Case c) {
        double[] fast = new double[c.field().dimension()];
        c.field().evaluate(c.t(), c.x(), fast);
        Decimal64[] generic = c.field().evaluate(new Decimal64(c.t()), DoubleSystem.INSTANCE.fromDoubles(c.x()));
        double[] difference = new double[fast.length];
        double[] reference = new double[fast.length];
        for (int i = 0; i < fast.length; i++) {
            reference[i] = generic[i].getReal();
            difference[i] = fast[i] - reference[i];
        }
        assertTrue(norm(difference) <= 1e-14 * norm(reference), "fast " + Arrays.toString(fast) + " generic "
                + Arrays.toString(reference) + " for " + c.field());
    }

    @Property(tries = 100)
    void apfloatAgreesWithDoubleToItsRounding(@ForAll("cases") Case c) {
        ApfloatSystem apfloat = new ApfloatSystem(30);
        FamilyField field = c.field();
        double[] inDouble = new double[field.dimension()];
        field.evaluate(c.t(), c.x(), inDouble);
        ApfloatElement[] inApfloat = field.evaluate(apfloat.fromDouble(c.t()), apfloat.fromDoubles(c.x()));
        double[] difference = new double[inDouble.length];
        for (int i = 0; i < difference.length; i++) {
            difference[i] = inApfloat[i].subtract(apfloat.fromDouble(inDouble[i])).getReal();
        }
        // double rounding is a few eps times the size of the terms, which |F(0)| + K|x| bounds
        double scale = field.originBound() + field.certificate().lipschitz() * norm(c.x()) + 1;
        assertTrue(norm(difference) <= 1e-13 * scale, "apfloat and double differ by " + norm(difference)
                + " for " + field + " at t=" + c.t() + ", x=" + Arrays.toString(c.x()));
    }
}
