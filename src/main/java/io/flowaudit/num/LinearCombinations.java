package io.flowaudit.num;

import java.util.Arrays;
import org.apache.commons.math3.RealFieldElement;

/**
 * {@link RealFieldElement}'s linear combinations of two, three and four terms, as its array forms: an element type
 * computes only those (each in its own arithmetic), and these overloads pack their terms for them.
 *
 * @param <T> the element type
 */
public interface LinearCombinations<T extends RealFieldElement<T>> extends RealFieldElement<T> {

    @Override
    default T linearCombination(T a1, T b1, T a2, T b2) {
        return linearCombination(terms(a1, a2), terms(b1, b2));
    }

    @Override
    default T linearCombination(double a1, T b1, double a2, T b2) {
        return linearCombination(new double[] {a1, a2}, terms(b1, b2));
    }

    @Override
    default T linearCombination(T a1, T b1, T a2, T b2, T a3, T b3) {
        return linearCombination(terms(a1, a2, a3), terms(b1, b2, b3));
    }

    @Override
    default T linearCombination(double a1, T b1, double a2, T b2, double a3, T b3) {
        return linearCombination(new double[] {a1, a2, a3}, terms(b1, b2, b3));
    }

    @Override
    default T linearCombination(T a1, T b1, T a2, T b2, T a3, T b3, T a4, T b4) {
        return linearCombination(terms(a1, a2, a3, a4), terms(b1, b2, b3, b4));
    }

    @Override
    default T linearCombination(double a1, T b1, double a2, T b2, double a3, T b3, double a4, T b4) {
        return linearCombination(new double[] {a1, a2, a3, a4}, terms(b1, b2, b3, b4));
    }

    /**
     * The terms in an array of their own class: a generic varargs array is an array of the erasure, which the
     * implementations' array forms, taking their own element type's arrays, would refuse.
     */
    @SafeVarargs
    @SuppressWarnings({"unchecked", "varargs"}) // the array is copied, never written or kept
    private static <T> T[] terms(T... terms) {
        return Arrays.copyOf(terms, terms.length, (Class<T[]>) terms[0].getClass().arrayType());
    }
}
