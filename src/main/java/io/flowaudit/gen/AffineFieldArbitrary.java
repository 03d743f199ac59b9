package io.flowaudit.gen;

import io.flowaudit.field.family.AffineField;
import org.apiguardian.api.API;

/**
 * Generates {@link AffineField}s {@code A x + b}: A of the drawn {@link LinearShape} scaled to the
 * drawn K, b with entries in [-1, 1] (or zero, see {@link #homogeneous()}).
 *
 * <p>Shrinks toward smaller D, K toward the lower end of its range, the shape toward
 * {@link LinearShape#IDENTITY_LIKE} and raw entries toward 0: a failure that does not need more
 * reads like {@code A = K I}, {@code b = 0} in the smallest dimension. Edge cases include the smallest
 * and largest D, K = 0 (the zero matrix) when the range allows it, and all-zero raw entries.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface AffineFieldArbitrary extends FieldArbitrary<AffineField, AffineFieldArbitrary> {

    /** Only these shapes, shrinking toward the first. */
    AffineFieldArbitrary shapes(LinearShape... shapes);

    /**
     * Only non-normal, upper-triangular matrices ({@link LinearShape#NON_NORMAL}), where mu exceeds the
     * spectral abscissa; dimensions below 2 are skipped.
     */
    AffineFieldArbitrary nonNormal();

    /** b = 0: the linear field {@code A x}. */
    AffineFieldArbitrary homogeneous();
}
