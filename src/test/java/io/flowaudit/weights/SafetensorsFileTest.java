package io.flowaudit.weights;

import io.flowaudit.input.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SafetensorsFileTest {

    private static final double TINY = Double.MIN_VALUE;

    /** Values each type must carry exactly or round predictably: signed zeros, extremes, ties, specials. */
    private static final double[] SPECIAL = {
            0.0, -0.0, 1.0, -2.5, 0.1, 1 + Math.scalb(1.0, -11), 65504.0, 65520.0, Math.scalb(1.0, -24),
            Math.scalb(1.0, -25), Float.MIN_VALUE, Float.MAX_VALUE, 1e300, TINY,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};

    @TempDir
    Path directory;

    private static long[] rawBits(double[] values) {
        long[] bits = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Double.doubleToRawLongBits(values[i]);
        }
        return bits;
    }

    @Test
    void roundTripsEveryTypeThroughAFile() throws IOException {
        List<Tensor> written = new ArrayList<>();
        for (DType type : DType.values()) {
            written.add(Tensor.of("special." + type, type, new int[] {SPECIAL.length}, SPECIAL));
        }
        Path file = directory.resolve("model.safetensors");
        SafetensorsWriter.write(file, written, Map.of("format", "pt"));

        SafetensorsFile read = SafetensorsFile.read(file);
        assertEquals(file.toString(), read.fileName());
        // the hash of the bytes decoded (until 2026-11-30 a weights claim read the file a second time to hash it)
        assertEquals(Sha256.hex(Files.readAllBytes(file)), read.sha256());
        assertEquals(Map.of("format", "pt"), read.metadata());
        assertEquals(4, read.tensors().size());
        for (Tensor tensor : written) {
            Tensor back = read.tensor(tensor.name());
            assertEquals(tensor, back);
            assertArrayEquals(rawBits(tensor.values()), rawBits(back.values()), tensor.name());
        }
    }

    @Test
    void narrowTypesStoreRoundedValues() {
        // Entry by entry as in SPECIAL: 0, -0, 1, -2.5, 0.1, 1 + 2^-11, 65504, 65520, 2^-24, 2^-25,
        // Float.MIN_VALUE, Float.MAX_VALUE, 1e300, Double.MIN_VALUE, inf, -inf, NaN.
        double inf = Double.POSITIVE_INFINITY;
        Map<DType, double[]> expected = Map.of(
                DType.F64, SPECIAL,
                DType.F32, new double[] {0.0, -0.0, 1.0, -2.5, (double) 0.1f, 1 + Math.scalb(1.0, -11), 65504.0,
                        65520.0, Math.scalb(1.0, -24), Math.scalb(1.0, -25), Float.MIN_VALUE, Float.MAX_VALUE, inf, 0.0,
                        inf, -inf, Double.NaN},
                DType.F16, new double[] {0.0, -0.0, 1.0, -2.5, 0.0999755859375, 1.0, 65504.0, inf,
                        Math.scalb(1.0, -24), 0.0, 0.0, inf, inf, 0.0,
                        inf, -inf, Double.NaN},
                DType.BF16, new double[] {0.0, -0.0, 1.0, -2.5, 0.10009765625, 1.0, 65536.0, 65536.0,
                        Math.scalb(1.0, -24), Math.scalb(1.0, -25), 0.0, inf, inf, 0.0,
                        inf, -inf, Double.NaN});
        for (DType type : DType.values()) {
            Tensor tensor = Tensor.vector("v", type, SPECIAL);
            byte[] file = SafetensorsWriter.toBytes(List.of(tensor), Map.of());
            assertArrayEquals(expected.get(type), SafetensorsFile.parse("m", file).tensor("v").values(), type.name());
        }
    }

    @Test
    void rewritingAReadFileGivesTheSameBytes() {
        byte[] original = SafetensorsWriter.toBytes(List.of(
                Tensor.matrix("attn.wq", DType.BF16, new double[][] {{1, 2}, {3, 4}}),
                Tensor.vector("bias", DType.F64, new double[] {0.25, -0.5, Double.NaN}),
                Tensor.of("empty", DType.F16, new int[] {0, 3}, new double[0]),
                Tensor.of("scalar", DType.F32, new int[0], new double[] {7})), Map.of("k", "v"));
        SafetensorsFile read = SafetensorsFile.parse("m", original);
        assertArrayEquals(original, SafetensorsWriter.toBytes(read.tensors().values(), read.metadata()));
    }

    @Test
    void readsTensorsInAnyHeaderOrderAndPadding() {
        String header = "{\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]},"
                + " \"a\" : {\"shape\":[1],\"data_offsets\":[0,4],\"dtype\":\"F32\"}}       ";
        byte[] file = RawSafetensors.file(header, 8);
        SafetensorsFile read = SafetensorsFile.parse("m", file);
        assertEquals(List.of("a", "b"), new ArrayList<>(read.tensors().keySet()));
        assertEquals(Float.intBitsToFloat(0x04030201), read.tensor("a").get(0));
        assertEquals(Float.intBitsToFloat(0x08070605), read.tensor("b").get(0));
        assertEquals(Map.of(), read.metadata());
    }

    @Test
    void requireChecksShapeAndType() {
        SafetensorsFile file = SafetensorsFile.parse("model.safetensors", SafetensorsWriter.toBytes(List.of(
                Tensor.of("attn.wq", DType.F16, new int[] {4, 3}, new double[12]),
                Tensor.vector("attn.wk", DType.F32, new double[4])), Map.of()));

        Tensor wq = file.require("attn.wq", 4, 3);
        assertSame(file.tensors().get("attn.wq"), wq);
        assertEquals(DType.F16, file.require("attn.wq", EnumSet.of(DType.F16, DType.F32), 4, 3).dtype());

        BadInputException shape = assertThrows(BadInputException.class, () -> file.require("attn.wq", 4, 4));
        assertEquals("model.safetensors: tensor 'attn.wq' has shape [4, 3], expected [4, 4]", shape.getMessage());
        assertEquals("model.safetensors", shape.file());

        BadInputException scalar = assertThrows(BadInputException.class, () -> file.require("attn.wk"));
        assertEquals("model.safetensors: tensor 'attn.wk' has shape [4], expected []", scalar.getMessage());

        BadInputException type = assertThrows(BadInputException.class,
                () -> file.require("attn.wq", EnumSet.of(DType.F64, DType.F32), 4, 3));
        assertEquals("model.safetensors: tensor 'attn.wq' has dtype F16, expected F64 or F32", type.getMessage());

        BadInputException onlyType = assertThrows(BadInputException.class,
                () -> file.require("attn.wk", Set.of(DType.F64), 4));
        assertEquals("model.safetensors: tensor 'attn.wk' has dtype F32, expected F64", onlyType.getMessage());
    }

    @Test
    void missingTensorListsTheAvailableNames() {
        SafetensorsFile file = SafetensorsFile.parse("model.safetensors", SafetensorsWriter.toBytes(List.of(
                Tensor.vector("attn.wk", DType.F32, new double[4]),
                Tensor.vector("attn.wv", DType.F32, new double[4])), Map.of()));
        BadInputException missing = assertThrows(BadInputException.class, () -> file.tensor("attn.wq"));
        assertEquals("model.safetensors: no tensor 'attn.wq'; the file has: attn.wk, attn.wv", missing.getMessage());

        SafetensorsFile empty = SafetensorsFile.parse("e", SafetensorsWriter.toBytes(List.of(), Map.of()));
        assertEquals("e: no tensor 'w'; the file has no tensors",
                assertThrows(BadInputException.class, () -> empty.tensor("w")).getMessage());
    }

    @Test
    void longListsOfNamesAreCut() {
        List<Tensor> many = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            many.add(Tensor.vector(String.format("t%02d", i), DType.F32, new double[] {i}));
        }
        SafetensorsFile file = SafetensorsFile.parse("m", SafetensorsWriter.toBytes(many, Map.of()));
        String message = assertThrows(BadInputException.class, () -> file.tensor("x")).getMessage();
        assertEquals("m: no tensor 'x'; the file has 25 tensors: t00, t01, t02, t03, t04, t05, t06, t07, t08, t09,"
                + " t10, t11, t12, t13, t14, t15, t16, t17, t18, t19 and 5 more", message);
    }

    @Test
    void tensorsOfOtherTypesAreCheckedButOnlyFailWhenAskedFor() {
        String header = "{\"position_ids\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[0,16]},"
                + "\"mask\":{\"dtype\":\"BOOL\",\"shape\":[3],\"data_offsets\":[16,19]},"
                + "\"packed\":{\"dtype\":\"F4\",\"shape\":[2],\"data_offsets\":[19,20]},"
                + "\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[20,24]}}";
        SafetensorsFile file = SafetensorsFile.parse("model.safetensors", RawSafetensors.file(header, 24));
        assertEquals(Set.of("w"), file.tensors().keySet());
        assertEquals(List.of("mask", "packed", "position_ids", "w"), new ArrayList<>(file.names()));
        BadInputException unreadable = assertThrows(BadInputException.class, () -> file.require("position_ids", 2));
        assertEquals("model.safetensors: tensor 'position_ids' has dtype I64, which flowaudit does not read;"
                + " it reads F64, F32, BF16 and F16", unreadable.getMessage());
    }

    @Test
    void zeroSizedTensorsMayShareAnOffset() {
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"c\":{\"dtype\":\"F64\",\"shape\":[2,0],\"data_offsets\":[4,4]}}";
        SafetensorsFile file = SafetensorsFile.parse("m", RawSafetensors.file(header, 4));
        assertEquals(0, file.require("a", 0).size());
        assertEquals(0, file.require("c", 2, 0).size());
        assertEquals(1, file.require("b", 1).size());
    }
}
