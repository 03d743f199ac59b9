package io.flowaudit.weights.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import com.google.protobuf.ByteString;
import io.flowaudit.input.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static io.flowaudit.weights.onnx.OnnxTestFiles.entry;
import static io.flowaudit.weights.onnx.OnnxTestFiles.externalFloats;
import static io.flowaudit.weights.onnx.OnnxTestFiles.initializers;
import static io.flowaudit.weights.onnx.OnnxTestFiles.rawFloats;
import static io.flowaudit.weights.onnx.OnnxTestFiles.tensor;
import static io.flowaudit.weights.onnx.OnnxTestFiles.typedFloats;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Truncated, lying and hostile ONNX files: each refused with one message naming the file, nothing read out of bounds. */
class MalformedOnnxTest {

    private static final String FILE = "model.onnx";

    @TempDir
    Path directory;

    private static String rejection(byte[] contents) {
        BadInputException e = assertThrows(BadInputException.class, () -> OnnxModel.parse(FILE, contents));
        assertTrue(e.getMessage().startsWith(FILE + ": "), e.getMessage());
        return e.getMessage().substring(FILE.length() + 2);
    }

    private static String rejection(ModelProto model) {
        return rejection(model.toByteArray());
    }

    /** A model written to the temporary directory and read from there, as external data needs. */
    private String fileRejection(ModelProto model) throws IOException {
        Path file = directory.resolve("models").resolve(FILE);
        Files.createDirectories(file.getParent());
        Files.write(file, model.toByteArray());
        BadInputException e = assertThrows(BadInputException.class, () -> OnnxModel.read(file));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        return e.getMessage().substring(file.toString().length() + 2);
    }

    /**
     * Every strict prefix of a small file, and 300 of a BERT-shaped one, is refused, whichever field the cut
     * falls in: the last field of a model (its opsets) is required, so no cut leaves a complete model.
     */
    @Test
    void everyTruncationIsRefused() {
        byte[] small = initializers(rawFloats("w", new long[] {2, 2}, 1, 2, 3, 4),
                OnnxTestFiles.int64s("shape", new long[] {2}, 4, 1)).toByteArray();
        OnnxModel.parse(FILE, small);
        for (int length = 0; length < small.length; length++) {
            rejection(Arrays.copyOf(small, length));
        }
        byte[] whole = TinyBert.build().model().toByteArray();
        OnnxModel.parse(FILE, whole);
        Random random = new Random(15);
        for (int cut = 0; cut < 300; cut++) {
            rejection(Arrays.copyOf(whole, random.nextInt(whole.length)));
        }
        assertEquals("not a readable ONNX model: the file ended unexpectedly in the middle of a field.  This could"
                + " mean either that the input has been truncated or that an embedded message misreported its own"
                + " length. (file truncated or not ONNX?)", rejection(Arrays.copyOf(whole, whole.length / 2)));
    }

    @Test
    void emptyAndRandomFilesAreRefused() {
        assertEquals("holds no ONNX model (IR version 0, no graph, 0 opset imports); expected IR version 3 or later"
                + " with a graph and its opsets (file truncated or not ONNX?)", rejection(new byte[0]));
        Random random = new Random(15);
        for (int i = 0; i < 200; i++) {
            byte[] noise = new byte[1 + random.nextInt(300)];
            random.nextBytes(noise);
            rejection(noise);
        }
    }

    @Test
    void dimsThatLieAboutRawData() {
        assertEquals("initializer 'w': dims [2, 3] of FLOAT need 24 bytes but raw_data has 20 (dims that lie, or data"
                + " cut short?)", rejection(initializers(rawFloats("w", new long[] {2, 3}, 1, 2, 3, 4, 5))));
        assertEquals("initializer 'w': dims [2, 2] of FLOAT need 4 values but the tensor holds 5 (dims that lie, or"
                + " data cut short?)", rejection(initializers(typedFloats("w", new long[] {2, 2}, 1, 2, 3, 4, 5))));
    }

    @Test
    void hugeDeclaredSizesAreRefusedBeforeAnyAllocation() {
        assertEquals("initializer 'w': dims [65536, 65536] hold more than the limit of 134217728 elements per tensor",
                rejection(initializers(rawFloats("w", new long[] {1 << 16, 1 << 16}))));
        assertEquals("initializer 'w': dims [2147483647, 2147483647, 2147483647, 2147483647] hold more than the limit"
                + " of 134217728 elements per tensor", rejection(initializers(rawFloats("w",
                new long[] {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE}))));
        assertEquals("initializer 'w': extent 9223372036854775807 in dims [9223372036854775807, 0] exceeds 2147483647",
                rejection(initializers(rawFloats("w", new long[] {Long.MAX_VALUE, 0}))));
        assertEquals("initializer 'w' has a negative extent in dims [4, -1]",
                rejection(initializers(rawFloats("w", new long[] {4, -1}))));
    }

