package io.flowaudit.num;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Unsigned integers as little-endian arrays of 64-bit limbs (limb 0 least significant), the significands of
 * {@link BinaryElement}: add and multiply on them allocate one small array where {@link BigInteger} allocates
 * several, and never normalize, trim or copy on the way. Every operation here is exact; rounding is
 * {@link BinarySystem}'s.
 */
final class Limbs {

    private Limbs() {
    }

    /**
     * Bits {@code shift .. shift + 64 * out.length - 1} of x (its first {@code length} limbs) into {@code out}: x
     * shifted right by {@code shift} bits, or left for a negative shift, bits outside out dropped.
     */
    static void shift(long[] x, int length, long shift, long[] out) {
        // an arithmetic shift and a mask: floor division and remainder by 64, also for negative shifts
        int limbShift = (int) (shift >> 6);
        int bitShift = (int) (shift & 63);
        if (out.length == 2 && limbShift >= 0 && limbShift + 1 < length) {
            // a two-limb significand from within x, as rounding takes it: straight-line code, where
            // (a << 1) << (63 - bitShift) is a shifted into the limb above, and 0 for a shift of 0
            long above = limbShift + 2 < length ? x[limbShift + 2] : 0;
            out[0] = x[limbShift] >>> bitShift | (x[limbShift + 1] << 1) << (63 - bitShift);
            out[1] = x[limbShift + 1] >>> bitShift | (above << 1) << (63 - bitShift);
            return;
        }
        long next = limbShift >= 0 && limbShift < length ? x[limbShift] : 0;
        for (int j = 0; j < out.length; j++) {
            int i = j + limbShift + 1;
            long current = next;
            next = i >= 0 && i < length ? x[i] : 0;
            out[j] = bitShift == 0 ? current : current >>> bitShift | next << (64 - bitShift);
        }
    }

    /** Index of the highest set bit of x's first {@code length} limbs, -1 for zero. */
    static long topBit(long[] x, int length) {
        for (int i = length - 1; i >= 0; i--) {
            if (x[i] != 0) {
                return 64L * i + 63 - Long.numberOfLeadingZeros(x[i]);
            }
        }
        return -1;
    }

    static boolean testBit(long[] x, int length, long bit) {
        return bit >= 0 && bit < 64L * length && (x[(int) (bit >>> 6)] >>> (bit & 63) & 1) != 0;
    }

    /** Whether any of bits 0 .. bit - 1 of x is set. */
    static boolean anyBitBelow(long[] x, int length, long bit) {
        if (bit <= 0) {
            return false;
        }
        int whole = (int) Math.min(bit >>> 6, length);
        int rest = (int) (bit & 63);
        // from the given bit down: a rounding's sticky bits lie in the limbs just below its last kept bit, while the
        // lowest limbs of a sum's wide accumulator are mostly zero
        if (whole < length && rest != 0 && (x[whole] & (-1L >>> (64 - rest))) != 0) {
            return true;
        }
        for (int i = whole - 1; i >= 0; i--) {
            if (x[i] != 0) {
                return true;
            }
        }
        return false;
    }

    /** -1, 0 or 1 as x is below, equal to or above y, both of the same length. */
    static int compare(long[] x, long[] y) {
        for (int i = x.length - 1; i >= 0; i--) {
            if (x[i] != y[i]) {
                return Long.compareUnsigned(x[i], y[i]) < 0 ? -1 : 1;
            }
        }
        return 0;
    }

    /** x += y in place (y no longer than x); the carry out of x's top limb. */
    static long addInPlace(long[] x, long[] y) {
        long carry = 0;
        for (int i = 0; i < x.length; i++) {
            long yi = i < y.length ? y[i] : 0;
            if (yi == 0 && carry == 0 && i >= y.length) {
                break;
            }
            long sum = x[i] + yi + carry;
            carry = carry(x[i], yi, sum);
            x[i] = sum;
        }
        return carry;
    }

    /** x += y for one limb y; the carry out of x's top limb. */
    static long addInPlace(long[] x, long y) {
        long carry = y;
        for (int i = 0; i < x.length && carry != 0; i++) {
            long sum = x[i] + carry;
            carry = carry(x[i], carry, sum);
            x[i] = sum;
        }
        return carry;
    }

