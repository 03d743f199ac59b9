package io.flowaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.audit.ClaimCatalogue;
import io.flowaudit.claim.Claim;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class TheoryTest {

    private final String page = Theory.page();

    /** Every claim of the catalogue links to its own section: none to the page's top, none to a missing anchor. */
    @Test
    void everyTheoremOfTheCatalogueLinksToItsSection() {
        Map<String, String> sections = new TreeMap<>();
        for (Claim claim : Claim.readAll(ClaimCatalogue.read(List.of(Path.of("properties"))))) {
            String href = Theory.href(claim.check().theorem());
            assertTrue(href.startsWith(Theory.PAGE + "#"), claim.id() + ": " + href);
            String anchor = href.substring(Theory.PAGE.length() + 1);
            assertTrue(page.contains("id=\"" + anchor + "\""), claim.id() + " -> " + anchor);
            sections.put(claim.check().theorem(), anchor);
        }
        assertEquals("theorem-1", sections.get("Theorem 1 (uniform O(1/L) convergence)"));
        assertEquals("observed-order", sections.get(
                "Observed order of the layer map (Theorem 1's rate, p for Heun and RK4)"));
        assertEquals("structure-of-transformer-fields", sections.get("Structure (causal attention looks only backward)"));
        assertEquals("energy-on-the-sphere", sections.get(
                "Energy on the sphere: E_beta nondecreasing along SA and USA (V = A = I)"));
    }

    /** The longest heading that begins the line wins: Theorem 1's own section, not the Heun and RK4 one. */
    @Test
    void theLongestHeadingThatBeginsTheLineIsTheSection() {
        assertEquals("theory.html#theorem-1-for-heun-and-rk4", Theory.href("Theorem 1 for Heun and RK4 (a variant)"));
        assertEquals("theory.html#theorem-1", Theory.href("Theorem 1 (uniform O(1/L) convergence)"));
        assertEquals("theory.html", Theory.href("Nothing the document states"));
    }

    @Test
    void theMarkdownSubsetBecomesEscapedHtml() {
        String html = Theory.toHtml("""
                ## Theorem 1

                **Bound.** For `x < y` and *every* L:

                ```
                a <= b & c
                ```

                - one
                  continued
                - two
                """);

        assertEquals("""
                <h2 id="theorem-1">Theorem 1</h2>
                <p><strong>Bound.</strong> For <code>x &lt; y</code> and <em>every</em> L:</p>
                <pre>a &lt;= b &amp; c
                </pre>
                <ul>
                <li>one continued</li>
                <li>two</li>
                </ul>
                """, html);
    }
}
