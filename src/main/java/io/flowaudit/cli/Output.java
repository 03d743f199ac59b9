package io.flowaudit.cli;

import io.flowaudit.field.VectorField;
import io.flowaudit.input.BadInputException;
import io.flowaudit.input.DecimalText;
import io.flowaudit.input.InputLimits;
import io.flowaudit.num.ApfloatElement;
import io.flowaudit.num.ApfloatSystem;
import io.flowaudit.num.NumberSystem;
import java.io.PrintWriter;
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

    static ApfloatElement time(ApfloatSystem numbers, String text) {
        if (DecimalText.problem(text).isEmpty() && DecimalText.value(text).signum() > 0) {
            return numbers.fromDecimal(text);
        }
        throw new BadInputException(null, "--t must be a positive decimal number from 1e-"
                + (InputLimits.MAX_DECIMAL_EXPONENT - 1) + " to below 1e" + InputLimits.MAX_DECIMAL_EXPONENT + ", got '"
                + text + "'");
    }

    /** {@code name = value}, one line per component. */
    static <T extends RealFieldElement<T>> void printState(PrintWriter out, VectorField field, NumberSystem<T> numbers,
            T[] state, int digits) {
        List<String> names = field.componentNames();
        for (int i = 0; i < state.length; i++) {
            out.println(names.get(i) + " = " + numbers.format(state[i], digits));
        }
    }

    static String estimate(double value) {
        return String.format(Locale.ROOT, "%.3e", value);
    }
}
