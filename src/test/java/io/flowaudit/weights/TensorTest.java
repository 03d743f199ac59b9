package io.flowaudit.weights;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TensorTest {

    private final Tensor cube = Tensor.of("cube", DType.F64, new int[] {2, 3, 4}, counting(24));

    private static double[] counting(int count) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = i;
        }
        return values;
    }

    @Test
    void indexesRowMajor() {
        assertEquals(3, cube.rank());
        assertEquals(24, cube.size());
        assertEquals(0.0, cube.get(0, 0, 0));
        assertEquals(3.0, cube.get(0, 0, 3));
        assertEquals(4.0, cube.get(0, 1, 0));
        assertEquals(12.0, cube.get(1, 0, 0));
        assertEquals(23.0, cube.get(1, 2, 3));
    }

    @Test
    void rejectsIndicesOfTheWrongCountOrOutOfRange() {
        IllegalArgumentException wrongCount = assertThrows(IllegalArgumentException.class, () -> cube.get(1, 2));
        assertEquals("tensor 'cube' has rank 3, got 2 coordinates", wrongCount.getMessage());
        IndexOutOfBoundsException outside = assertThrows(IndexOutOfBoundsException.class, () -> cube.get(0, 3, 0));
        assertEquals("index [0, 3, 0] is outside tensor 'cube' of shape [2, 3, 4]", outside.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> cube.get(-1, 0, 0));
    }

    @Test
    void aScalarHasRankZeroAndOneValue() {
        Tensor scalar = Tensor.of("t", DType.F32, new int[0], new double[] {0.5});
        assertEquals(0, scalar.rank());
        assertEquals(1, scalar.size());
        assertEquals(0.5, scalar.get());
    }

    @Test
    void viewsMatricesAndVectors() {
        double[][] rows = {{1, 2, 3}, {4, 5, 6}};
        Tensor matrix = Tensor.matrix("w", DType.F64, rows);
        assertArrayEquals(new int[] {2, 3}, matrix.shape());
        assertEquals(6.0, matrix.get(1, 2));
        assertArrayEquals(rows, matrix.toMatrix());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, matrix.values());

        Tensor vector = Tensor.vector("b", DType.F64, new double[] {7, 8});
        assertArrayEquals(new double[] {7, 8}, vector.toVector());

        IllegalStateException notAMatrix = assertThrows(IllegalStateException.class, vector::toMatrix);
        assertEquals("tensor 'b' has shape [2], not a matrix", notAMatrix.getMessage());
        assertThrows(IllegalStateException.class, matrix::toVector);
        assertThrows(IllegalArgumentException.class,
                () -> Tensor.matrix("ragged", DType.F64, new double[][] {{1, 2}, {3}}));
    }

    @Test
    void factoriesRoundToTheType() {
        Tensor half = Tensor.vector("h", DType.F16, new double[] {0.1, 1 + Math.scalb(1.0, -11), 1e6});
        assertArrayEquals(new double[] {0.0999755859375, 1.0, Double.POSITIVE_INFINITY}, half.values());
        Tensor single = Tensor.vector("s", DType.F32, new double[] {0.1});
        assertEquals((double) 0.1f, single.get(0));
    }

    @Test
    void rejectsShapesThatDoNotHoldTheValues() {
        IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class,
                () -> Tensor.of("w", DType.F64, new int[] {2, 2}, new double[3]));
        assertEquals("tensor 'w': shape [2, 2] does not hold 3 values", mismatch.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> Tensor.of("w", DType.F64, new int[] {-1, -3}, new double[3]));
        assertEquals("tensor 'w': negative extent in shape [-1, -3]", negative.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Tensor.of("w", DType.F64, new int[] {1 << 16, 1 << 16, 1 << 16}, new double[0]));
    }

    @Test
    void isImmutable() {
        double[] values = {1, 2};
        int[] shape = {2};
        Tensor tensor = Tensor.of("v", DType.F64, shape, values);
        values[0] = 99;
        shape[0] = 1;
        tensor.values()[1] = 99;
        tensor.shape()[0] = 5;
        tensor.toVector()[0] = 99;
        assertArrayEquals(new double[] {1, 2}, tensor.values());
        assertArrayEquals(new int[] {2}, tensor.shape());
    }

    @Test
    void equalityCoversNameTypeShapeAndValues() {
        Tensor tensor = Tensor.vector("v", DType.F32, new double[] {1, Double.NaN});
        assertEquals(tensor, Tensor.vector("v", DType.F32, new double[] {1, Double.NaN}));
        assertEquals(tensor.hashCode(), Tensor.vector("v", DType.F32, new double[] {1, Double.NaN}).hashCode());
        assertNotEquals(tensor, Tensor.vector("u", DType.F32, new double[] {1, Double.NaN}));
        assertNotEquals(tensor, Tensor.vector("v", DType.F64, new double[] {1, Double.NaN}));
        assertNotEquals(tensor, Tensor.of("v", DType.F32, new int[] {1, 2}, new double[] {1, Double.NaN}));
        assertNotEquals(tensor, Tensor.vector("v", DType.F32, new double[] {2, Double.NaN}));
        assertEquals("v F32 [2]", tensor.toString());
    }
}
