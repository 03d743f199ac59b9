package io.flowaudit.input;

/**
 * Every limit on what an input file may ask for, checked while the file is read so that hostile or
 * mistaken input is refused before any work starts. Each limit is in the README's limits table with
 * its default; the work budget of the reference solver is {@code flow.WorkBudget}.
 */
public final class InputLimits {

    /** Largest claim or system file read, in bytes (the YAML code-point limit is the same number). */
    public static final int MAX_FILE_BYTES = 1 << 20;

    /**
     * Largest partial summary read by {@code merge}, in bytes: a shard writes about 70 bytes a try of each claim
     * (its margin and binned coverage values), so this holds 10^5 tries of each of 150 claims in one shard.
     */
    public static final int MAX_PARTIAL_SUMMARY_BYTES = 1 << 30;

    /** Deepest nesting of YAML lists and mappings. */
    public static final int MAX_YAML_NESTING = 32;

    /** Most aliases ({@code *name}) in one YAML file: every alias can multiply the document's size. */
    public static final int MAX_YAML_ALIASES = 50;

    /** Longest number written in a file or formula, in characters. */
    public static final int MAX_NUMBER_LENGTH = 400;

    /**
     * Numbers other than 0 lie between {@code 10^-MAX_DECIMAL_EXPONENT} and {@code 10^MAX_DECIMAL_EXPONENT}
     * in magnitude, so that they are finite, non-zero doubles too.
     */
    public static final int MAX_DECIMAL_EXPONENT = 300;

    /** Longest formula, in characters. */
    public static final int MAX_FORMULA_LENGTH = 10_000;

    /**
     * Deepest formula: each parenthesis, function call, minus sign, power, and each term of a sum or
     * product adds a level; evaluation recurses this deep.
     */
    public static final int MAX_FORMULA_DEPTH = 500;

    /**
     * Deepest nesting of parentheses, function calls, minus signs and powers inside one another (terms of a sum or
     * product do not nest): the parser recurses about six frames a level, so 200 levels need a fifth of the
     * launcher's 1 MiB stack; 500 overflowed it in one state of the compiled code (fuzzing, 2026-12-02).
     */
    public static final int MAX_FORMULA_NESTING = 200;

    /** Largest magnitude of a constant exponent ({@code x^1000}, {@code x^-2.5}). */
    public static final int MAX_EXPONENT = 1000;

    /** Most state variables of a system file. */
    public static final int MAX_VARIABLES = 64;

    /** Largest depth L: ladder rungs, {@code depth} ranges and {@code layers --layers}. */
    public static final int MAX_LAYERS = 65_536;

    /** Most tries per claim a claim file asks for ({@code tries:}): a file written by others sets no day-long run. */
    public static final int MAX_TRIES = 100_000;

    /**
     * Most tries per claim a run asks for ({@code --tries}, {@code flowaudit.tries}, and a file's {@code max-tries}
     * that caps them): the operator's own choice, which {@code --shard K/N} spreads over machines; a claim's tallies
     * are bounded whatever its tries ({@code verdict.Distribution}), and try indices stay far below 2^31.
     */
    public static final int MAX_RUN_TRIES = 10_000_000;

    /** Largest integer setting of a field family (dimension, tokens, widths, hidden units, heads, rounds). */
    public static final int MAX_FAMILY_SIZE = 32;

    /** Most tokens of a weights claim. */
    public static final int MAX_TOKENS = 32;

    /**
     * Most rows or columns of a weights claim's role tensor. Each try certifies the layer with dense SVDs and
     * eigendecompositions of width x width matrices, O(width^3): one try of a uniform-bound attention claim took 25 s
     * of CPU at width 384 (2 tokens) and more than 9 minutes at 1024 (a 6 MB file), so a file of a few megabytes could
     * hold an audit for hours.
     */
    public static final int MAX_WEIGHTS_EXTENT = 256;

    /**
     * Most numbers in a weights claim's state, tokens x width: the generated families' largest (32 tokens of width 32).
     * The reference records every operation of the field on a Taylor tape before its first step, which no work budget
     * bounds: 32 tokens of width 512 (a 3 MB file) filled a 6 GB heap within 4 minutes; 4 tokens of width 256 take
     * 17 s of CPU and 0.9 GB for one try.
     */
    public static final int MAX_WEIGHTS_STATE = 1024;

    private InputLimits() {
    }
}
