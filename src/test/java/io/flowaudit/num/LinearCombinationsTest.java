package io.flowaudit.num;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.flowaudit.num.interval.Dual;
import io.flowaudit.num.interval.IntervalSystem;
import java.util.Arrays;
import java.util.function.DoubleFunction;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.util.MathArrays;
import org.junit.jupiter.api.Test;

/**
 * The two-, three- and four-term linear combinations the element types inherit from {@link LinearCombinations}: each
 * is its type's own array form on the same terms, to the last digit, and it is the combination it names.
 */
class LinearCombinationsTest {

    private static final double[] A = {0.5, -1.25, 3, 0.1};
    private static final double[] B = {2, 0.75, -0.3, 7};

    @Test
    void everyOverloadIsTheArrayFormOnItsTerms() {
        check(new BinarySystem(40)::fromDouble);
        check(new ApfloatSystem(30)::fromDouble);
        check(new IntervalSystem(30)::fromDouble);
        check(new Dual.Variables(new IntervalSystem(30), 1)::fromDouble);
    }

    private static <T extends RealFieldElement<T>> void check(DoubleFunction<T> of) {
        T[] a = elements(of, A);
        T[] b = elements(of, B);
        T x = a[0];
        same(x.linearCombination(Arrays.copyOf(a, 2), Arrays.copyOf(b, 2)),
                x.linearCombination(a[0], b[0], a[1], b[1]), 2);
        same(x.linearCombination(Arrays.copyOf(A, 2), Arrays.copyOf(b, 2)),
                x.linearCombination(A[0], b[0], A[1], b[1]), 2);
        same(x.linearCombination(Arrays.copyOf(a, 3), Arrays.copyOf(b, 3)),
                x.linearCombination(a[0], b[0], a[1], b[1], a[2], b[2]), 3);
        same(x.linearCombination(Arrays.copyOf(A, 3), Arrays.copyOf(b, 3)),
                x.linearCombination(A[0], b[0], A[1], b[1], A[2], b[2]), 3);
        same(x.linearCombination(a, b), x.linearCombination(a[0], b[0], a[1], b[1], a[2], b[2], a[3], b[3]), 4);
        same(x.linearCombination(A, b), x.linearCombination(A[0], b[0], A[1], b[1], A[2], b[2], A[3], b[3]), 4);
    }

    /**
     * The overload's result is the array form's to the last digit (their text is equal), and within 1e-12 of the sum
     * of the first {@code terms} products in double: the terms are exact doubles and the systems carry 30 digits or
     * more, so the difference is the double sum's rounding, below 1e-15 here.
     */
    private static <T extends RealFieldElement<T>> void same(T arrayForm, T overload, int terms) {
        assertEquals(arrayForm.toString(), overload.toString(), arrayForm.getClass().getSimpleName() + ", " + terms);
        double expected = 0;
        for (int i = 0; i < terms; i++) {
            expected += A[i] * B[i];
        }
        assertEquals(expected, overload.getReal(), 1e-12, arrayForm.getClass().getSimpleName() + ", " + terms);
    }

    private static <T extends RealFieldElement<T>> T[] elements(DoubleFunction<T> of, double[] values) {
        T first = of.apply(values[0]);
        T[] out = MathArrays.buildArray(first.getField(), values.length);
        for (int i = 0; i < values.length; i++) {
            out[i] = of.apply(values[i]);
        }
        return out;
    }
}
