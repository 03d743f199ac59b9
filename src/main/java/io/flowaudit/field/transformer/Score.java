package io.flowaudit.field.transformer;

import io.flowaudit.field.Outward;
import org.apache.commons.math3.RealFieldElement;

/**
 * The score {@code s_ij} of query token i for key token j, from the projected query {@code q_i = Q x_i}
 * and key {@code k_j = K x_j} of one head of key width {@code d_k}.
 *
 * <p>For the certificates a score supplies, on the token ball {@code max_i |x_i| <= R}, three
 * sensitivities: {@code alpha >= ||d s_ij / d x_i||} (through the query), {@code beta >= ||d s_ij / d
 * x_j||} (through the key) and {@code tau >= |d s_ij / dt|} (through depth-varying weights).
 */
enum Score {

    /**
     * {@code s_ij = <q_i, k_j> / sqrt(d_k) = x_i^T A x_j} with {@code A = Q^T K / sqrt(d_k)}: so
     * {@code ds_ij/dx_i = A x_j}, {@code ds_ij/dx_j = A^T x_i}, both at most {@code ||A|| R}, and
     * {@code ds_ij/dt = x_i^T A'(t) x_j}, at most {@code ||A'|| R^2}. A query bias adds
     * {@link HeadNorms#keyFromQueryBias} to beta (see {@link SelfAttention}).
     */
    DOT_PRODUCT {
        @Override
        <T extends RealFieldElement<T>> T of(T[] queries, int queryOffset, T[] keys, int keyOffset, int keyWidth,
                T scale) {
            T sum = queries[queryOffset].multiply(keys[keyOffset]);
            for (int c = 1; c < keyWidth; c++) {
                sum = sum.add(queries[queryOffset + c].multiply(keys[keyOffset + c]));
            }
            return sum.multiply(scale);
        }

        @Override
        void row(double[] queries, int queryOffset, double[] keys, int keyOffset, int keyStride, int keyWidth,
                double scale, double[] row) {
            double first = queries[queryOffset];
            for (int j = 0, key = keyOffset; j < row.length; j++, key += keyStride) {
                double sum = first * keys[key];
                for (int c = 1; c < keyWidth; c++) {
                    sum += queries[queryOffset + c] * keys[key + c];
                }
                row[j] = sum * scale;
            }
        }

        @Override
        double querySensitivity(HeadNorms head, double radius) {
            return Outward.product(head.queryKey(), radius);
        }

        @Override
        double keySensitivity(HeadNorms head, double radius) {
            return Outward.sum(Outward.product(head.queryKey(), radius), head.keyFromQueryBias());
        }

        @Override
        double timeSensitivity(HeadNorms head, double radius) {
            return Outward.product(head.queryKeyRate(), radius, radius);
        }

        /** Scores lie in {@code [-||A|| R^2, ||A|| R^2]}. */
        @Override
        double spread(HeadNorms head, double radius) {
            return Outward.product(2, head.queryKey(), radius, radius);
        }

        @Override
        double magnitude(HeadNorms head, double radius) {
            return Outward.product(head.queryKey(), radius, radius);
        }
    },

    /**
     * L2 attention, {@code s_ij = -|q_i - k_j|^2 / sqrt(d_k)}: {@code ds_ij/dx_i = -2 Q^T (q_i - k_j) /
     * sqrt(d_k)} with {@code |q_i - k_j| <= (||Q|| + ||K||) R}, so {@code alpha = 2 ||Q|| (||Q|| + ||K||) R
     * / sqrt(d_k)} and likewise {@code beta} with {@code ||K||}; {@code ds_ij/dt = -2 (q_i - k_j)·(Q' x_i -
     * K' x_j) / sqrt(d_k)}, at most {@code 2 (||Q|| + ||K||)(||Q'|| + ||K'||) R^2 / sqrt(d_k)}.
     */
    NEGATIVE_SQUARED_DISTANCE {
        @Override
        <T extends RealFieldElement<T>> T of(T[] queries, int queryOffset, T[] keys, int keyOffset, int keyWidth,
                T scale) {
            T difference = queries[queryOffset].subtract(keys[keyOffset]);
            T sum = difference.multiply(difference);
            for (int c = 1; c < keyWidth; c++) {
                difference = queries[queryOffset + c].subtract(keys[keyOffset + c]);
                sum = sum.add(difference.multiply(difference));
            }
            return sum.multiply(scale).negate();
        }

        @Override
        void row(double[] queries, int queryOffset, double[] keys, int keyOffset, int keyStride, int keyWidth,
                double scale, double[] row) {
            for (int j = 0, key = keyOffset; j < row.length; j++, key += keyStride) {
                double difference = queries[queryOffset] - keys[key];
                double sum = difference * difference;
                for (int c = 1; c < keyWidth; c++) {
                    difference = queries[queryOffset + c] - keys[key + c];
                    sum += difference * difference;
                }
                row[j] = -(sum * scale);
            }
        }

        @Override
        double querySensitivity(HeadNorms head, double radius) {
            return Outward.quotient(Outward.product(2, head.query(), Outward.sum(head.query(), head.key()), radius),
                    Outward.sqrtBelow(head.keyWidth()));
        }

        @Override
        double keySensitivity(HeadNorms head, double radius) {
            return Outward.quotient(Outward.product(2, head.key(), Outward.sum(head.query(), head.key()), radius),
                    Outward.sqrtBelow(head.keyWidth()));
        }

        @Override
        double timeSensitivity(HeadNorms head, double radius) {
            return Outward.quotient(Outward.product(2, Outward.sum(head.query(), head.key()),
                    Outward.sum(head.queryRate(), head.keyRate()), radius, radius), Outward.sqrtBelow(head.keyWidth()));
        }

        /** Scores lie in {@code [-(||Q|| + ||K||)^2 R^2 / sqrt(d_k), 0]}. */
        @Override
        double spread(HeadNorms head, double radius) {
            double reach = Outward.product(Outward.sum(head.query(), head.key()), radius);
            return Outward.quotient(Outward.product(reach, reach), Outward.sqrtBelow(head.keyWidth()));
        }

        /** The scores are at most 0 and at least minus the spread. */
        @Override
        double magnitude(HeadNorms head, double radius) {
            return spread(head, radius);
        }
    };

    /** The score of the query at {@code queryOffset} against the key at {@code keyOffset}. */
    abstract <T extends RealFieldElement<T>> T of(T[] queries, int queryOffset, T[] keys, int keyOffset,
            int keyWidth, T scale);

    /**
     * The same in double, the same operations in the same order, for a whole row: the query at {@code queryOffset}
     * against the {@code row.length} keys at {@code keyOffset}, {@code keyOffset + keyStride}, ... (one call per row,
     * not per score: the quick compiler the audit runs on does not inline a method two constants override).
     */
    abstract void row(double[] queries, int queryOffset, double[] keys, int keyOffset, int keyStride, int keyWidth,
            double scale, double[] row);

    abstract double querySensitivity(HeadNorms head, double radius);

    abstract double keySensitivity(HeadNorms head, double radius);

    abstract double timeSensitivity(HeadNorms head, double radius);

    /**
     * An upper bound of {@code max s_ij - min s_ij} over every score on the token ball (so over one row, and over
     * one column).
     */
    abstract double spread(HeadNorms head, double radius);

    /** An upper bound of every {@code |s_ij|} on the token ball. */
    abstract double magnitude(HeadNorms head, double radius);
}
