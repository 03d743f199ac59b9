package io.flowaudit.gen;

import io.flowaudit.field.Domain;
import io.flowaudit.field.DoubleDraws;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.arbitraries.DoubleArbitrary;

/** Settings every arbitrary of token fields has; {@link #DEFAULT} when none is configured. */
record TokenSettings(IntRange tokens, IntRange width, DoubleRange weights, DoubleRange initialRadius,
        DoubleRange horizon) {

    /** An inclusive integer range; arbitraries shrink towards its minimum. */
    record IntRange(int min, int max) {

        IntRange {
            if (min < 1 || min > max) {
                throw new IllegalArgumentException("need 1 <= min <= max, got [" + min + ", " + max + "]");
            }
        }

        Arbitrary<Integer> arbitrary() {
            return Arbitraries.integers().between(min, max);
        }
    }

    /** An inclusive double range; arbitraries shrink towards its value nearest 0. */
    record DoubleRange(double min, double max) {

        DoubleRange {
            if (!(min <= max) || !Double.isFinite(min) || !Double.isFinite(max)) {
                throw new IllegalArgumentException("need finite min <= max, got [" + min + ", " + max + "]");
            }
        }

        /** Values with {@code decimals} decimals, or as many as the end points need. */
        DoubleArbitrary arbitrary(int decimals) {
            return DoubleDraws.between(min, max, decimals);
        }
    }

    static final TokenSettings DEFAULT = new TokenSettings(new IntRange(Fields.MIN_TOKENS, Fields.MAX_TOKENS),
            new IntRange(Fields.MIN_WIDTH, Fields.MAX_WIDTH), new DoubleRange(Fields.MIN_WEIGHT, Fields.MAX_WEIGHT),
            new DoubleRange(Fields.TOKEN_INITIAL_RADIUS, Fields.TOKEN_INITIAL_RADIUS),
            new DoubleRange(Fields.TOKEN_HORIZON, Fields.TOKEN_HORIZON));

    Arbitrary<Domain> domains() {
        return Combinators.combine(initialRadius.arbitrary(6), horizon.arbitrary(6)).as(Domain::new);
    }

    /**
     * A matrix with entries from the weights range divided by sqrt(columns), for queries and keys: the zero matrix
     * is among its edge cases (all scores equal: uniform attention).
     */
    Arbitrary<double[][]> matrices(int rows, int columns) {
        return matrices(entries(rows, columns), rows, columns);
    }

    /**
     * The same for the maps a token's update passes through (values, the output projection, the FFN's two layers):
     * their zero matrix is not an edge case, since it makes the field identically zero or constant, where every
     * layer map is exact and a try tests nothing (it was 13 of the 30 tries of each attention family's uniform bound,
     * all vacuous). Random draws and shrinking still reach it.
     */
    Arbitrary<double[][]> updateMatrices(int rows, int columns) {
        return matrices(entries(rows, columns).edgeCases(edgeCases -> edgeCases.filter(flat -> !isConstant(flat, 0))),
                rows, columns);
    }

    /**
     * The same for the update maps that read a block's LayerNorm output (values, the FFN's first layer): no matrix
     * with all entries equal is an edge case either, since it maps every mean-free vector, a LayerNorm's output with
     * a constant gain and bias, to one vector, so that branch of the block is constant (6 of the 20 tries of the
     * block's observed order were exact, hence vacuous). Their edge case is instead the weight of largest magnitude on
     * a diagonal, which reads each component apart (without one, the block would have no edge cases at all: jqwik
     * combines them).
     */
    Arbitrary<double[][]> layerNormReaders(int rows, int columns) {
        double largest = Math.abs(weights.min()) > Math.abs(weights.max()) ? weights.min() : weights.max();
        double[] diagonal = new double[rows * columns];
        for (int r = 0; r < rows; r++) {
            diagonal[r * columns + r % columns] = largest;
        }
        return matrices(entries(rows, columns).edgeCases(edgeCases -> {
            edgeCases.filter(flat -> !isConstant(flat));
            edgeCases.add(diagonal);
        }), rows, columns);
    }

    private Arbitrary<double[]> entries(int rows, int columns) {
        return weights.arbitrary(3).array(double[].class).ofSize(rows * columns);
    }

    /** Whether every entry is {@code value}. */
    private static boolean isConstant(double[] entries, double value) {
        for (double entry : entries) {
            if (entry != value) {
                return false;
            }
        }
        return true;
    }

    /** Whether all entries are equal. */
    private static boolean isConstant(double[] entries) {
        return isConstant(entries, entries[0]);
    }

    private static Arbitrary<double[][]> matrices(Arbitrary<double[]> entries, int rows, int columns) {
        double scale = 1 / Math.sqrt(columns);
        return entries.map(flat -> {
            double[][] matrix = new double[rows][columns];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < columns; c++) {
                    matrix[r][c] = flat[r * columns + c] * scale;
                }
            }
            return matrix;
        });
    }

    /** A vector with entries from the weights range, plus {@code offset}. */
    Arbitrary<double[]> vectors(int length, double offset) {
        return weights.arbitrary(3).array(double[].class).ofSize(length).map(v -> {
            double[] shifted = v.clone();
            for (int k = 0; k < shifted.length; k++) {
                shifted[k] += offset;
            }
            return shifted;
        });
    }
}
