package io.flowaudit.num.interval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.num.ApfloatElement;
import io.flowaudit.num.ApfloatSystem;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every elementary function of {@link Dual} encloses its value and its derivative on a box, checked independently of
 * its chain rule: at the box's ends and middle, the function at 60 digits (apfloat) lies in the value enclosure,
 * and a central difference at 60 digits lies in the derivative's. Derived constants of a formula system rest on these
 * enclosures, and the formula language offers exp, log, sqrt, sin, cos, tanh, sigmoid and abs; the test covers those
 * and every other function Dual implements, each on three boxes [p, p + w] of 40-digit intervals (w = 0, 1e-6,
 * 1e-3) near both ends of its domain and inside it.
 *
 * <p>Slack, both relative to 1 + the value's size: 1e-50 for the point value (apfloat's own rounding at 60 digits,
 * a few units of 1e-59); 1e-30 for the difference quotient with step 1e-20: its truncation is step^2 |f'''|/6, at
 * most 1e-36 on these domains (kept away from the singularities: |f'''| is largest for 1/x at 0.1, 6e4), and its
 * rounding a few units of 1e-59 |f| / 1e-20, below 1e-37. A derivative off by a relative 1e-20 fails.
 */
class DualEnclosureProperties {

    private static final IntervalSystem INTERVALS = new IntervalSystem(40);
    private static final Dual.Variables VARIABLES = new Dual.Variables(INTERVALS, 1);
    private static final ApfloatSystem APFLOAT = new ApfloatSystem(60);
    private static final BigDecimal VALUE_SLACK = new BigDecimal("1e-50");
    private static final BigDecimal DERIVATIVE_SLACK = new BigDecimal("1e-30");
    private static final String STEP = "1e-20";

