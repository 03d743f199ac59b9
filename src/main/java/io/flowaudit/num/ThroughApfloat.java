package io.flowaudit.num;

import java.util.function.BiFunction;
import org.apache.commons.math3.RealFieldElement;
import org.apfloat.Apfloat;
import org.apfloat.FixedPrecisionApfloatHelper;

/**
 * {@link RealFieldElement}'s functions that the binary and double-double elements compute through apfloat (the inverse
 * trigonometric and the hyperbolic ones but tanh, tan, atan2, roots): the exact value at the digits the element
 * chooses for it, the function there, rounded back to the element's system. An element supplies only that round trip.
 *
 * @param <T> the element type
 */
interface ThroughApfloat<T extends RealFieldElement<T>> extends RealFieldElement<T> {

    /** A function of two apfloats at a helper's precision. */
    interface Binary {
        Apfloat apply(FixedPrecisionApfloatHelper helper, Apfloat a, Apfloat b);
    }

    /** {@code function(helper, x)} for this element's exact value x, the helper at the element's digits for x. */
    T viaApfloat(BiFunction<FixedPrecisionApfloatHelper, Apfloat, Apfloat> function);

    /** {@code function(helper, x, y)} for this element's and {@code other}'s exact values. */
    T viaApfloat(T other, Binary function);

    @Override
    default T cbrt() {
        return viaApfloat((helper, x) -> helper.cbrt(x));
    }

    @Override
    default T rootN(int n) {
        return viaApfloat((helper, x) -> helper.root(x, n));
    }

    @Override
    default T tan() {
        return viaApfloat((helper, x) -> helper.tan(x));
    }

    @Override
    default T acos() {
        return viaApfloat((helper, x) -> helper.acos(x));
    }

    @Override
    default T asin() {
        return viaApfloat((helper, x) -> helper.asin(x));
    }

    @Override
    default T atan() {
        return viaApfloat((helper, x) -> helper.atan(x));
    }

    @Override
    default T atan2(T x) {
        return viaApfloat(x, (helper, y, abscissa) -> helper.atan2(y, abscissa));
    }

    @Override
    default T cosh() {
        return viaApfloat((helper, x) -> helper.cosh(x));
    }

    @Override
    default T sinh() {
        return viaApfloat((helper, x) -> helper.sinh(x));
    }

    @Override
    default T acosh() {
        return viaApfloat((helper, x) -> helper.acosh(x));
    }

    @Override
    default T asinh() {
        return viaApfloat((helper, x) -> helper.asinh(x));
    }

    @Override
    default T atanh() {
        return viaApfloat((helper, x) -> helper.atanh(x));
    }
}
