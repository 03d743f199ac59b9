package io.flowaudit.num;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
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
    void aShiftedSumCarriesThroughEveryLimb() {
        long[] allOnes = {-1L, -1L, -1L, 0};
        Limbs.addShifted(allOnes, new long[] {1L << 63}, 1, -63);
        assertEquals(BigInteger.ONE.shiftLeft(192), Limbs.toBigInteger(allOnes), "2^192 - 1 + 1");
        long[] sum = new long[3];
        Limbs.addShifted(sum, new long[] {-1L, -1L}, 2, -64);
        assertEquals(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE), Limbs.toBigInteger(sum),
                "the lower limb shifted out whole");
        assertThrows(IllegalStateException.class, () -> Limbs.addShifted(new long[] {-1L}, new long[] {1}, 1, 0),
                "a carry out of the top limb is an error, not a lost bit");
    }

    /**
     * Two-limb products (the straight-line path of {@link Limbs#multiplyInto}) of limbs at the edges of their
     * carries, every combination: random limbs seldom make a column sum wrap around, these do.
     */
    @Test
    void twoLimbProductsCarryAtEveryColumn() {
        long[] edges = {0, 1, 2, 0xffffffffL, 1L << 32, Long.MAX_VALUE, Long.MIN_VALUE, -3, -2, -1};
        long[] product = new long[4];
        for (long x0 : edges) {
            for (long x1 : edges) {
                for (long y0 : edges) {
                    for (long y1 : edges) {
                        long[] x = {x0, x1};
                        long[] y = {y0, y1};
                        Limbs.multiplyInto(x, y, product);
                        BigInteger expected = Limbs.toBigInteger(x).multiply(Limbs.toBigInteger(y));
                        assertEquals(expected, Limbs.toBigInteger(product), expected + " from " + x0 + ", " + x1
                                + " times " + y0 + ", " + y1);
                    }
                }
            }
        }
    }

    /**
     * Four-limb products (the straight-line path of {@link Limbs#multiplyInto} for significands of 58 to 76 digits)
     * of limbs drawn from the same edges, 100 000 combinations, all limbs -1 (a carry out of every column) first.
     */
    @Test
    void fourLimbProductsCarryAtEveryColumn() {
        long[] edges = {0, 1, 2, 0xffffffffL, 1L << 32, Long.MAX_VALUE, Long.MIN_VALUE, -3, -2, -1};
        Random random = new Random(SEED);
        long[] product = new long[8];
        for (int i = 0; i < 100_000; i++) {
            long[] x = new long[4];
            long[] y = new long[4];
            for (int k = 0; k < 4; k++) {
                x[k] = i == 0 ? -1 : edges[random.nextInt(edges.length)];
                y[k] = i == 0 ? -1 : edges[random.nextInt(edges.length)];
            }
            Limbs.multiplyInto(x, y, product);
            BigInteger expected = Limbs.toBigInteger(x).multiply(Limbs.toBigInteger(y));
            assertEquals(expected, Limbs.toBigInteger(product), () -> expected + " from " + Arrays.toString(x)
                    + " times " + Arrays.toString(y));
        }
    }

    /**
     * Four-limb integers shifted by every amount up to three limbs (the straight-line path of
     * {@link Limbs#addShifted} for products of two-limb significands, whole limbs included, where nothing spills into
     * the limb above) into accumulators of all ones, whose carries run to the top; negative shifts take the loop.
     */
    @Test
    void fourLimbShiftedSumsAtEveryShift() {
        Random random = new Random(SEED);
        BigInteger allOnes = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
        for (int shift = -70; shift <= 192; shift++) {
            for (BigInteger x : List.of(allOnes, new BigInteger(256, random))) {
                BigInteger before = BigInteger.ONE.shiftLeft(64 * 8).subtract(BigInteger.ONE);
                long[] sum = Limbs.of(before, 10);
                Limbs.addShifted(sum, Limbs.of(x, 4), 4, shift);
                BigInteger added = shift >= 0 ? x.shiftLeft(shift) : x.shiftRight(-shift);
                assertEquals(before.add(added), Limbs.toBigInteger(sum), x + " << " + shift);
            }
        }
    }

    /** Two-limb windows (a two-limb significand, as rounding takes it) of 2- to 5-limb integers at every shift. */
    @Test
    void twoLimbWindowsAtEveryShift() {
        Random random = new Random(SEED);
        BigInteger window = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
        for (int length = 2; length <= 5; length++) {
            for (BigInteger x : List.of(BigInteger.ONE.shiftLeft(64 * length).subtract(BigInteger.ONE),
                    new BigInteger(64 * length, random))) {
                for (int shift = -130; shift <= 64 * length + 2; shift++) {
                    long[] out = new long[2];
                    Limbs.shift(Limbs.of(x, length), length, shift, out);
                    BigInteger expected = (shift >= 0 ? x.shiftRight(shift) : x.shiftLeft(-shift)).and(window);
                    assertEquals(expected, Limbs.toBigInteger(out), x + " >> " + shift);
                }
            }
        }
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

            long[] product = new long[n + n + 1];
            Limbs.multiplyInto(xl, Limbs.of(y, n), product);
            assertEquals(x.multiply(y), Limbs.toBigInteger(product), "into: " + x + " * " + y);
            product[2 * n] = Limbs.multiplyInPlace(product, 2 * n, factor);
            assertEquals(x.multiply(y).multiply(BigInteger.valueOf(factor)), Limbs.toBigInteger(product),
                    "in place: " + x + " * " + y + " * " + factor);

            // sum += x 2^s, x's bits below bit 0 dropped (a floor, x being non-negative), into a sum of all ones
            // or random limbs with room on top for the carries
            long addShift = random.nextInt(64 * n + 130) - 64 * n - 64;
            BigInteger before = random(random, n + 1);
            long[] accumulator = Limbs.of(before, 2 * n + 4);
            Limbs.addShifted(accumulator, xl, n, addShift);
            BigInteger added = addShift >= 0 ? x.shiftLeft((int) addShift) : x.shiftRight((int) -addShift);
            assertEquals(before.add(added), Limbs.toBigInteger(accumulator), before + " + " + x + " << " + addShift);

            long bit = random.nextInt(64 * n + 2) - 1;
            assertEquals(x.testBit((int) Math.max(bit, 0)) && bit >= 0, Limbs.testBit(xl, n, bit), "bit " + bit);
            boolean below = bit > 0 && x.and(BigInteger.ONE.shiftLeft((int) bit).subtract(BigInteger.ONE)).signum() != 0;
            assertEquals(below, Limbs.anyBitBelow(xl, n, bit), "bits below " + bit);
            assertEquals(x.bitLength() - 1, Limbs.topBit(xl, n), "top bit");
        }
    }
}
