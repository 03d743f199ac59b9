package io.flowaudit.verdict;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Parameters of an instance as a reader sees them: numbers in their shortest form ({@code 0.5}, {@code 1e-05}, {@code
 * 3}), vectors and matrices in brackets, settings and records as {@code name = value} lists. The report never shows
 * Java's own {@code toString} of a record or a map. Counts and durations as the console lines write them.
 */
public final class ValueText {

    /** Seventeen significant digits tell any two doubles apart. */
    private static final int MAX_DIGITS = 17;

    private ValueText() {
    }

    public static String text(Object value) {
        if (value instanceof Double number) {
            return number(number);
        }
        if (value instanceof Float number) {
            return number(number);
        }
        if (value instanceof double[] vector) {
            return Arrays.stream(vector).mapToObj(ValueText::number).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof double[][] matrix) {
            return Arrays.stream(matrix).map(ValueText::text).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(entry -> entry.getKey() + " = " + text(entry.getValue()))
                    .collect(Collectors.joining(", ", "(", ")"));
        }
        if (value instanceof Collection<?> items) {
            return items.stream().map(ValueText::text).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof Record record) {
            return Arrays.stream(record.getClass().getRecordComponents())
                    .map(component -> component.getName() + " = " + text(read(component, record)))
                    .collect(Collectors.joining(", ", "(", ")"));
        }
        return String.valueOf(value);
    }

    /** The shortest decimal that reads back to the same double, without Java's "1.0" and "1.0E-5". */
    public static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value).replace("E", "e");
    }

    /**
     * The fewest significant digits, at least {@code atLeast} and at most seventeen (which tell any two doubles apart),
     * at which {@code first} and {@code second} round to different decimals: printed so, an inequality between two
     * unequal values can be checked by whoever reads them. {@code atLeast} when they are equal or not finite.
     */
    public static int digitsToTellApart(double first, double second, int atLeast) {
        if (first == second || !Double.isFinite(first) || !Double.isFinite(second)) {
            return atLeast;
        }
        int digits = atLeast;
        while (digits < MAX_DIGITS && rounded(first, digits).compareTo(rounded(second, digits)) == 0) {
            digits++;
        }
        return digits;
    }

    /** The double's exact value (not its shortest decimal) rounded half-even to {@code digits} significant digits. */
    public static BigDecimal rounded(double value, int digits) {
        return new BigDecimal(value).round(new MathContext(digits, RoundingMode.HALF_EVEN));
    }

    /** {@code 1 claim}, {@code 2 claims}. */
    public static String count(int n, String singular) {
        return count(n, singular, singular + "s");
    }

    /** {@code 1 try}, {@code 2 tries}. */
    public static String count(int n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }

    /** A duration in seconds to a tenth: {@code 1.2 s}. */
    public static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private static Object read(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return "?";
        }
    }
}
