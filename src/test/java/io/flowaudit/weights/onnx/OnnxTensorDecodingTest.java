package io.flowaudit.weights.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.flowaudit.weights.DType;
import io.flowaudit.weights.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.flowaudit.weights.onnx.OnnxTestFiles.externalFloats;
import static io.flowaudit.weights.onnx.OnnxTestFiles.initializers;
import static io.flowaudit.weights.onnx.OnnxTestFiles.int64s;
import static io.flowaudit.weights.onnx.OnnxTestFiles.littleEndianFloats;
import static io.flowaudit.weights.onnx.OnnxTestFiles.rawFloats;
import static io.flowaudit.weights.onnx.OnnxTestFiles.tensor;
import static io.flowaudit.weights.onnx.OnnxTestFiles.typedFloats;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every storage form ONNX allows decodes to the exact numbers stored. */
class OnnxTensorDecodingTest {

    private static final String FILE = "tensors.onnx";
    /** Values whose float32 bits are awkward: signed zero, the smallest subnormal, infinity, a signalling NaN. */
    private static final float[] AWKWARD = {1.5f, -0f, Float.MIN_VALUE, Float.NEGATIVE_INFINITY,
            Float.intBitsToFloat(0x7fa0_0001), 3.4028235e38f};

    @TempDir
    Path directory;

    private static OnnxModel parse(ModelProto model) {
        return OnnxModel.parse(FILE, model.toByteArray());
    }

