package io.flowaudit.verdict;

import java.util.Map;

/**
 * The shrunk counterexample of a falsified claim, in full.
 *
 * @param description   the field in words or formulas, e.g. {@code F(x) = -3.5 x, D = 1}
 * @param parameters    every parameter of the instance (weights, initial states, depth), as text
 * @param observed      the observed value, e.g. {@code max_l |x_l - x(t_l)| = 0.0123}
 * @param bound         the claimed bound it exceeds, e.g. {@code C/L = 0.0100}
 * @param shrinkSteps   how many shrinking steps led from the first failure to this one
 * @param shrinkBudgetSpent whether shrinking stopped at its budget of checks while a nearer candidate might still
 *                      refute the claim: then a smaller counterexample may exist. False when shrinking ended because
 *                      none of jqwik's nearer candidates refutes it, and when it did not run (a refuted hypothesis is
 *                      shown as found)
 */
public record Counterexample(String description, Map<String, String> parameters, String observed, String bound,
        int shrinkSteps, boolean shrinkBudgetSpent) {

    /** The shrinking in words: its steps, and whether the budget stopped it. */
    public String shrinking() {
        return ValueText.count(shrinkSteps, "step")
                + (shrinkBudgetSpent ? " (stopped at the budget of checks: a smaller counterexample may exist)" : "");
    }
}