    @Test
    void confusedStorageIsRefused() {
        TensorProto both = rawFloats("w", new long[] {1}, 1).toBuilder().addFloatData(1).build();
        assertEquals("initializer 'w' holds both raw_data and typed data; a tensor has one or the other",
                rejection(initializers(both)));
        TensorProto wrongField = tensor("w", DataType.FLOAT, 1).addInt64Data(1).build();
        assertEquals("initializer 'w' of type FLOAT holds values in a typed field of another type",
                rejection(initializers(wrongField)));
        TensorProto outOfRange = tensor("q", DataType.INT8, 2).addInt32Data(5).addInt32Data(300).build();
        assertEquals("initializer 'q': value 1 (300) is outside INT8's range [-128, 127]", rejection(initializers(outOfRange)));
        TensorProto segmented = rawFloats("w", new long[] {1}, 1).toBuilder()
                .setSegment(TensorProto.Segment.newBuilder().setBegin(0).setEnd(1)).build();
        assertEquals("initializer 'w' is split into segments, which flowaudit does not read",
                rejection(initializers(segmented)));
    }

    @Test
    void namesMustBeUnique() {
        assertEquals("two initializers are named 'w'", rejection(initializers(rawFloats("w", new long[] {1}, 1),
                rawFloats("w", new long[] {1}, 2))));
        GraphProto graph = GraphProto.newBuilder().addInitializer(rawFloats("w", new long[] {1}, 1))
                .addNode(NodeProto.newBuilder().setName("n").setOpType("Relu").addInput("x").addOutput("w")).build();
        assertEquals("value 'w' of node 'n' is produced twice; an ONNX value has one producer",
                rejection(OnnxTestFiles.model(graph)));
    }

    @Test
    void constantsOtherThanTensorsAreRefused() {
        NodeProto constant = NodeProto.newBuilder().setName("c").setOpType("Constant").addOutput("c_out")
                .addAttribute(AttributeProto.newBuilder().setName("value_float").setF(2)
                        .setType(AttributeProto.AttributeType.FLOAT)).build();
        assertEquals("the value of Constant node 'c' is given as attribute 'value_float'; flowaudit reads Constant"
                + " nodes whose 'value' is a tensor", rejection(OnnxTestFiles.model(GraphProto.newBuilder()
                .addNode(constant).build())));
    }

    /** Until 2026-11-30 a zero, negative, NaN or infinite scale dequantized silently into zeros or NaN weights. */
    @ParameterizedTest
    @ValueSource(floats = {0f, -0.5f, Float.NaN, Float.POSITIVE_INFINITY})
    void quantizationScalesArePositiveAndFinite(float bad) {
        OnnxModel model = OnnxModel.parse(FILE, initializers(
                tensor("q", DataType.INT8, 1, 2).setRawData(ByteString.copyFrom(new byte[] {1, 2})).build(),
                typedFloats("scale", new long[] {2}, 0.5f, bad),
                tensor("zero", DataType.INT8).setRawData(ByteString.copyFrom(new byte[] {0})).build()).toByteArray());
        BadInputException e = assertThrows(BadInputException.class, () -> model.dequantized("q", "scale", "zero"));
        assertEquals(FILE + ": initializer 'scale' holds scale " + (double) bad + " for column 1; a quantization scale is"
                + " positive and finite", e.getMessage());
    }

    /** A tensor of a type flowaudit does not decode does not stop the file; asking for it does. */
    @Test
    void undecodedTypesAndWrongKindsAreRefusedWhenAskedFor() {
        TensorProto strings = tensor("s", DataType.STRING, 1).addStringData(ByteString.copyFromUtf8("x")).build();
        OnnxModel model = OnnxModel.parse(FILE, initializers(strings, rawFloats("w", new long[] {1}, 1),
                OnnxTestFiles.int64s("i", new long[] {1}, 3)).toByteArray());
        BadInputException e = assertThrows(BadInputException.class, () -> model.floatTensor("s"));
        assertEquals(FILE + ": initializer 's' has element type STRING (8), expected a floating-point tensor", e.getMessage());
        e = assertThrows(BadInputException.class, () -> model.floatTensor("i"));
        assertEquals(FILE + ": initializer 'i' has element type INT64 (7), expected a floating-point tensor", e.getMessage());
        e = assertThrows(BadInputException.class, () -> model.dequantized("w", "w", "w"));
        assertEquals(FILE + ": initializer 'w' is not a quantized matrix: expected a rank-2 INT8 or UINT8 tensor, found"
                + " FLOAT (1) [1]", e.getMessage());
        e = assertThrows(BadInputException.class, () -> model.floatTensor("missing"));
        assertEquals(FILE + ": no initializer or Constant node named 'missing'", e.getMessage());
    }

