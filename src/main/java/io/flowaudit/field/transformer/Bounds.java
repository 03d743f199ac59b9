package io.flowaudit.field.transformer;

import io.flowaudit.field.Certificate;

/**
 * Outward-rounded matrix norms and constants, so that every certified bound of this package is a true
 * upper bound in spite of floating point.
 *
 * <p>Matrix norms come from {@link io.flowaudit.field.MatrixBounds}.
 *
 * <p>Each certified constant is then a sum of products of a few dozen positive doubles, so its
 * computed value is within a few hundred ulps of the exact value of the same formula; {@link #outward}
 * adds {@code 2^-40} relative (about 9000 ulps) and then {@link Certificate#roundUp}, which also turns
 * a computed 0 (possibly an underflow) into the smallest normal number.
 */
final class Bounds {

    private Bounds() {
    }

    /** A computed constant rounded outward (see the class comment). */
    static double outward(double value) {
        return Certificate.roundUp(value + Math.abs(value) * 0x1p-40);
    }
}
