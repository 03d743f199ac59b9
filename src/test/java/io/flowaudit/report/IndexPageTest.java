package io.flowaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class IndexPageTest {

    private static final Pattern CLAIM_LINK = Pattern.compile("<a href=\"run-x/[^\"]+\">([^<]*)</a>");

    private final String index = IndexPage.render(ReportLayout.of(ReportFixtures.auditRun(), "run-x"));

    @Test
    void claimsThatMissedTheirExpectationComeFirstInCatalogueOrder() {
        List<String> titles = CLAIM_LINK.matcher(index).results().map(match -> match.group(1)).toList();

        assertEquals(List.of(
                "Softmax attention trajectories stay in the certified ball",
                "&lt;script&gt;alert(1)&lt;/script&gt;",
                "Euler layers converge uniformly at rate 1/L",
                "Contractive dynamics make perturbations decay across layers at every depth"), titles);
    }

    @Test
    void theHeaderTellsHowToReproduceTheRun() {
        assertTrue(index.contains("./flowaudit audit --seed 4242 properties/"));
        assertTrue(index.contains("2026-11-23 07:22:33 UTC"));
        assertTrue(index.contains("Linux 6.1 amd64, 2 cores, Java 17.0.15"));
        assertTrue(index.contains("apfloat 1.16.0 · flowaudit 0.1.0-SNAPSHOT · java 17.0.15 · jqwik 1.10.1"));
        assertTrue(index.contains("2 of 4 claims did not meet their expectation"));
    }

    @Test
    void eachRowShowsVerdictTriesSeedTimeAndHypothesisSpace() {
        String falsifiedRow = index.substring(index.indexOf("Contractive dynamics"));
        falsifiedRow = falsifiedRow.substring(0, falsifiedRow.indexOf("</tr>"));

        for (String cell : List.of("class=\"badge falsified\"", ">falsified<", ">met<", ">13<", ">7<", ">1234567<",
                ">2.1 s<", "depth L", "1..64")) {
            assertTrue(falsifiedRow.contains(cell), cell);
        }
    }

    @Test
    void hostileStringsAreShownAsText() {
        assertFalse(index.contains("<script"));
        assertFalse(index.contains("<b>id"));
        assertTrue(index.contains("hostile-&lt;b&gt;id&lt;/b&gt;"));
    }
}
