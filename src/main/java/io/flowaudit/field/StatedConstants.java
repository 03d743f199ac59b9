package io.flowaudit.field;

import java.util.List;
import java.util.Optional;

/**
 * What testing an auditor's stated constants against the field found: for each constant, the value
 * stated, the largest value observed at the points tried, and where.
 *
 * @param points    how many points (or pairs of points) the constants were tried at
 * @param constants one entry per stated constant, in the order K, mu, M, K_t, region radius
 */
public record StatedConstants(int points, List<Constant> constants) {

    /**
     * @param name     the constant, e.g. {@code K (Lipschitz)}
     * @param stated   the value the auditor stated
     * @param observed the largest value seen, e.g. the largest difference quotient
     * @param witness  the points where it was seen, e.g. {@code t = 0, x = [1], y = [1.001]}
     * @param exceeded whether observed exceeds stated beyond the evaluation's rounding
     */
    public record Constant(String name, double stated, double observed, String witness, boolean exceeded) {
    }

    /** The first stated constant the field exceeds, if any: the claim's hypothesis is then refuted. */
    public Optional<Constant> firstExceeded() {
        return constants.stream().filter(Constant::exceeded).findFirst();
    }

    public Optional<Constant> named(String name) {
        return constants.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
