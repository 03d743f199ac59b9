package io.flowaudit.weights;

import java.util.Optional;

/**
 * The floating-point element types flowaudit reads and writes, named as in a safetensors header.
 * Each value is stored little-endian in {@link #byteSize()} bytes and read back as the exact double it
 * denotes (subnormals, infinities, signed zeros and NaN payloads included).
 *
 * <p>A header may also name other safetensors dtypes (BOOL, U8, I8, I16, I32, I64, F8_E4M3, ...).
 * {@link SafetensorsFile} checks their layout like any other tensor but does not decode them: the file
 * reads fine, and only asking for such a tensor is an error.
 */
public enum DType {
    // Declared in the order in which the reference writer lays tensors out (wider first, bfloat16 before
    // half), so that sorting by type and then name reproduces its files byte for byte.
    F64(8, null),
    F32(4, new BinaryFloatFormat(8, 23)),
    /** bfloat16: the upper 16 bits of a binary32. */
    BF16(2, new BinaryFloatFormat(8, 7)),
    F16(2, new BinaryFloatFormat(5, 10));

    private final int byteSize;
    /** null for F64, whose values are doubles already. */
    private final BinaryFloatFormat narrowFormat;

    DType(int byteSize, BinaryFloatFormat narrowFormat) {
        this.byteSize = byteSize;
        this.narrowFormat = narrowFormat;
    }

    public int byteSize() {
        return byteSize;
    }

    /**
     * The value of this type nearest to {@code value}, ties to even, with overflow to infinity; what a
     * file of this type stores for {@code value}. Rounds directly from the double, never via float.
     */
    public double round(double value) {
        return narrowFormat == null ? value : narrowFormat.round(value);
    }

    /** The type with this safetensors name, if flowaudit reads it. */
    public static Optional<DType> named(String safetensorsName) {
        for (DType type : values()) {
            if (type.name().equals(safetensorsName)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** The stored bits of {@code value} rounded to this type, in the low {@code 8 * byteSize()} bits. */
    long encode(double value) {
        return narrowFormat == null ? Double.doubleToRawLongBits(value) : narrowFormat.encode(value);
    }

    /** The exact value of stored bits (the low {@code 8 * byteSize()} bits of {@code bits}). */
    public double decode(long bits) {
        return narrowFormat == null ? Double.longBitsToDouble(bits) : narrowFormat.decode(bits);
    }
}
