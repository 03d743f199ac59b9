package io.flowaudit.gen;
import org.apiguardian.api.API;


/**
 * The structure of a generated linear field's matrix A, before it is scaled to the requested K.
 * R is the raw matrix of entries in [-1, 1], which shrinks toward 0.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum LinearShape {

    /** {@code I + R/(10 D)}: close to the identity, so mu is close to K (Gronwall's bound is nearly tight). */
    IDENTITY_LIKE,
    /** R itself: any matrix. */
    GENERAL,
    /**
     * {@code R - R^T}: a rotation, mu = 0 (norm-preserving flow); {@code E_12 - E_21} when that is
     * zero. In dimension 1 every skew matrix is zero, so [1] is used.
     */
    SKEW,
    /**
     * Upper triangular {@code T = -I + 10 E_12 + 5 (strictly upper part of R)}: every eigenvalue is
     * {@code -K/||T||} < 0 but mu > 0, the textbook gap between spectral abscissa and logarithmic
     * norm ({@code [[-1, 10], [0, -1]]} has mu = 4). Needs D >= 2.
     */
    NON_NORMAL;

    /**
     * The unscaled matrix of this shape from the raw entries (row-major, D x D); it is zero only for
     * {@link #GENERAL} (which {@link Recipe#unitNorm} replaces by {@code E_11}) and 1 x 1 {@link #SKEW}.
     */
    double[] matrix(int dimension, double[] raw) {
        double[] m = new double[dimension * dimension];
        if (this == SKEW && dimension >= 2 && isSymmetric(dimension, raw)) {
            m[1] = 1;
            m[dimension] = -1;
            return m;
        }
        for (int i = 0; i < dimension; i++) {
            for (int j = 0; j < dimension; j++) {
                double r = raw[i * dimension + j];
                switch (this) {
                    case IDENTITY_LIKE:
                        m[i * dimension + j] = (i == j ? 1 : 0) + r / (10.0 * dimension);
                        break;
                    case SKEW:
                        m[i * dimension + j] = r - raw[j * dimension + i];
                        break;
                    case NON_NORMAL:
                        m[i * dimension + j] = i == j ? -1 : i < j ? (i == 0 && j == 1 ? 10 : 0) + 5 * r : 0;
                        break;
                    default:
                        m[i * dimension + j] = r;
                }
            }
        }
        return m;
    }

    private static boolean isSymmetric(int dimension, double[] raw) {
        for (int i = 0; i < dimension; i++) {
            for (int j = 0; j < i; j++) {
                if (raw[i * dimension + j] != raw[j * dimension + i]) {
                    return false;
                }
            }
        }
        return true;
    }
}