    /** A function, its Dual and apfloat forms, and a domain kept off its singularities. */
    record Function(String name, UnaryOperator<Dual> dual, UnaryOperator<ApfloatElement> reference, double lo,
            double hi) {

        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Function> FUNCTIONS = List.of(
            new Function("exp", Dual::exp, ApfloatElement::exp, -3, 3),
            new Function("expm1", Dual::expm1, ApfloatElement::expm1, -3, 3),
            new Function("log", Dual::log, ApfloatElement::log, 0.1, 5),
            new Function("log1p", Dual::log1p, ApfloatElement::log1p, -0.9, 5),
            new Function("sqrt", Dual::sqrt, ApfloatElement::sqrt, 0.1, 5),
            new Function("cbrt", Dual::cbrt, ApfloatElement::cbrt, 0.1, 5),
            new Function("rootN(5)", x -> x.rootN(5), x -> x.rootN(5), 0.1, 5),
            new Function("pow(2.5)", x -> x.pow(2.5), x -> x.pow(2.5), 0.1, 3),
            // 0.1 is no binary fraction: the double p - 1 is not the exact p - 1 (-0.9000000000000000222 against
            // -0.8999999999999999944), an error of 3e-17 |log x| in the derivative that an exact p rules out
            new Function("pow(0.1)", x -> x.pow(0.1), x -> x.pow(0.1), 0.1, 5),
            new Function("pow(3)", x -> x.pow(3), x -> x.pow(3), -3, 3),
            new Function("reciprocal", Dual::reciprocal, ApfloatElement::reciprocal, 0.1, 5),
            new Function("abs", Dual::abs, ApfloatElement::abs, -3, -0.1),
            new Function("sin", Dual::sin, ApfloatElement::sin, -4, 4),
            new Function("cos", Dual::cos, ApfloatElement::cos, -4, 4),
            new Function("tan", Dual::tan, ApfloatElement::tan, -1.4, 1.4),
            new Function("asin", Dual::asin, ApfloatElement::asin, -0.9, 0.9),
            new Function("acos", Dual::acos, ApfloatElement::acos, -0.9, 0.9),
            new Function("atan", Dual::atan, ApfloatElement::atan, -4, 4),
            new Function("sinh", Dual::sinh, ApfloatElement::sinh, -3, 3),
            new Function("cosh", Dual::cosh, ApfloatElement::cosh, -3, 3),
            new Function("tanh", Dual::tanh, ApfloatElement::tanh, -3, 3),
            new Function("asinh", Dual::asinh, ApfloatElement::asinh, -3, 3),
            new Function("acosh", Dual::acosh, ApfloatElement::acosh, 1.1, 5),
            new Function("atanh", Dual::atanh, ApfloatElement::atanh, -0.9, 0.9),
            new Function("hypot(x, 0.75)", x -> x.hypot(VARIABLES.fromDecimal("0.75")),
                    x -> x.hypot(APFLOAT.fromDecimal("0.75")), -3, 3),
            new Function("atan2(x, 0.5)", x -> x.atan2(VARIABLES.fromDecimal("0.5")),
                    x -> x.atan2(APFLOAT.fromDecimal("0.5")), -3, 3),
            new Function("pow(1.5, x)", x -> VARIABLES.fromDecimal("1.5").pow(x),
                    x -> APFLOAT.fromDecimal("1.5").pow(x), -3, 3));

    /** A function with a box [p, p + w] inside its domain. */
    record Box(Function function, BigDecimal start, BigDecimal width) {
    }

    /** Where in a function's domain a box starts (as a share of it, on three decimals), and its width. */
    private record Placement(double share, String width) {
    }

    /** Every function on three boxes: a point near each end and one inside, of widths 0, 1e-6 and 1e-3. */
    @Provide
    Arbitrary<Box> boxes() {
        List<Placement> placements = List.of(new Placement(0.02, "0"), new Placement(0.61, "1e-6"),
                new Placement(0.97, "1e-3"));
        return Arbitraries.of(FUNCTIONS).flatMap(function -> Arbitraries.of(placements).map(placement -> {
            double span = function.hi() - function.lo() - 1e-3;
            BigDecimal start = BigDecimal.valueOf(function.lo() + placement.share() * span)
                    .setScale(3, java.math.RoundingMode.HALF_EVEN);
            return new Box(function, start, new BigDecimal(placement.width()));
        }));
    }

    @Property(generation = GenerationMode.EXHAUSTIVE, seed = "20261129")
    void valueAndDerivativeEnclosed(@ForAll("boxes") Box box) {
        BigDecimal end = box.start().add(box.width());
        Dual image = box.function().dual().apply(VARIABLES.variable(0, INTERVALS.enclosing(box.start(), end)));
        BigDecimal middle = box.start().add(box.width().divide(BigDecimal.valueOf(2)));
        for (BigDecimal point : List.of(box.start(), middle, end)) {
            BigDecimal value = at(box.function(), point);
            assertEnclosed(image.value(), value, VALUE_SLACK, box + ": f(" + point + ")");
            BigDecimal step = new BigDecimal(STEP);
            BigDecimal slope = at(box.function(), point.add(step)).subtract(at(box.function(), point.subtract(step)))
                    .divide(step.multiply(BigDecimal.valueOf(2)), MathContext.DECIMAL128);
            assertEnclosed(image.partial(0), slope, DERIVATIVE_SLACK, box + ": f'(" + point + ")");
        }
    }

    private static BigDecimal at(Function function, BigDecimal x) {
        return new BigDecimal(function.reference().apply(APFLOAT.fromDecimal(x.toPlainString())).value().toString(false));
    }

    private static void assertEnclosed(Interval enclosure, BigDecimal value, BigDecimal relativeSlack, String what) {
        BigDecimal slack = relativeSlack.multiply(BigDecimal.ONE.add(value.abs()));
        assertTrue(enclosure.lo().subtract(slack).compareTo(value) <= 0
                && value.compareTo(enclosure.hi().add(slack)) <= 0, what + " = " + value + " outside " + enclosure);
    }
}
