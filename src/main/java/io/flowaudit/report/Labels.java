package io.flowaudit.report;

import io.flowaudit.verdict.Expectation;
import io.flowaudit.verdict.ValueText;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the report words and formats values for a reader; the same words appear in the pages and in summary.json. */
final class Labels {

    /** Significant digits of a number shown alone. */
    private static final int DIGITS = 4;
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Labels() {
    }

    /**
     * observed/bound: four digits, except that a margin within rounding of 1 is written 1 + excess or 1 − shortfall, so
     * that a ratio past its bound never reads as a plain "1" beside a red mark, nor one within it as a tie.
     */
    static String margin(double margin) {
        String plain = number(margin);
        if (!plain.equals("1") || margin == 1) {
            return plain;
        }
        return margin > 1 ? "1 + " + number(margin - 1) : "1 − " + number(1 - margin);
    }

    /**
     * Two values compared with each other, each to as many significant digits (at least four, at most seventeen)
     * as it takes for unequal values to read unequal: a reader can then check an inequality printed between them.
     * Until 2026-11-30 both had four digits, and a plot's note read "observed 5.634e−4 > bound 5.634e−4".
     */
    static String[] distinct(double first, double second) {
        int digits = ValueText.digitsToTellApart(first, second, DIGITS);
        return new String[] {number(first, digits), number(second, digits)};
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * share);
    }

    static String expectation(Expectation expectation) {
        return expectation.name().toLowerCase(Locale.ROOT);
    }

    /** Four significant digits; plain between 10^-3 and 10^5, else with a power of ten (1.234e-7). */
    static String number(double value) {
        return number(value, DIGITS);
    }

    private static String number(double value, int digits) {
        if (Double.isNaN(value)) {
            return "undefined";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "∞" : "−∞";
        }
        if (value == 0) {
            return "0";
        }
        BigDecimal rounded = ValueText.rounded(value, digits).stripTrailingZeros();
        double magnitude = Math.abs(value);
        if (magnitude >= 1e-3 && magnitude < 1e5) {
            return minusSign(rounded.toPlainString());
        }
        int exponent = rounded.precision() - rounded.scale() - 1;
        BigDecimal mantissa = rounded.movePointLeft(exponent);
        return minusSign(mantissa.toPlainString() + "e" + exponent);
    }

    /** A typographic minus reads better than a hyphen in a report. */
    private static String minusSign(String number) {
        return number.replace('-', '−');
    }

    static String duration(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        if (millis < 3_600_000) {
            return String.format(Locale.ROOT, "%d min %02d s", duration.toMinutes(), duration.toSecondsPart());
        }
        return String.format(Locale.ROOT, "%d h %02d min", duration.toHours(), duration.toMinutesPart());
    }

    static String dateTime(Instant instant) {
        return DATE_TIME.format(instant);
    }
}
