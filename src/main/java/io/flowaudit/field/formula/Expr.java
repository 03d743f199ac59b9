package io.flowaudit.field.formula;

import io.flowaudit.num.Scalars;
import org.apache.commons.math3.RealFieldElement;

/**
 * The syntax tree of a formula: small, immutable, and evaluated generically so the same tree runs in
 * double, in apfloat and on Taylor tapes. Literals keep their decimal text and become numbers only
 * in the number system they are evaluated in, so {@code 0.1} is exactly one tenth at any precision.
 *
 * <p>{@link #toString()} writes the tree back as a formula with every operation parenthesized;
 * parsing that text gives the same tree.
 */
sealed interface Expr {

    <T extends RealFieldElement<T>> T evaluate(T t, T[] x);

    /** A number as written, such as {@code 0.1} or {@code 1.5e-3} (never negative: a minus sign is a {@link Negate}). */
    record Literal(String decimalText) implements Expr {
        @Override
        public <T extends RealFieldElement<T>> T evaluate(T t, T[] x) {
            return Scalars.decimal(t, decimalText);
        }

        @Override
        public String toString() {
            return decimalText;
        }
    }

    /** State component {@code index}, named {@code name}. */
    record Variable(String name, int index) implements Expr {
        @Override
        public <T extends RealFieldElement<T>> T evaluate(T t, T[] x) {
            return x[index];
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** The time {@code t}. */
    record Time() implements Expr {
        @Override
        public <T extends RealFieldElement<T>> T evaluate(T t, T[] x) {
            return t;
        }

        @Override
        public String toString() {
            return "t";
        }
    }

    /** The constant {@code pi}, to the working precision. */
    record Pi() implements Expr {
        @Override
        public <T extends RealFieldElement<T>> T evaluate(T t, T[] x) {
            return Scalars.pi(t);
        }

        @Override
        public String toString() {
            return "pi";
        }
    }

    record Negate(Expr operand) implements Expr {
        @Override
        public <T extends RealFieldElement<T>> T evaluate(T t, T[] x) {
            return operand.evaluate(t, x).negate();
        }

        @Override
        public String toString() {
            return "(-" + operand + ")";
        }
    }

    /** {@code left op right}; a power whose exponent is an integer literal is an {@link IntegerPower} instead. */
    record Binary(Operator operator, Expr left, Expr right) implements Expr {
        @Override
        public <T extends RealFieldElement<T>> T evaluate(T t, T[] x) {
            return operator.apply(left.evaluate(t, x), right.evaluate(t, x));
        }

        @Override
        public String toString() {
            return "(" + left + " " + operator.symbol() + " " + right + ")";
        }
    }

    /**
     * {@code base ^ n} for an integer literal n: repeated multiplication, which is defined for a
     * negative base (unlike exp(n log base)) and exact on Taylor tapes.
     */
    record IntegerPower(Expr base, int exponent) implements Expr {
        @Override
        public <T extends RealFieldElement<T>> T evaluate(T t, T[] x) {
            return base.evaluate(t, x).pow(exponent);
        }

        @Override
        public String toString() {
            return "(" + base + " ^ " + exponent + ")";
        }
    }

    record Call(MathFunction function, Expr argument) implements Expr {
        @Override
        public <T extends RealFieldElement<T>> T evaluate(T t, T[] x) {
            return function.apply(argument.evaluate(t, x));
        }

        @Override
        public String toString() {
            return function + "(" + argument + ")";
        }
    }

    enum Operator {
        ADD("+"), SUBTRACT("-"), MULTIPLY("*"), DIVIDE("/"), POWER("^");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        String symbol() {
            return symbol;
        }

        <T extends RealFieldElement<T>> T apply(T left, T right) {
            return switch (this) {
                case ADD -> left.add(right);
                case SUBTRACT -> left.subtract(right);
                case MULTIPLY -> left.multiply(right);
                case DIVIDE -> left.divide(right);
                case POWER -> left.pow(right);
            };
        }
    }
}
