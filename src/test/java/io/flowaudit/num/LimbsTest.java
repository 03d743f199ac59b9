package io.flowaudit.num;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Limbs} against {@link BigInteger} on random and all-ones limbs: every result exact, so equal. */
class LimbsTest {

    private static final int SEED = 20261130;

    private static BigInteger random(Random random, int limbs) {
        return random.nextInt(4) == 0 ? BigInteger.ONE.shiftLeft(64 * limbs).subtract(BigInteger.ONE)
                : new BigInteger(64 * limbs, random);
    }

    @Test
    void productsSumsAndShiftsAreExact() {
        Random random = new Random(SEED);
        for (int i = 0; i < 3000; i++) {
            int n = 1 + random.nextInt(6);
            BigInteger x = random(random, n);
            BigInteger y = random(random, 1 + random.nextInt(n));
            long[] xl = Limbs.of(x, n);
            assertEquals(x, Limbs.toBigInteger(xl), "round trip");
            assertEquals(x.multiply(y), Limbs.toBigInteger(Limbs.multiply(xl, Limbs.of(y, n))), x + " * " + y);
            long factor = random.nextLong() >>> 1;
            assertEquals(x.multiply(BigInteger.valueOf(factor)), Limbs.toBigInteger(Limbs.multiply(xl, factor)));

            long[] sum = Limbs.of(x, n + 1);
            Limbs.addInPlace(sum, Limbs.of(y, n));
            assertEquals(x.add(y), Limbs.toBigInteger(sum), x + " + " + y);
            Limbs.subtractInPlace(sum, Limbs.of(y, n));
            assertEquals(x, Limbs.toBigInteger(sum), x + " + " + y + " - " + y);

            long divisor = 1 + random.nextInt(Integer.MAX_VALUE);
            long[] quotient = Limbs.of(x, n);
            long remainder = Limbs.divideInPlace(quotient, divisor);
            BigInteger[] expected = x.divideAndRemainder(BigInteger.valueOf(divisor));
            assertEquals(expected[0], Limbs.toBigInteger(quotient), x + " / " + divisor);
            assertEquals(expected[1].longValueExact(), remainder);

            int shift = random.nextInt(64 * n + 130) - 64 * n;
            long[] shifted = new long[n + 1];
            Limbs.shift(xl, n, shift, shifted);
            BigInteger window = BigInteger.ONE.shiftLeft(64 * (n + 1)).subtract(BigInteger.ONE);
            assertEquals(x.shiftRight(shift).and(window), Limbs.toBigInteger(shifted), x + " >> " + shift);

            long bit = random.nextInt(64 * n + 2) - 1;
            assertEquals(x.testBit((int) Math.max(bit, 0)) && bit >= 0, Limbs.testBit(xl, n, bit), "bit " + bit);
            boolean below = bit > 0 && x.and(BigInteger.ONE.shiftLeft((int) bit).subtract(BigInteger.ONE)).signum() != 0;
            assertEquals(below, Limbs.anyBitBelow(xl, n, bit), "bits below " + bit);
            assertEquals(x.bitLength() - 1, Limbs.topBit(xl, n), "top bit");
        }
    }
}
