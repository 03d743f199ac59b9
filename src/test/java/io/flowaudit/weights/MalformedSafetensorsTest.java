package io.flowaudit.weights;

import io.flowaudit.input.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One test per way a file can be malformed, each asserting the message a user sees. */
class MalformedSafetensorsTest {

    private static final String FILE = "model.safetensors";

    @TempDir
    Path directory;

    private static String rejection(byte[] contents) {
        BadInputException e = assertThrows(BadInputException.class, () -> SafetensorsFile.parse(FILE, contents));
        assertEquals(FILE, e.file());
        return e.getMessage();
    }

    private static String rejection(String header, int dataBytes) {
        return rejection(RawSafetensors.file(header, dataBytes));
    }

    /** A header with one tensor "w" whose entry is {@code fields}. */
    private static String oneTensor(String fields) {
        return "{\"w\":{" + fields + "}}";
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void fileShorterThanTheLengthPrefix() {
        assertEquals(FILE + ": the file has 5 bytes, too few for the 8-byte header length a safetensors file"
                + " starts with", rejection(new byte[5]));
        assertEquals(FILE + ": the file has 0 bytes, too few for the 8-byte header length a safetensors file"
                + " starts with", rejection(new byte[0]));
    }

    @Test
    void headerLengthOverTheCap() {
        assertEquals(FILE + ": header length 18446744073709551615 exceeds the limit of 100000000 bytes"
                + " (not a safetensors file?)", rejection(RawSafetensors.withDeclaredLength(-1, ascii("{}"))));
        assertEquals(FILE + ": header length 100000001 exceeds the limit of 100000000 bytes (not a safetensors file?)",
                rejection(RawSafetensors.withDeclaredLength(100_000_001, ascii("{}"))));
    }

    @Test
    void headerLengthPastTheEndOfTheFile() {
        assertEquals(FILE + ": header length 64 runs past the end of the file, which has 2 bytes after the 8-byte"
                + " length (file truncated?)", rejection(RawSafetensors.withDeclaredLength(64, ascii("{}"))));
    }

    @Test
    void headerNotUtf8() {
        byte[] header = ascii("{\"a?\":{}}");
        header[3] = (byte) 0xFF;
        assertEquals(FILE + ": the header is not valid UTF-8: malformed byte sequence at file offset 11",
                rejection(RawSafetensors.file(header, 0)));
        byte[] encodedSurrogate = {'{', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', ':', '1', '}'};
        assertEquals(FILE + ": the header is not valid UTF-8: malformed byte sequence at file offset 10",
                rejection(RawSafetensors.file(encodedSurrogate, 0)));
    }

    @Test
    void headerNotJson() {
        String message = rejection("{\"w\": ", 0);
        assertTrue(message.startsWith(FILE + ": the header is not valid JSON at header line 1, column 7: "
                + "Unexpected end-of-input"), message);
        String trailing = rejection("{} x", 0);
        assertTrue(trailing.startsWith(FILE + ": the header is not valid JSON at header line 1, column "), trailing);
        String nested = rejection("[".repeat(5000) + "]".repeat(5000), 0);
        assertTrue(nested.startsWith(FILE + ": the header is not valid JSON"), nested);
        assertTrue(nested.contains("nesting depth"), nested);
    }

    @Test
    void headerNotAnObject() {
        assertEquals(FILE + ": the header is [1,2]; expected a JSON object mapping tensor names to"
                + " {\"dtype\", \"shape\", \"data_offsets\"}", rejection("[1, 2]", 0));
        assertEquals(FILE + ": the header is empty; expected a JSON object mapping tensor names to"
                + " {\"dtype\", \"shape\", \"data_offsets\"}", rejection("", 0));
        assertEquals(FILE + ": the header is empty; expected a JSON object mapping tensor names to"
                + " {\"dtype\", \"shape\", \"data_offsets\"}", rejection("        ", 0));
    }

    @Test
    void duplicateKeys() {
        String entry = "{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}";
        String tensors = rejection("{\"w\":" + entry + ",\"w\":" + entry + "}", 4);
        assertTrue(tensors.startsWith(FILE + ": the header is not valid JSON at header line 1, column "), tensors);
        assertTrue(tensors.endsWith("Duplicate field 'w'"), tensors);
        String fields = rejection(
                oneTensor("\"dtype\":\"F32\",\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,4]"), 4);
        assertTrue(fields.endsWith("Duplicate field 'dtype'"), fields);
    }

    @Test
    void tensorEntryNotAnObject() {
        assertEquals(FILE + ": tensor 'w' is described by \"F32\"; expected an object with \"dtype\", \"shape\" and"
                + " \"data_offsets\"", rejection("{\"w\":\"F32\"}", 0));
    }

    @Test
    void tensorEntryMissingAField() {
        assertEquals(FILE + ": tensor 'w' has no \"data_offsets\"",
                rejection(oneTensor("\"dtype\":\"F32\",\"shape\":[1]"), 4));
        assertEquals(FILE + ": tensor 'w' has no \"dtype\"",
                rejection(oneTensor("\"shape\":[1],\"data_offsets\":[0,4]"), 4));
    }

    @Test
    void tensorEntryWithAnUnexpectedField() {
        assertEquals(FILE + ": tensor 'w' has an unexpected field \"offset\"; expected only \"dtype\", \"shape\" and"
                + " \"data_offsets\"",
                rejection(oneTensor("\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"offset\":0"), 4));
    }

    @Test
    void dtypeNotAString() {
        assertEquals(FILE + ": tensor 'w': \"dtype\" must be a string such as \"F32\", found 32",
                rejection(oneTensor("\"dtype\":32,\"shape\":[1],\"data_offsets\":[0,4]"), 4));
    }

    @Test
    void unknownDtype() {
        assertEquals(FILE + ": tensor 'w' has unknown dtype \"F17\"; safetensors dtypes are BF16, BOOL, C64, F16, F32,"
                + " F4, F64, F6_E2M3, F6_E3M2, F8_E4M3, F8_E4M3FNUZ, F8_E5M2, F8_E5M2FNUZ, F8_E8M0, I16, I32, I64, I8,"
                + " U16, U32, U64, U8",
                rejection(oneTensor("\"dtype\":\"F17\",\"shape\":[1],\"data_offsets\":[0,4]"), 4));
    }

    @Test
    void shapeNotAnArrayOfNonNegativeIntegers() {
        String expectation = FILE + ": tensor 'w': \"shape\" must be an array of non-negative integers, found ";
        for (String shape : List.of("4", "[2,-1]", "[1.5]", "[2.0]", "[\"2\"]", "[null]", "[100000000000000000000]")) {
            assertEquals(expectation + shape,
                    rejection(oneTensor("\"dtype\":\"F32\",\"shape\":" + shape + ",\"data_offsets\":[0,8]"), 8), shape);
        }
    }

    @Test
    void shapeWhoseSizeOverflows() {
        assertEquals(FILE + ": tensor 'w': shape [4294967296, 4294967296] of F32 has more bits than a 64-bit count"
                + " holds", rejection(oneTensor("\"dtype\":\"F32\",\"shape\":[4294967296,4294967296],"
                + "\"data_offsets\":[0,4]"), 4));
        // 2^61 elements of 8 bits also overflow, though the element count alone fits.
        assertEquals(FILE + ": tensor 'w': shape [2305843009213693952] of U8 has more bits than a 64-bit count holds",
                rejection(oneTensor("\"dtype\":\"U8\",\"shape\":[2305843009213693952],\"data_offsets\":[0,4]"), 4));
    }

    @Test
    void dataOffsetsNotTwoNonNegativeIntegers() {
        String expectation = FILE + ": tensor 'w': \"data_offsets\" must be [begin, end], two non-negative integers,"
                + " found ";
        for (String offsets : List.of("[0]", "[0,4,8]", "[-4,0]", "\"0,4\"", "[0,\"4\"]", "[0,4.0]", "{}")) {
            assertEquals(expectation + offsets,
                    rejection(oneTensor("\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":" + offsets), 4), offsets);
        }
    }

    @Test
    void dataOffsetsBeginAfterEnd() {
        assertEquals(FILE + ": tensor 'w': data_offsets [8, 4] end before they begin",
                rejection(oneTensor("\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,4]"), 8));
    }

    @Test
    void tensorEndsBeyondTheDataSection() {
        String header = "{\"w1\":{\"dtype\":\"F32\",\"shape\":[32,32],\"data_offsets\":[0,4096]}}";
        assertEquals(FILE + ": tensor 'w1' claims bytes [0, 4096) but the data section has 1024 bytes"
                + " (file truncated?)", rejection(header, 1024));
        // Offsets near 2^63 must not wrap around.
        assertEquals(FILE + ": tensor 'w' claims bytes [9223372036854775800, 9223372036854775804) but the data section"
                + " has 4 bytes (file truncated?)", rejection(oneTensor(
                "\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[9223372036854775800,9223372036854775804]"), 4));
    }

    @Test
    void byteLengthDisagreesWithShape() {
        assertEquals(FILE + ": tensor 'w': shape [2, 3] of F32 needs 24 bytes but data_offsets [0, 20] span 20",
                rejection(oneTensor("\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,20]"), 20));
        assertEquals(FILE + ": tensor 'w': shape [] of F64 needs 8 bytes but data_offsets [0, 4] span 4",
                rejection(oneTensor("\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[0,4]"), 4));
    }

    @Test
    void subByteTensorNotFillingWholeBytes() {
        assertEquals(FILE + ": tensor 'w': shape [3] of F4 fills 12 bits, not a whole number of bytes",
                rejection(oneTensor("\"dtype\":\"F4\",\"shape\":[3],\"data_offsets\":[0,2]"), 2));
    }

    @Test
    void overlappingTensors() {
        assertEquals(FILE + ": tensors 'a' (bytes [0, 16)) and 'b' (bytes [8, 24)) overlap", rejection(
                "{\"b\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[8,24]},"
                        + "\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", 24));
        assertEquals(FILE + ": tensors 'a' (bytes [0, 8)) and 'b' (bytes [0, 8)) overlap", rejection(
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                        + "\"b\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}", 8));
    }

    @Test
    void gapsBetweenOrBeforeTensors() {
        assertEquals(FILE + ": bytes [8, 16) of the data section belong to no tensor; safetensors packs tensors"
                + " without gaps", rejection("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[16,24]}}", 24));
        assertEquals(FILE + ": bytes [0, 8) of the data section belong to no tensor; safetensors packs tensors"
                + " without gaps", rejection(oneTensor("\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]"), 16));
    }

    @Test
    void trailingBytesAfterTheLastTensor() {
        assertEquals(FILE + ": the data section has 12 bytes but its tensors end at byte 8; safetensors files have no"
                + " trailing bytes",
                rejection(oneTensor("\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]"), 12));
        assertEquals(FILE + ": the data section has 3 bytes but its tensors end at byte 0; safetensors files have no"
                + " trailing bytes", rejection("{}", 3));
    }

    @Test
    void truncatedFile() {
        byte[] whole = SafetensorsWriter.toBytes(List.of(
                Tensor.vector("b", DType.F32, new double[] {1, 2}),
                Tensor.matrix("w", DType.F64, new double[][] {{1, 2}, {3, 4}})), Map.of());
        assertEquals(FILE + ": tensor 'b' claims bytes [32, 40) but the data section has 37 bytes (file truncated?)",
                rejection(Arrays.copyOf(whole, whole.length - 3)));
        assertEquals(FILE + ": tensor 'w' claims bytes [0, 32) but the data section has 20 bytes (file truncated?)",
                rejection(Arrays.copyOf(whole, whole.length - 20)));
        String cutInHeader = rejection(Arrays.copyOf(whole, 40));
        assertTrue(cutInHeader.matches(FILE + ": header length \\d+ runs past the end of the file, which has 32 bytes"
                + " after the 8-byte length \\(file truncated\\?\\)"), cutInHeader);
    }

    @Test
    void decodedTensorWithAnExtentTooLargeForJava() {
        assertEquals(FILE + ": tensor 'w': extent 3000000000 in shape [0, 3000000000] exceeds 2147483647",
                rejection(oneTensor("\"dtype\":\"F32\",\"shape\":[0,3000000000],\"data_offsets\":[0,0]"), 0));
    }

    @Test
    void metadataNotAnObjectOfStrings() {
        assertEquals(FILE + ": \"__metadata__\" is \"pt\"; expected an object of strings",
                rejection("{\"__metadata__\":\"pt\"}", 0));
        assertEquals(FILE + ": \"__metadata__\" must map keys to strings, but 'epoch' maps to 3",
                rejection("{\"__metadata__\":{\"format\":\"pt\",\"epoch\":3}}", 0));
    }

    /** Until 2026-11-30 a 1.6 GB file of F16 (a few kilobytes on disk, sparse) ran the JVM out of heap decoding it. */
    @Test
    void tensorsThatWouldDecodeBeyondTheLimitAreRefusedBeforeDecoding() {
        long elements = SafetensorsFile.MAX_DECODED_ELEMENTS + 1;
        // 256 MiB of F16 bytes, 1 GiB as doubles; an I8 tensor is not decoded, so it does not count
        String header = "{\"w\":{\"dtype\":\"F16\",\"shape\":[" + elements + "],\"data_offsets\":[0," + 2 * elements
                + "]},\"q\":{\"dtype\":\"I8\",\"shape\":[4],\"data_offsets\":[" + 2 * elements + "," + (2 * elements + 4)
                + "]}}";
        assertEquals(FILE + ": its F64, F32, BF16 and F16 tensors hold 134217729 elements in all; flowaudit decodes at"
                + " most 134217728 (1 GiB as doubles): a file of a few layers' weights, not a whole large model",
                rejection(header, (int) (2 * elements + 4)));
    }

    @Test
    void fileTooLargeIsRefusedBeforeReading() throws IOException {
        Path huge = directory.resolve("huge.safetensors");
        try (RandomAccessFile sparse = new RandomAccessFile(huge.toFile(), "rw")) {
            sparse.setLength(SafetensorsFile.MAX_FILE_BYTES + 1);
        }
        BadInputException e = assertThrows(BadInputException.class, () -> SafetensorsFile.read(huge));
        assertEquals(huge + ": the file has 2147483640 bytes; flowaudit reads safetensors files of at most 2147483639"
                + " bytes", e.getMessage());
    }
}
