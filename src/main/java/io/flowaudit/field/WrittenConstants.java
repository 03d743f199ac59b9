package io.flowaudit.field;

import java.math.BigDecimal;

/**
 * The constants Theorem 1's C is computed from, as exact numbers: a stated system's as its claim file wrote them
 * (a stated 0.1 is one tenth, not the double 0.1000000000000000055...), any other field's its certificate's doubles.
 * A proof compares with C from these: C from the nearest doubles can fall on either side of the stated C, and an
 * inequality decided against it is not the claim's.
 */
public record WrittenConstants(BigDecimal lipschitz, BigDecimal bound, BigDecimal timeLipschitz) {

    /**
     * A certificate's doubles, each its exact value.
     *
     * @throws ArithmeticException for an infinite constant (no number to compute C from)
     */
    public static WrittenConstants of(Certificate certificate) {
        return new WrittenConstants(exact(certificate.lipschitz()), exact(certificate.bound()),
                exact(certificate.timeLipschitz()));
    }

    private static BigDecimal exact(double value) {
        if (!Double.isFinite(value)) {
            throw new ArithmeticException("not a finite number: " + value);
        }
        return new BigDecimal(value);
    }
}
