package io.flowaudit.weights.onnx;

import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import io.flowaudit.weights.DType;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * The ONNX element types flowaudit decodes: floating types become exact doubles of a {@link DType}, integer
 * types (Reshape shapes, quantized weights and their zero points) become longs. Each knows which of
 * TensorProto's typed fields holds it when it is not stored as little-endian {@code raw_data}: ONNX keeps
 * every type narrower than 32 bits, and float16 and bfloat16 as bit patterns, in {@code int32_data}.
 */
enum ElementType {
    FLOAT(DataType.FLOAT, 4, DType.F32),
    DOUBLE(DataType.DOUBLE, 8, DType.F64),
    FLOAT16(DataType.FLOAT16, 2, DType.F16),
    BFLOAT16(DataType.BFLOAT16, 2, DType.BF16),
    INT8(DataType.INT8, 1, null),
    UINT8(DataType.UINT8, 1, null),
    INT32(DataType.INT32, 4, null),
    INT64(DataType.INT64, 8, null);

    private final DataType onnxType;
    private final int byteSize;
    /** null for the integer types */
    private final DType floatType;

    ElementType(DataType onnxType, int byteSize, DType floatType) {
        this.onnxType = onnxType;
        this.byteSize = byteSize;
        this.floatType = floatType;
    }

    static Optional<ElementType> of(int code) {
        return Arrays.stream(values()).filter(type -> type.onnxType.getNumber() == code).findFirst();
    }

    /** ONNX's name of a data type code, or the bare number for a code ONNX does not define. */
    static String onnxName(int code) {
        DataType type = DataType.forNumber(code);
        return type == null ? "undefined type " + code : type.name() + " (" + code + ")";
    }

    int byteSize() {
        return byteSize;
    }

    boolean isFloating() {
        return floatType != null;
    }

    DType floatType() {
        return floatType;
    }

    /** How many values the typed field that holds this type has. */
    int typedCount(TensorProto tensor) {
        switch (this) {
            case FLOAT: return tensor.getFloatDataCount();
            case DOUBLE: return tensor.getDoubleDataCount();
            case INT64: return tensor.getInt64DataCount();
            default: return tensor.getInt32DataCount();
        }
    }

    /** Values held by typed fields that are not this type's own: a writer that put them there is confused. */
    int foreignTypedCount(TensorProto tensor) {
        return tensor.getFloatDataCount() + tensor.getDoubleDataCount() + tensor.getInt64DataCount()
                + tensor.getInt32DataCount() + tensor.getUint64DataCount() + tensor.getStringDataCount()
                - typedCount(tensor);
    }

    /** Element {@code index} of little-endian storage: an integer's value, or a float's bits. */
    long rawAt(ByteBuffer littleEndian, int index) {
        int at = index * byteSize;
        switch (this) {
            case INT8: return littleEndian.get(at);
            case UINT8: return littleEndian.get(at) & 0xFFL;
            case FLOAT16:
            case BFLOAT16: return littleEndian.getShort(at) & 0xFFFFL;
            case FLOAT: return littleEndian.getInt(at) & 0xFFFF_FFFFL;
            case INT32: return littleEndian.getInt(at);
            default: return littleEndian.getLong(at);
        }
    }

    /**
     * Element {@code index} of the typed field: an integer's value, or a float's bits; empty when the
     * stored number does not fit the type (an INT8 of 300, a FLOAT16 with bits above the low 16).
     */
    Optional<Long> typedAt(TensorProto tensor, int index) {
        switch (this) {
            case FLOAT: return Optional.of(Float.floatToRawIntBits(tensor.getFloatData(index)) & 0xFFFF_FFFFL);
            case DOUBLE: return Optional.of(Double.doubleToRawLongBits(tensor.getDoubleData(index)));
            case INT64: return Optional.of(tensor.getInt64Data(index));
            default:
                long value = tensor.getInt32Data(index);
                return value >= minimumTyped() && value <= maximumTyped() ? Optional.of(value) : Optional.empty();
        }
    }

    /** The range of an {@code int32_data} entry of this type. */
    long minimumTyped() {
        switch (this) {
            case INT8: return Byte.MIN_VALUE;
            case INT32: return Integer.MIN_VALUE;
            default: return 0;
        }
    }

    long maximumTyped() {
        switch (this) {
            case INT8: return Byte.MAX_VALUE;
            case UINT8: return 0xFF;
            case FLOAT16:
            case BFLOAT16: return 0xFFFF;
            default: return Integer.MAX_VALUE;
        }
    }

    /** The ONNX name, as messages show it. */
    String onnxName() {
        return onnxType.name();
    }
}
