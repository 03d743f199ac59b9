package io.flowaudit.weights;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Files checked byte for byte against the format: what the reference writer produces for the same input. */
class SafetensorsWriterTest {

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] bytes(int... values) {
        byte[] result = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (byte) values[i];
        }
        return result;
    }

    @Test
    void writesOneFloat32VectorByteForByte() {
        byte[] file = SafetensorsWriter.toBytes(
                List.of(Tensor.vector("x", DType.F32, new double[] {1.0, -2.0})), Map.of());
        // The header is 54 bytes of JSON, padded with 2 spaces to 56 = 0x38; then 1.0f and -2.0f little-endian.
        byte[] expected = concat(
                bytes(0x38, 0, 0, 0, 0, 0, 0, 0),
                ascii("{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}  "),
                bytes(0x00, 0x00, 0x80, 0x3F),
                bytes(0x00, 0x00, 0x00, 0xC0));
        assertArrayEquals(expected, file);
    }

    @Test
    void leavesAHeaderAlreadyAlignedUnpadded() {
        Tensor counting = Tensor.of("attn.0", DType.F32, new int[] {1, 2, 3}, new double[] {0, 1, 2, 3, 4, 5});
        byte[] file = SafetensorsWriter.toBytes(List.of(counting), Map.of());
        byte[] expected = concat(
                bytes(64, 0, 0, 0, 0, 0, 0, 0),
                ascii("{\"attn.0\":{\"dtype\":\"F32\",\"shape\":[1,2,3],\"data_offsets\":[0,24]}}"),
                bytes(0, 0, 0, 0), bytes(0, 0, 0x80, 0x3F), bytes(0, 0, 0, 0x40),
                bytes(0, 0, 0x40, 0x40), bytes(0, 0, 0x80, 0x40), bytes(0, 0, 0xA0, 0x40));
        assertArrayEquals(expected, file);
    }

    @Test
    void writesAnEmptyFileAsAPaddedEmptyObject() {
        assertArrayEquals(concat(bytes(8, 0, 0, 0, 0, 0, 0, 0), ascii("{}      ")),
                SafetensorsWriter.toBytes(List.of(), Map.of()));
    }

    @Test
    void putsMetadataFirstWithKeysSorted() {
        byte[] file = SafetensorsWriter.toBytes(List.of(Tensor.of("s", DType.F64, new int[0], new double[] {0.5})),
                Map.of("source", "test", "format", "pt"));
        String header = "{\"__metadata__\":{\"format\":\"pt\",\"source\":\"test\"},"
                + "\"s\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[0,8]}}";
        assertEquals(100, header.length());
        byte[] expected = concat(bytes(104, 0, 0, 0, 0, 0, 0, 0), ascii(header), ascii("    "),
                bytes(0, 0, 0, 0, 0, 0, 0xE0, 0x3F));
        assertArrayEquals(expected, file);
    }

    @Test
    void laysOutWiderTypesFirstThenByName() {
        byte[] file = SafetensorsWriter.toBytes(List.of(
                Tensor.vector("a_half", DType.F16, new double[] {1.0}),
                Tensor.vector("b_single", DType.F32, new double[] {1.0}),
                Tensor.vector("c_brain", DType.BF16, new double[] {1.0}),
                Tensor.vector("d_double", DType.F64, new double[] {1.0}),
                Tensor.vector("a_single", DType.F32, new double[] {-1.0})), Map.of());
        String header = "{\"d_double\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]},"
                + "\"a_single\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]},"
                + "\"b_single\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[12,16]},"
                + "\"c_brain\":{\"dtype\":\"BF16\",\"shape\":[1],\"data_offsets\":[16,18]},"
                + "\"a_half\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[18,20]}}";
        assertEquals(306, header.length());
        byte[] expected = concat(bytes(0x38, 0x01, 0, 0, 0, 0, 0, 0), ascii(header), ascii("      "),
                bytes(0, 0, 0, 0, 0, 0, 0xF0, 0x3F),
                bytes(0, 0, 0x80, 0xBF),
                bytes(0, 0, 0x80, 0x3F),
                bytes(0x80, 0x3F),
                bytes(0x00, 0x3C));
        assertArrayEquals(expected, file);
    }

    @Test
    void writesNamesAsUtf8() {
        byte[] file = SafetensorsWriter.toBytes(List.of(Tensor.vector("\u03b8\"", DType.F16, new double[0])), Map.of());
        String header = "{\"\u03b8\\\"\":{\"dtype\":\"F16\",\"shape\":[0],\"data_offsets\":[0,0]}}";
        byte[] headerBytes = header.getBytes(StandardCharsets.UTF_8);
        assertEquals(57, headerBytes.length);
        assertArrayEquals(concat(bytes(64, 0, 0, 0, 0, 0, 0, 0), headerBytes, ascii("       ")), file);
    }

    @Test
    void rejectsRepeatedAndReservedNames() {
        Tensor one = Tensor.vector("w", DType.F32, new double[] {1});
        Tensor other = Tensor.vector("w", DType.F64, new double[] {2});
        IllegalArgumentException repeated = assertThrows(IllegalArgumentException.class,
                () -> SafetensorsWriter.toBytes(List.of(one, other), Map.of()));
        assertEquals("tensor name 'w' is reserved or repeated", repeated.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SafetensorsWriter.toBytes(
                List.of(Tensor.vector("__metadata__", DType.F32, new double[] {1})), Map.of()));
    }
}
