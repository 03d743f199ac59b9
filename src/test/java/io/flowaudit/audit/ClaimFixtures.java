package io.flowaudit.audit;

/** Claim files the tests of reading and of hostile input start from, changing one setting each. */
public final class ClaimFixtures {

    /** A valid uniform-bound claim on small MLPs: three tries, a two-rung ladder (line 7 is {@code family: mlp}). */
    public static final String SMALL_MLP = String.join("\n",
            "title: a claim",
            "theorem: uniform-bound",
            "expect: holds",
            "tries: 3",
            "ladder: [16, 32]",
            "field:",
            "  family: mlp",
            "  dimension: [1, 2]",
            "");

    private ClaimFixtures() {
    }
}