    /** x -= y in place, y no longer than x and x >= y. */
    static void subtractInPlace(long[] x, long[] y) {
        long borrow = 0;
        for (int i = 0; i < x.length; i++) {
            long yi = i < y.length ? y[i] : 0;
            if (yi == 0 && borrow == 0 && i >= y.length) {
                break;
            }
            long difference = x[i] - yi - borrow;
            borrow = borrow(x[i], yi, difference);
            x[i] = difference;
        }
        if (borrow != 0) {
            throw new IllegalStateException("subtraction of a larger number");
        }
    }

    /**
     * The carry out of the 64-bit sum a + b (+ a carry in) = sum, from the top bits alone: a branch on carries,
     * which are as good as random, costs more than the whole limb operation.
     */
    private static long carry(long a, long b, long sum) {
        return ((a & b) | ((a | b) & ~sum)) >>> 63;
    }

    /** The borrow out of the 64-bit difference a - b (- a borrow in) = difference, without a branch. */
    private static long borrow(long a, long b, long difference) {
        return ((~a & b) | ((~a | b) & difference)) >>> 63;
    }

    /** The high 64 bits of the unsigned 128-bit product (Math.unsignedMultiplyHigh from Java 18). */
    static long unsignedMultiplyHigh(long x, long y) {
        return Math.multiplyHigh(x, y) + ((x >> 63) & y) + ((y >> 63) & x);
    }

    /** The full product x * y, x.length + y.length limbs. */
    static long[] multiply(long[] x, long[] y) {
        long[] product = new long[x.length + y.length];
        multiplyInto(x, y, product);
        return product;
    }

    /**
     * The full product x * y into the first x.length + y.length limbs of product, whatever they held: the first
     * row of partial products is stored, the others added (so no zeroing pass first).
     */
    static void multiplyInto(long[] x, long[] y, long[] product) {
        if (x.length == 2 && y.length == 2) {
            multiplyTwoByTwo(x[0], x[1], y[0], y[1], product);
            return;
        }
        if (x.length == 4 && y.length == 4) {
            multiplyFourByFour(x, y, product);
            return;
        }
        for (int i = 0; i < x.length; i++) {
            long xi = x[i];
            long carry = 0;
            for (int j = 0; j < y.length; j++) {
                long low = xi * y[j];
                long high = unsignedMultiplyHigh(xi, y[j]);
                long below = i == 0 ? 0 : product[i + j];
                long sum = below + low;
                high += carry(below, low, sum);
                long withCarry = sum + carry;
                high += carry(sum, carry, withCarry);
                product[i + j] = withCarry;
                // high <= 2^64 - 2 before the two carries: no overflow
                carry = high;
            }
            product[i + y.length] = carry;
        }
    }

    /**
     * The 4-limb product of two 2-limb integers, x1 x0 times y1 y0, into product's first four limbs: the
     * significands of 19 to 38 digits, whose Taylor coefficients' products are most of a 30-digit solve's time,
     * in straight-line code, without the loop's indices and loads: a warm rigid-body solve at 30 digits, a third of
     * it in this product, took 15 % less time.
     */
    private static void multiplyTwoByTwo(long x0, long x1, long y0, long y1, long[] product) {
        long low00 = x0 * y0;
        long high00 = unsignedMultiplyHigh(x0, y0);
        long low01 = x0 * y1;
        long high01 = unsignedMultiplyHigh(x0, y1);
        long low10 = x1 * y0;
        long high10 = unsignedMultiplyHigh(x1, y0);
        long low11 = x1 * y1;
        long high11 = unsignedMultiplyHigh(x1, y1);
        // limb 1: high00 + low01 + low10, carrying up to 2 into limb 2
        long partial = high00 + low01;
        long carry1 = carry(high00, low01, partial);
        long limb1 = partial + low10;
        carry1 += carry(partial, low10, limb1);
        // limb 2: high01 + high10 + low11 + carry1, carrying up to 3 into limb 3, which cannot overflow (x y < 2^256)
        long upper = high01 + high10;
        long carry2 = carry(high01, high10, upper);
        long withLow = upper + low11;
        carry2 += carry(upper, low11, withLow);
        long limb2 = withLow + carry1;
        carry2 += carry(withLow, carry1, limb2);
        product[0] = low00;
        product[1] = limb1;
        product[2] = limb2;
        product[3] = high11 + carry2;
    }

