package io.flowaudit.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The histograms of what the tries covered, as the report shows them. */
class CoverageTest {

    private static List<String> quantities(Coverage coverage) {
        return coverage.histograms().stream().map(Histogram::quantity).toList();
    }

    /**
     * The real checkpoint's inputs carry the vacuous certificate (K = mu = infinity): a histogram of it would read as a
     * measured K of infinity beside the layers' certified K_k, so there is none; finite constants are binned.
     */
    @Test
    void aQuantityWithoutAFiniteValueHasNoHistogram() {
        Coverage vacuous = new Coverage();
        vacuous.add(new Coverage.Sample(6144, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 1, 28.3, 0));
        vacuous.add(new Coverage.Sample(3456, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 1, 31.9, 0));
        assertEquals(List.of("dimension D", "horizon T", "initial state |x0|"), quantities(vacuous));

        Coverage certified = new Coverage();
        certified.add(new Coverage.Sample(2, 1.5, -0.5, 1, 0.3, 8));
        certified.add(new Coverage.Sample(3, 2.5, 0.5, 2, 0.7, 16));
        assertEquals(List.of("dimension D", "Lipschitz constant K", "one-sided Lipschitz mu", "horizon T",
                "initial state |x0|", "depth L"), quantities(certified));
        assertEquals(8, certified.histograms().get(1).bins().size());
    }
}
