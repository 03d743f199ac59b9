package io.flowaudit.cli;

import io.flowaudit.field.VectorField;
import io.flowaudit.input.BadInputException;
import io.flowaudit.input.DecimalText;
import io.flowaudit.input.InputLimits;
import io.flowaudit.num.NumberSystem;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.RealFieldElement;

/** Formatting and option parsing shared by {@code solve} and {@code layers}. */
final class Output {

    private Output() {
    }

    static void requireDigits(int digits) {
        if (digits < 1 || digits > 1000) {
            throw new BadInputException(null, "--digits must be between 1 and 1000, got " + digits);
        }
    }

    static NumberSystem<?> precision(String text) {
        if (text.equals("double")) {
            return NumberSystem.parse(text);
        }
        try {
            int digits = Integer.parseInt(text);
            if (digits >= 2 && digits <= 1000) {
                return NumberSystem.parse(text);
            }
        } catch (NumberFormatException e) {
            // reported below with what was expected
        }
        throw new BadInputException(null, "--precision must be double or a number of digits from 2 to 1000, got '"
                + text + "'");
    }

    static <T extends RealFieldElement<T>> T time(NumberSystem<T> numbers, String text) {
        if (DecimalText.problem(text).isEmpty() && DecimalText.value(text).signum() > 0) {
            return numbers.fromDecimal(text);
        }
        throw new BadInputException(null, "--t must be a positive decimal number from 1e-"
                + (InputLimits.MAX_DECIMAL_EXPONENT - 1) + " to below 1e" + InputLimits.MAX_DECIMAL_EXPONENT + ", got '"
                + text + "'");
    }

    /**
     * {@code name = value}, one line per component; returns the largest difference between a printed
     * value and the value it stands for (the rounding of the last printed digit), computed exactly.
     */
    static <T extends RealFieldElement<T>> double printState(PrintWriter out, VectorField field, NumberSystem<T> numbers,
            T[] state, int digits) {
        List<String> names = field.componentNames();
        double printingError = 0;
        for (int i = 0; i < state.length; i++) {
            String printed = numbers.format(state[i], digits);
            out.println(names.get(i) + " = " + printed);
            printingError = Math.max(printingError,
                    Math.abs(numbers.fromDecimal(printed).subtract(state[i]).getReal()));
        }
        return printingError;
    }

    static <T extends RealFieldElement<T>> double maxAbs(T[] state) {
        double max = 0;
        for (T value : state) {
            max = Math.max(max, Math.abs(value.getReal()));
        }
        return max;
    }

    /** Four significant digits, rounded up, so the printed figure is still a bound. */
    static String estimateRoundedUp(double value) {
        if (value == 0) {
            return estimate(0);
        }
        BigDecimal up = new BigDecimal(value).round(new MathContext(4, RoundingMode.UP));
        return estimate(up.doubleValue() >= value ? up.doubleValue() : Math.nextUp(up.doubleValue()));
    }

    /**
     * A proved bound, four significant digits rounded up from its exact decimal: through doubleValue(), which rounds to
     * nearest, 1e-332 printed as a bound of 0 and a bound just above a four-digit double printed below itself.
     */
    static String boundRoundedUp(BigDecimal value) {
        if (value.signum() == 0) {
            return estimate(0);
        }
        return String.format(Locale.ROOT, "%.3e", value.round(new MathContext(4, RoundingMode.UP)));
    }

    static String estimate(double value) {
        return String.format(Locale.ROOT, "%.3e", value);
    }
}
