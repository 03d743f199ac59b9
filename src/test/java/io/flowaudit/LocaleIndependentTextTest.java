package io.flowaudit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The same seed gives the same text on every machine: given no locale, String.format, printf, toLowerCase and
 * toUpperCase, DecimalFormat and the date formatters take the default one, which prints a number as "0,5" (German),
 * with Arabic-Indic or Thai digits, and lowercases "TITLE" to "tıtle" (Turkish). The sources name Locale.ROOT, on
 * the call's own line so that this scan sees it. JFreeChart's own formats are ChartsTest's.
 */
class LocaleIndependentTextTest {

    private static final Pattern LOCALE_DEPENDENT = Pattern.compile("\\.to(Lower|Upper)Case\\(\\)"
            + "|(String\\.format|\\.printf)\\((?!Locale\\.ROOT)|\\.formatted\\("
            + "|new DecimalFormat\\([^,()]*\\)|NumberFormat\\.get\\w*Instance\\(\\)"
            + "|DecimalFormatSymbols\\.getInstance\\(\\)"
            + "|DateTimeFormatter\\.ofPattern\\([^,()]*\\)|new SimpleDateFormat\\(");

    @Test
    void theSourcesFormatAndChangeCaseInTheRootLocale() throws IOException {
        assertEquals(List.of(), MainSources.linesCalling(LOCALE_DEPENDENT), "give these Locale.ROOT");
    }

    @Test
    void thePatternFindsCallsWithoutALocaleOnly() {
        for (String call : List.of("name().toLowerCase()", "String.format(\"%d\", n)", "out.printf(\"%.3g%n\", v)",
                "\"%s\".formatted(x)", "new DecimalFormat(\"0.0\")", "NumberFormat.getNumberInstance()",
                "DateTimeFormatter.ofPattern(\"yyyy\")")) {
            assertTrue(LOCALE_DEPENDENT.matcher(call).find(), call);
        }
        for (String call : List.of("name().toLowerCase(Locale.ROOT)", "String.format(Locale.ROOT, \"%d\", n)",
                "out.printf(Locale.ROOT, \"%d\", n)",
                "new DecimalFormat(\"0.0\", DecimalFormatSymbols.getInstance(Locale.ROOT))",
                "DateTimeFormatter.ofPattern(\"yyyy\", Locale.ROOT)", "Character.toLowerCase(c)")) {
            assertFalse(LOCALE_DEPENDENT.matcher(call).find(), call);
        }
    }
}
