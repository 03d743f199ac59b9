package io.flowaudit.gen;

import org.apiguardian.api.API;

/**
 * The ranges {@link Fields}' arbitraries draw from when a setting is not configured, written once: the
 * claim-file families of the audit show and use these same numbers as their defaults.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Defaults {

    /** State dimension D of the classic families. */
    public static final int MIN_DIMENSION = 1;
    public static final int MAX_DIMENSION = 8;
    /** Certified Lipschitz constant K of the classic families. */
    public static final double MIN_LIPSCHITZ = 0;
    public static final double MAX_LIPSCHITZ = 4;
    /** Hidden units H of an MLP. */
    public static final int MIN_HIDDEN_UNITS = 1;
    public static final int MAX_HIDDEN_UNITS = 6;
    /** Depth frequency omega of a time-dependent field. */
    public static final double MIN_FREQUENCY = 0.5;
    public static final double MAX_FREQUENCY = 4;
    /** Certified one-sided Lipschitz constant mu of a contractive field (negative). */
    public static final double MIN_CONTRACTION = -3;
    public static final double MAX_CONTRACTION = -0.1;

    /** Tokens n of the transformer families. */
    public static final int MIN_TOKENS = 1;
    public static final int MAX_TOKENS = 4;
    /** Token width d of the transformer families. */
    public static final int MIN_WIDTH = 1;
    public static final int MAX_WIDTH = 4;
    /** Weight entries before division by sqrt(fan-in). */
    public static final double MIN_WEIGHT = -1;
    public static final double MAX_WEIGHT = 1;
    /** Hidden width of a transformer's FFN. */
    public static final int MIN_FFN_HIDDEN = 1;
    public static final int MAX_FFN_HIDDEN = 8;

    private Defaults() {
    }
}