    /**
     * The 8-limb product of two 4-limb integers, the significands of 58 to 76 digits (a 50-digit solve's), column by
     * column in straight-line code: the loop's indices and its load and store of every limb once per row cost a
     * warm rigid-body solve at 50 digits, whose time is half in this product, about 15 % (docs/performance.md).
     */
    private static void multiplyFourByFour(long[] x, long[] y, long[] product) {
        long x0 = x[0];
        long x1 = x[1];
        long x2 = x[2];
        long x3 = x[3];
        long y0 = y[0];
        long y1 = y[1];
        long y2 = y[2];
        long y3 = y[3];
        Column column = new Column();
        column.add(x0, y0);
        product[0] = column.next();
        column.add(x0, y1);
        column.add(x1, y0);
        product[1] = column.next();
        column.add(x0, y2);
        column.add(x1, y1);
        column.add(x2, y0);
        product[2] = column.next();
        column.add(x0, y3);
        column.add(x1, y2);
        column.add(x2, y1);
        column.add(x3, y0);
        product[3] = column.next();
        column.add(x1, y3);
        column.add(x2, y2);
        column.add(x3, y1);
        product[4] = column.next();
        column.add(x2, y3);
        column.add(x3, y2);
        product[5] = column.next();
        column.add(x3, y3);
        product[6] = column.next();
        product[7] = column.next();
    }

    /**
     * A three-limb accumulator c2 c1 c0 of the products of one column; the optimizing compiler (C2) keeps its fields
     * in registers, the object never escaping.
     */
    private static final class Column {
        private long c0;
        private long c1;
        private long c2;

        void add(long x, long y) {
            long low = x * y;
            long sum = c0 + low;
            // the high half is at most 2^64 - 2: adding the carry out of the low limb cannot overflow
            long high = unsignedMultiplyHigh(x, y) + carry(c0, low, sum);
            c0 = sum;
            long middle = c1 + high;
            c2 += carry(c1, high, middle);
            c1 = middle;
        }

        /** The column's limb; the rest carries into the next column. */
        long next() {
            long limb = c0;
            c0 = c1;
            c1 = c2;
            c2 = 0;
            return limb;
        }
    }

    /** The first length limbs of x times a factor below 2^63, in place; the limb carried out of the top. */
    static long multiplyInPlace(long[] x, int length, long factor) {
        long carry = 0;
        for (int i = 0; i < length; i++) {
            long low = x[i] * factor;
            long high = unsignedMultiplyHigh(x[i], factor);
            long withCarry = low + carry;
            high += carry(low, carry, withCarry);
            x[i] = withCarry;
            carry = high;
        }
        return carry;
    }

    /**
     * sum += x * 2^shift for the integer x in the first {@code length} limbs: bits of x shifted below bit 0 of
     * sum are dropped (x truncated toward zero), and sum must be long enough to hold the result. The hot loop of
     * {@link BinarySystem#sumOfProducts}: one pass, the shifted limb formed from two neighbours without a branch.
     */
    static void addShifted(long[] sum, long[] x, int length, long shift) {
        if (length == 4 && shift >= 0 && (shift >> 6) + 5 <= sum.length) {
            addFourLimbsShifted(sum, x, (int) (shift >> 6), (int) (shift & 63));
            return;
        }
        // an arithmetic shift and a mask: floor division and remainder by 64, also for negative shifts
        int limbShift = (int) (shift >> 6);
        int bitShift = (int) (shift & 63);
        // target limb i takes source limb i - limbShift shifted up by bitShift and the top bits of the one below;
        // source limb `length` (past x's end) holds only the top bits of x's last limb
        int i = Math.max(0, limbShift);
        int source = i - limbShift;
        int end = Math.min(sum.length, limbShift + length + (bitShift == 0 ? 0 : 1));
        long carry = 0;
        if (bitShift == 0) {
            for (; i < end; i++, source++) {
                carry = addWithCarry(sum, i, x[source], carry);
            }
        } else {
            int down = 64 - bitShift;
            long previous = source >= 1 && source <= length ? x[source - 1] : 0;
            for (; i < end; i++, source++) {
                long current = source < length ? x[source] : 0;
                carry = addWithCarry(sum, i, current << bitShift | previous >>> down, carry);
                previous = current;
            }
        }
        carryUpFrom(sum, i, carry);
    }

