package io.flowaudit.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small JSON serializer whose output depends only on the value: objects keep the iteration order of the map given
 * (callers pass ordered maps), numbers are written by {@link #number(double)}, indentation is fixed. Written by hand
 * because byte-stable output is the point, and a general-purpose library makes no such promise across versions.
 */
final class Json {

    private static final String INDENT = "  ";
    /** Decimal numbers from 10^-6 up to 10^15 read best without an exponent. */
    private static final BigDecimal PLAIN_FROM = new BigDecimal("1e-6");
    private static final BigDecimal PLAIN_BELOW = new BigDecimal("1e15");

    private Json() {
    }

    /**
     * Serializes a tree of {@code null}, String, Boolean, Integer, Long, Double, BigDecimal, Map (String keys) and
     * List, ending with a newline.
     */
    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        append(out, value, 0);
        return out.append('\n').toString();
    }

    /**
     * The shortest decimal that parses back to {@code value}, found from the exact binary value rather than
     * {@link Double#toString} (whose digits changed between JDK releases); {@code null} when not finite, as JSON has
     * no NaN or infinity.
     */
    static String number(double value) {
        if (!Double.isFinite(value)) {
            return "null";
        }
        if (value == 0) {
            return "0";
        }
        BigDecimal exact = new BigDecimal(value);
        BigDecimal shortest = exact;
        for (int digits = 1; digits <= 17; digits++) {
            BigDecimal rounded = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (rounded.doubleValue() == value) {
                shortest = rounded;
                break;
            }
        }
        shortest = shortest.stripTrailingZeros();
        BigDecimal magnitude = shortest.abs();
        boolean plain = magnitude.compareTo(PLAIN_FROM) >= 0 && magnitude.compareTo(PLAIN_BELOW) < 0;
        return plain ? shortest.toPlainString() : shortest.toString();
    }

    private static void append(StringBuilder out, Object value, int depth) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String text) {
            appendString(out, text);
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            out.append(value);
        } else if (value instanceof Double number) {
            out.append(number(number));
        } else if (value instanceof BigDecimal decimal) {
            out.append(decimal.toPlainString());
        } else if (value instanceof Map<?, ?> object) {
            appendObject(out, object, depth);
        } else if (value instanceof List<?> array) {
            appendArray(out, array, depth);
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    private static void appendObject(StringBuilder out, Map<?, ?> object, int depth) {
        if (object.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append('{');
        String separator = "\n";
        for (Map.Entry<?, ?> member : object.entrySet()) {
            out.append(separator);
            indent(out, depth + 1);
            appendString(out, (String) member.getKey());
            out.append(": ");
            append(out, member.getValue(), depth + 1);
            separator = ",\n";
        }
        out.append('\n');
        indent(out, depth);
        out.append('}');
    }

    /** Arrays of plain values (the long number series) stay on one line; arrays of objects get a line each. */
    private static void appendArray(StringBuilder out, List<?> array, int depth) {
        boolean flat = array.stream().noneMatch(element -> element instanceof Map || element instanceof List);
        out.append('[');
        String separator = flat ? "" : "\n";
        for (Object element : array) {
            out.append(separator);
            if (!flat) {
                indent(out, depth + 1);
            }
            append(out, element, depth + 1);
            separator = flat ? ", " : ",\n";
        }
        if (!flat && !array.isEmpty()) {
            out.append('\n');
            indent(out, depth);
        }
        out.append(']');
    }

    private static void appendString(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void indent(StringBuilder out, int depth) {
        out.append(INDENT.repeat(depth));
    }
}