    private static double[] exactFloat32(float... values) {
        double[] exact = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            exact[i] = DType.F32.decode(Float.floatToRawIntBits(values[i]) & 0xFFFF_FFFFL);
        }
        return exact;
    }

    /** Arrays compared bit for bit, so -0 differs from 0 and NaN payloads count. */
    private static void assertBits(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(actual[i]), "element " + i);
        }
    }

    @Test
    void rawAndTypedFloatsDecodeToTheSameExactValues() {
        long[] dims = {2, 3};
        OnnxModel model = parse(initializers(rawFloats("raw", dims, AWKWARD), typedFloats("typed", dims, AWKWARD)));
        Tensor raw = model.floatTensor("raw");
        assertEquals(DType.F32, raw.dtype());
        assertArrayEquals(new int[] {2, 3}, raw.shape());
        assertBits(exactFloat32(AWKWARD), raw.values());
        assertBits(exactFloat32(AWKWARD), model.floatTensor("typed").values());
    }

    @Test
    void halfBfloatAndDoubleInBothForms() {
        int[] halfBits = {0x3C00, 0xC100, 0x0001, 0x7C00};
        double[] halfValues = {1, -2.5, Math.pow(2, -24), Double.POSITIVE_INFINITY};
        int[] bfloatBits = {0x3F80, 0xC020, 0x0001};
        double[] bfloatValues = {1, -2.5, Math.pow(2, -133)};
        double[] doubles = {Math.PI, -0.0, Double.MIN_VALUE};
        ModelProto model = initializers(
                tensor("half-raw", DataType.FLOAT16, 4).setRawData(shorts(halfBits)).build(),
                typedInts(tensor("half-typed", DataType.FLOAT16, 4), halfBits),
                tensor("bfloat-raw", DataType.BFLOAT16, 3).setRawData(shorts(bfloatBits)).build(),
                typedInts(tensor("bfloat-typed", DataType.BFLOAT16, 3), bfloatBits),
                tensor("double-raw", DataType.DOUBLE, 3).setRawData(doubles(doubles)).build(),
                tensor("double-typed", DataType.DOUBLE, 3).addDoubleData(Math.PI).addDoubleData(-0.0)
                        .addDoubleData(Double.MIN_VALUE).build());
        OnnxModel onnx = parse(model);
        assertBits(halfValues, onnx.floatTensor("half-raw").values());
        assertBits(halfValues, onnx.floatTensor("half-typed").values());
        assertEquals(DType.F16, onnx.floatTensor("half-raw").dtype());
        assertBits(bfloatValues, onnx.floatTensor("bfloat-raw").values());
        assertBits(bfloatValues, onnx.floatTensor("bfloat-typed").values());
        assertBits(doubles, onnx.floatTensor("double-raw").values());
        assertBits(doubles, onnx.floatTensor("double-typed").values());
    }

    @Test
    void integersInBothForms() {
        ModelProto model = initializers(
                tensor("int8-raw", DataType.INT8, 4).setRawData(ByteString.copyFrom(new byte[] {-128, -1, 0, 127})).build(),
                typedInts(tensor("int8-typed", DataType.INT8, 4), -128, -1, 0, 127),
                tensor("uint8-raw", DataType.UINT8, 2).setRawData(ByteString.copyFrom(new byte[] {(byte) 255, 7})).build(),
                int64s("int64-typed", new long[] {2}, Long.MIN_VALUE, 12),
                tensor("int64-raw", DataType.INT64, 2).setRawData(ByteString.copyFrom(ByteBuffer.allocate(16)
                        .order(ByteOrder.LITTLE_ENDIAN).putLong(-1).putLong(Long.MAX_VALUE).array())).build());
        OnnxModel onnx = parse(model);
        assertArrayEquals(new long[] {-128, -1, 0, 127}, onnx.integers("int8-raw"));
        assertArrayEquals(new long[] {-128, -1, 0, 127}, onnx.integers("int8-typed"));
        assertArrayEquals(new long[] {255, 7}, onnx.integers("uint8-raw"));
        assertArrayEquals(new long[] {Long.MIN_VALUE, 12}, onnx.integers("int64-typed"));
        assertArrayEquals(new long[] {-1, Long.MAX_VALUE}, onnx.integers("int64-raw"));
    }

    /**
     * ONNX declares dims as a proto2 repeated field, which writers may encode unpacked (one tag per
     * extent, protobuf-java's choice) or packed (one length-delimited run); readers must take both.
     */
    @Test
    void packedAndUnpackedDimsReadAlike() throws IOException {
        TensorProto withoutDims = rawFloats("w", new long[0], 1, 2, 3, 4, 5, 6).toBuilder().clearDims().build();
        ByteArrayOutputStream tensorBytes = new ByteArrayOutputStream();
        CodedOutputStream tensor = CodedOutputStream.newInstance(tensorBytes);
        withoutDims.writeTo(tensor);
        tensor.writeTag(TensorProto.DIMS_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        tensor.writeUInt32NoTag(CodedOutputStream.computeInt64SizeNoTag(3) + CodedOutputStream.computeInt64SizeNoTag(2));
        tensor.writeInt64NoTag(3);
        tensor.writeInt64NoTag(2);
        tensor.flush();
        ByteArrayOutputStream graphBytes = new ByteArrayOutputStream();
        CodedOutputStream graph = CodedOutputStream.newInstance(graphBytes);
        graph.writeByteArray(GraphProto.INITIALIZER_FIELD_NUMBER, tensorBytes.toByteArray());
        graph.flush();
        ByteArrayOutputStream modelBytes = new ByteArrayOutputStream();
        CodedOutputStream model = CodedOutputStream.newInstance(modelBytes);
        model.writeInt64(ModelProto.IR_VERSION_FIELD_NUMBER, OnnxTestFiles.IR_VERSION);
        model.writeByteArray(ModelProto.GRAPH_FIELD_NUMBER, graphBytes.toByteArray());
        model.writeMessage(ModelProto.OPSET_IMPORT_FIELD_NUMBER, OperatorSetIdProto.newBuilder().setVersion(14).build());
        model.flush();

        Tensor packed = OnnxModel.parse(FILE, modelBytes.toByteArray()).floatTensor("w");
        Tensor unpacked = parse(initializers(rawFloats("w", new long[] {3, 2}, 1, 2, 3, 4, 5, 6))).floatTensor("w");
        assertArrayEquals(new int[] {3, 2}, packed.shape());
        assertEquals(unpacked, packed);
    }

    @Test
    void externalDataIsReadFromItsRange() throws IOException {
        byte[] values = littleEndianFloats(7, 8, 9, 10);
        byte[] file = new byte[5 + values.length + 3];
        System.arraycopy(values, 0, file, 5, values.length);
        Files.write(directory.resolve("weights.bin"), file);
        Path modelFile = directory.resolve("model.onnx");
        Files.write(modelFile, initializers(externalFloats("w", new long[] {2, 2}, "weights.bin", 5, 16)).toByteArray());
        Tensor w = OnnxModel.read(modelFile).floatTensor("w");
        assertArrayEquals(new double[] {7, 8, 9, 10}, w.values());
    }

    /** Per-column scale and zero point, as dynamically quantized exports store them (typed float scales). */
    @Test
    void int8MatrixDequantizedPerColumn() {
        ModelProto model = initializers(
                tensor("q", DataType.INT8, 3, 2).setRawData(ByteString.copyFrom(new byte[] {1, 2, -128, 127, 0, 0})).build(),
                typedFloats("scale", new long[] {2}, 0.5f, 0.1f),
                typedInts(tensor("zero", DataType.INT8, 2), 1, -3),
                tensor("u", DataType.UINT8, 1, 2).setRawData(ByteString.copyFrom(new byte[] {(byte) 255, 0})).build(),
                typedFloats("one-scale", new long[0], 0.25f),
                tensor("one-zero", DataType.UINT8).setRawData(ByteString.copyFrom(new byte[] {(byte) 128})).build());
        OnnxModel onnx = parse(model);
        Tensor w = onnx.dequantized("q", "scale", "zero");
        // (q - z) * s: 0·0.5, 5·0.1f, -129·0.5, 130·0.1f, -1·0.5, 3·0.1f, each rounded once to float32.
        assertArrayEquals(new double[] {0, 0.5, -64.5, 13, -0.5, 0.3f}, w.values());
        assertEquals(DType.F32, w.dtype());
        assertArrayEquals(new double[] {31.75, -32}, onnx.dequantized("u", "one-scale", "one-zero").values());
    }

    private static TensorProto typedInts(TensorProto.Builder tensor, int... values) {
        for (int value : values) {
            tensor.addInt32Data(value);
        }
        return tensor.build();
    }

    private static ByteString shorts(int... bits) {
        ByteBuffer bytes = ByteBuffer.allocate(2 * bits.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int b : bits) {
            bytes.putShort((short) b);
        }
        return ByteString.copyFrom(bytes.array());
    }

    private static ByteString doubles(double... values) {
        ByteBuffer bytes = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double value : values) {
            bytes.putDouble(value);
        }
        return ByteString.copyFrom(bytes.array());
    }
}