    /**
     * {@link #addShifted} for a 4-limb x (a product of two-limb significands) shifted up by whole limbs and then
     * bitShift bits, all five shifted limbs within sum: straight-line code for the common case of the Taylor
     * recurrences' sums. {@code (a >>> 1) >>> (63 - bitShift)} is a's top bitShift bits, and 0 for a shift of 0,
     * where {@code a >>> 64} would be a itself.
     */
    private static void addFourLimbsShifted(long[] sum, long[] x, int limbShift, int bitShift) {
        long x0 = x[0];
        long x1 = x[1];
        long x2 = x[2];
        long x3 = x[3];
        int down = 63 - bitShift;
        long carry = addWithCarry(sum, limbShift, x0 << bitShift, 0);
        carry = addWithCarry(sum, limbShift + 1, x1 << bitShift | (x0 >>> 1) >>> down, carry);
        carry = addWithCarry(sum, limbShift + 2, x2 << bitShift | (x1 >>> 1) >>> down, carry);
        carry = addWithCarry(sum, limbShift + 3, x3 << bitShift | (x2 >>> 1) >>> down, carry);
        carry = addWithCarry(sum, limbShift + 4, (x3 >>> 1) >>> down, carry);
        carryUpFrom(sum, limbShift + 5, carry);
    }

    /** Adds a carry of 0 or 1 into sum from limb i up; one out of the top limb is an error. */
    private static void carryUpFrom(long[] sum, int i, long carry) {
        for (; carry != 0; i++) {
            if (i == sum.length) {
                throw new IllegalStateException("a sum too long for its limbs");
            }
            sum[i] += carry;
            carry = sum[i] == 0 ? 1 : 0;
        }
    }

    /** sum[i] += addend + carry; the carry out. */
    private static long addWithCarry(long[] sum, int i, long addend, long carry) {
        long partial = sum[i] + addend + carry;
        long out = carry(sum[i], addend, partial);
        sum[i] = partial;
        return out;
    }

    /** x * factor for a factor below 2^63, x.length + 1 limbs. */
    static long[] multiply(long[] x, long factor) {
        long[] product = Arrays.copyOf(x, x.length + 1);
        product[x.length] = multiplyInPlace(product, x.length, factor);
        return product;
    }

    /**
     * x / divisor for a divisor in [1, 2^31), in place, by 32-bit halves: each partial dividend, the remainder
     * (below 2^31) and the next half, is below 2^63 and divides as a long. Returns the remainder.
     */
    static long divideInPlace(long[] x, long divisor) {
        long remainder = 0;
        for (int i = x.length - 1; i >= 0; i--) {
            long high = remainder << 32 | x[i] >>> 32;
            long highQuotient = high / divisor;
            remainder = high - highQuotient * divisor;
            long low = remainder << 32 | (x[i] & 0xffffffffL);
            long lowQuotient = low / divisor;
            remainder = low - lowQuotient * divisor;
            x[i] = highQuotient << 32 | lowQuotient;
        }
        return remainder;
    }

    /** The non-negative integer of the limbs. */
    static BigInteger toBigInteger(long[] x) {
        byte[] bytes = new byte[8 * x.length];
        for (int i = 0; i < x.length; i++) {
            long limb = x[x.length - 1 - i];
            for (int b = 0; b < 8; b++) {
                bytes[8 * i + b] = (byte) (limb >>> (56 - 8 * b));
            }
        }
        return new BigInteger(1, bytes);
    }

    /** A non-negative integer below 2^(64 length) as limbs. */
    static long[] of(BigInteger value, int length) {
        long[] x = new long[length];
        byte[] bytes = value.toByteArray();
        for (int i = 0; i < bytes.length; i++) {
            int bit = 8 * (bytes.length - 1 - i);
            if (bit < 64 * length) {
                x[bit >>> 6] |= (bytes[i] & 0xffL) << (bit & 63);
            }
        }
        return x;
    }
}
