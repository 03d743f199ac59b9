package io.flowaudit.weights;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DTypeTest {

    /**
     * {double bits, float16 bits} as numpy 2.4 converts them (it rounds from the double directly): ties,
     * a case that rounding through float gets wrong, subnormals, the overflow threshold, random values.
     */
    private static final long[][] NUMPY_FLOAT16 = {
            {0x3FF0000000000000L, 0x3C00}, // 1.0
            {0x3FF0020000000000L, 0x3C00}, // 1 + 2^-11: tie, to even
            {0x3FF0060000000000L, 0x3C02}, // 1 + 3 * 2^-11: tie, to even
            {0x3FF0020000001000L, 0x3C01}, // 1 + 2^-11 + 2^-40: through float it would be a tie
            {0x40EFFC0000000000L, 0x7BFF}, // 65504, the largest finite
            {0x40EFFDFFAE147AE1L, 0x7BFF}, // 65519.99
            {0x40EFFE0000000000L, 0x7C00}, // 65520: tie between 65504 and 2^16, to even = inf
            {0x3E70000000000000L, 0x0001}, // 2^-24, the smallest subnormal
            {0x3E60000000000000L, 0x0000}, // 2^-25: tie, to even = 0
            {0x3E60000000020000L, 0x0001}, // just above 2^-25
            {0x3E68000000000000L, 0x0001}, // 1.5 * 2^-25
            {0x3F10000000000000L, 0x0400}, // 2^-14, the smallest normal
            {0x3F0FFC0000000000L, 0x0400}, // just below 2^-14
            {0x3F0FF80000000000L, 0x03FF}, // the largest subnormal
            {0x8000000000000000L, 0x8000}, // -0.0
            {0x3FB999999999999AL, 0x2E66}, // 0.1
            {0xBFD5555555555555L, 0xB555}, // -1/3
            {0x3E45798EE2308C3AL, 0x0000}, // 1e-8
            {0x412E848000000000L, 0x7C00}, // 1e6
            {0x7FF0000000000000L, 0x7C00}, // inf
            {0xFFF0000000000000L, 0xFC00}, // -inf
            {0xBF3815DA6D5616CEL, 0x8E05},
            {0xBEFCC25AF1B052C8L, 0x81CC},
            {0xC01D3A5D6F8BF667L, 0xC74F},
            {0xC02BBEB969800E36L, 0xCAF0},
            {0xBF2380C8265CFA6EL, 0x88E0},
            {0xBF0224CD5948FE60L, 0x8245},
            {0xC084A3A8216CC880L, 0xE129},
            {0x40C1E5C2332F4460L, 0x7079},
            {0x3EF6B1C887267400L, 0x016B},
            {0xBF7ECA2FE0427124L, 0x9FB3},
    };

    @Test
    void float16RoundsAsNumpyDoes() {
        for (long[] pair : NUMPY_FLOAT16) {
            double value = Double.longBitsToDouble(pair[0]);
            assertEquals(pair[1], DType.F16.encode(value), "encoding " + value);
            assertEquals(Double.doubleToLongBits(DType.F16.decode(pair[1])),
                    Double.doubleToLongBits(DType.F16.round(value)), "rounding " + value);
        }
    }

    @Test
    void float16DecodesToEvenlySpacedExactValues() {
        assertEquals(Math.scalb(1.0, -24), DType.F16.decode(0x0001));
        assertEquals(1023 * Math.scalb(1.0, -24), DType.F16.decode(0x03FF));
        assertEquals(Math.scalb(1.0, -14), DType.F16.decode(0x0400));
        assertEquals(1.0, DType.F16.decode(0x3C00));
        assertEquals(-2.0, DType.F16.decode(0xC000));
        assertEquals(65504.0, DType.F16.decode(0x7BFF));
        assertEquals(Double.POSITIVE_INFINITY, DType.F16.decode(0x7C00));
        assertEquals(Double.NEGATIVE_INFINITY, DType.F16.decode(0xFC00));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(DType.F16.decode(0x8000)));
        // Consecutive positive patterns are one ulp apart: 2^-24 up to the binade of 2^-14, then doubling.
        for (int bits = 0; bits < 0x7BFF; bits++) {
            int exponentField = Math.max(bits >>> 10, 1);
            assertEquals(Math.scalb(1.0, exponentField - 25), DType.F16.decode(bits + 1) - DType.F16.decode(bits),
                    "spacing after 0x" + Integer.toHexString(bits));
            assertEquals(-DType.F16.decode(bits), DType.F16.decode(bits | 0x8000));
        }
    }

    @Test
    void everySixteenBitPatternSurvivesDecodeAndEncode() {
        for (DType type : new DType[] {DType.F16, DType.BF16}) {
            for (int bits = 0; bits <= 0xFFFF; bits++) {
                assertEquals(bits, type.encode(type.decode(bits)), type + " pattern 0x" + Integer.toHexString(bits));
            }
        }
    }

    @Test
    void bfloat16IsTheUpperHalfOfAFloat() {
        for (int bits = 0; bits <= 0xFFFF; bits++) {
            float asFloat = Float.intBitsToFloat(bits << 16);
            double decoded = DType.BF16.decode(bits);
            if (Float.isNaN(asFloat)) {
                assertTrue(Double.isNaN(decoded));
            } else {
                assertEquals(Double.doubleToRawLongBits(asFloat), Double.doubleToRawLongBits(decoded));
            }
        }
    }

    /** The usual float-to-bfloat16 conversion, round to nearest even on the float's bits. */
    @Property
    void bfloat16RoundsFloatsToNearestEven(@ForAll float value) {
        int bits = Float.floatToRawIntBits(value);
        int expected = (bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16;
        if (!Float.isNaN(value)) {
            assertEquals(expected, DType.BF16.encode(value));
        }
    }

    @Test
    void bfloat16RoundsTheDoubleNotAFloat() {
        // Through float, 1 + 2^-8 + 2^-40 becomes the tie 1 + 2^-8, which goes to 1.
        assertEquals(1 + Math.scalb(1.0, -7), DType.BF16.round(1 + Math.scalb(1.0, -8) + Math.scalb(1.0, -40)));
        assertEquals(1.0, DType.BF16.round(1 + Math.scalb(1.0, -8)));
        assertEquals(Double.POSITIVE_INFINITY, DType.BF16.round(Float.MAX_VALUE * 1.0));
        assertEquals(Float.intBitsToFloat(0x7F7F0000), DType.BF16.round(Float.intBitsToFloat(0x7F7F7FFF)));
    }

    @Property
    void float32RoundsAsTheFloatCast(@ForAll double value) {
        assertEquals(Double.doubleToLongBits((float) value), Double.doubleToLongBits(DType.F32.round(value)));
    }

    /** Near float ties and the subnormal range, where random doubles rarely land. */
    @Property
    void float32RoundsTiesAndSubnormalsAsTheFloatCast(@ForAll @IntRange(min = -160, max = 130) int exponent,
                                                       @ForAll @IntRange(min = 0, max = (1 << 24) - 1) int significand,
                                                       @ForAll @IntRange(min = -2, max = 2) int nudge) {
        double value = Math.scalb(significand + 0.5, exponent) + nudge * Math.scalb(1.0, exponent - 25);
        assertEquals(Double.doubleToLongBits((float) value), Double.doubleToLongBits(DType.F32.round(value)));
    }

    @Property
    void float32StoresTheFloatBits(@ForAll int bits) {
        float value = Float.intBitsToFloat(bits);
        assertEquals(bits & 0xFFFF_FFFFL, DType.F32.encode(DType.F32.decode(bits & 0xFFFF_FFFFL)));
        if (!Float.isNaN(value)) {
            assertEquals(Float.floatToRawIntBits(value) & 0xFFFF_FFFFL, DType.F32.encode(value));
            assertEquals((double) value, DType.F32.decode(bits & 0xFFFF_FFFFL));
        }
    }

    @Property
    void float64IsStoredAsIs(@ForAll long bits) {
        double value = Double.longBitsToDouble(bits);
        assertEquals(bits, DType.F64.encode(value));
        assertEquals(bits, Double.doubleToRawLongBits(DType.F64.decode(bits)));
        assertEquals(Double.doubleToRawLongBits(value), Double.doubleToRawLongBits(DType.F64.round(value)));
    }

    @Test
    void nanStaysNanWhenNarrowed() {
        // A double NaN whose payload lies only in bits the narrow type drops must not become infinity.
        double lowPayloadNan = Double.longBitsToDouble(0x7FF0_0000_0000_0001L);
        for (DType type : DType.values()) {
            assertTrue(Double.isNaN(type.round(lowPayloadNan)), type.name());
            assertTrue(Double.isNaN(type.round(Double.NaN)), type.name());
        }
        assertEquals(0x7E00, DType.F16.encode(Double.NaN));
        assertEquals(0x7FC0, DType.BF16.encode(Double.NaN));
        assertEquals(0xFE00, DType.F16.encode(Double.longBitsToDouble(0xFFF8_0000_0000_0000L)));
    }

    @Test
    void namesAreTheSafetensorsNames() {
        assertEquals(DType.BF16, DType.named("BF16").orElseThrow());
        assertTrue(DType.named("bf16").isEmpty());
        assertTrue(DType.named("I32").isEmpty());
        assertEquals(8, DType.F64.byteSize());
        assertEquals(4, DType.F32.byteSize());
        assertEquals(2, DType.F16.byteSize());
        assertEquals(2, DType.BF16.byteSize());
    }
}
