package io.flowaudit.verdict;

import java.util.List;

/** How often each value (or bin) of one generated quantity occurred: what the random search covered. */
public record Histogram(String quantity, List<Bin> bins) {

    public record Bin(String label, long count) {
    }
}