    @Test
    void externalDataMustStayInTheModelsDirectory() throws IOException {
        Files.write(directory.resolve("secret.bin"), new byte[64]);
        long[] dims = {2};
        assertEquals("initializer 'w': external file '../secret.bin' lies outside the model's directory",
                fileRejection(initializers(externalFloats("w", dims, "../secret.bin", 0, 8))));
        assertEquals("initializer 'w': external file '" + directory.resolve("secret.bin") + "' lies outside the"
                + " model's directory", fileRejection(initializers(externalFloats("w", dims,
                directory.resolve("secret.bin").toString(), 0, 8))));
        Files.createDirectories(directory.resolve("models"));
        Files.createSymbolicLink(directory.resolve("models/link.bin"), directory.resolve("secret.bin"));
        assertEquals("initializer 'w': external file 'link.bin' lies outside the model's directory (through a symbolic"
                + " link)", fileRejection(initializers(externalFloats("w", dims, "link.bin", 0, 8))));
        assertEquals("initializer 'w': external file 'absent.bin' does not exist",
                fileRejection(initializers(externalFloats("w", dims, "absent.bin", 0, 8))));
        Files.createDirectories(directory.resolve("models/folder"));
        assertEquals("initializer 'w': external file 'folder' is not a regular file",
                fileRejection(initializers(externalFloats("w", dims, "folder", 0, 8))));
    }

    @Test
    void externalDataThatLiesIsRefused() throws IOException {
        Files.createDirectories(directory.resolve("models"));
        Files.write(directory.resolve("models/weights.bin"), new byte[10]);
        long[] dims = {2};
        assertEquals("initializer 'w' needs 8 bytes at offset 4 of external file 'weights.bin', which has 10 bytes"
                + " (file truncated?)", fileRejection(initializers(externalFloats("w", dims, "weights.bin", 4, 8))));
        assertEquals("initializer 'w' needs 8 bytes at offset 9223372036854775807 of external file 'weights.bin',"
                + " which has 10 bytes (file truncated?)", fileRejection(initializers(
                externalFloats("w", dims, "weights.bin", Long.MAX_VALUE, 8))));
        assertEquals("initializer 'w': dims [2] need 8 bytes but external_data 'length' says 4",
                fileRejection(initializers(externalFloats("w", dims, "weights.bin", 0, 4))));
        assertEquals("initializer 'w': external_data 'offset' is \"-3\", expected a non-negative integer",
                fileRejection(initializers(externalFloats("w", dims, "weights.bin", -3, 8))));
        TensorProto unknownKey = externalFloats("w", dims, "weights.bin", 0, 8).toBuilder()
                .addExternalData(entry("basepath", "/")).build();
        assertEquals("initializer 'w' has an unknown external_data key 'basepath'; expected location, offset, length,"
                + " checksum", fileRejection(initializers(unknownKey)));
        TensorProto alsoInline = externalFloats("w", dims, "weights.bin", 0, 8).toBuilder().addFloatData(1).addFloatData(2)
                .build();
        assertEquals("initializer 'w' is marked as external data but also holds data in the model file",
                fileRejection(initializers(alsoInline)));
        assertEquals("initializer 'w' is stored in external file 'weights.bin', but the model was not read from a file"
                + " whose directory could hold it", rejection(initializers(externalFloats("w", dims, "weights.bin", 0, 8))));
    }

    @Test
    void onlyRegularFilesAreRead() throws IOException {
        BadInputException e = assertThrows(BadInputException.class, () -> OnnxModel.read(directory));
        assertEquals(directory + ": not a regular file", e.getMessage());
        e = assertThrows(BadInputException.class, () -> OnnxModel.read(directory.resolve("absent.onnx")));
        assertEquals(directory.resolve("absent.onnx") + ": no such file", e.getMessage());
    }
}
