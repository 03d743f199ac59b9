package io.flowaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class TheoryTest {

    private final String page = Theory.page();

    @Test
    void everyTheoremAClaimNamesHasItsAnchor() {
        for (String theorem : List.of("Theorem 1 (uniform O(1/L) convergence)", "Theorem 2 (the leading error term)",
                "Theorem 3 (perturbations in the flow)", "Theorem 4 (perturbations across layers)",
                "Theorem 5 (perturbing the field)", "Observed order of the layer map",
                "Observed order of the layer map (Theorem 1's rate, p for Heun and RK4)", "Structure (causal attention looks only backward)",
                "The ODE view of a checkpoint (relative update size per layer)")) {
            String anchor = Theory.href(theorem).substring(Theory.PAGE.length() + 1);
            assertTrue(page.contains("id=\"" + anchor + "\""), theorem + " -> " + anchor);
        }
        assertEquals("theory.html#observed-order", Theory.href("Observed order of the layer map (Theorem 1's rate, p for Heun and RK4)"));
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
