package io.flowaudit.input;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decimal or scientific numbers as files and options write them ({@code 0.1}, {@code 3}, {@code 1e-3},
 * {@code .5}), read exactly and within {@link InputLimits}: a number that passes is a valid
 * {@link BigDecimal} and a finite double, so no later conversion can fail.
 */
public final class DecimalText {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private DecimalText() {
    }

    /** What is wrong with {@code text} as a number, if anything, as "expected ..." text. */
    public static Optional<String> problem(String text) {
        if (text.length() > InputLimits.MAX_NUMBER_LENGTH) {
            return Optional.of("a number of at most " + InputLimits.MAX_NUMBER_LENGTH + " characters, found one of "
                    + text.length());
        }
        if (!DECIMAL.matcher(text).matches()) {
            return Optional.of("a decimal number (such as 0.1, 3 or 1e-3)");
        }
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException exponentOverflowsAnInt) {
            return Optional.of(outOfRange());
        }
        // the decimal exponent of the leading digit: 1e300 has 300, 0.001 has -3
        long exponent = (long) value.precision() - value.scale() - 1;
        if (value.signum() != 0 && Math.abs(exponent) >= InputLimits.MAX_DECIMAL_EXPONENT) {
            return Optional.of(outOfRange());
        }
        return Optional.empty();
    }

    /** {@code text}'s exact value; call only when {@link #problem} is empty. */
    public static BigDecimal value(String text) {
        return new BigDecimal(text);
    }

    private static String outOfRange() {
        return "a number that is 0 or from 1e-" + (InputLimits.MAX_DECIMAL_EXPONENT - 1) + " to below 1e"
                + InputLimits.MAX_DECIMAL_EXPONENT + " in magnitude";
    }
}
