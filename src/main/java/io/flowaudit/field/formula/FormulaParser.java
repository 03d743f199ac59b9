package io.flowaudit.field.formula;

import io.flowaudit.input.DecimalText;
import io.flowaudit.input.InputLimits;
import io.flowaudit.num.ApfloatElement;
import io.flowaudit.num.ApfloatSystem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apfloat.ApfloatRuntimeException;

/**
 * Recursive-descent parser for the grammar in {@link Formula}. Hand-written because it is tiny and
 * every error must name the exact column and the offending token.
 *
 * <p>Formulas come from others, so the parser bounds what it builds ({@link InputLimits}): the length,
 * the depth of the tree (evaluation recurses that deep) and the size of constant exponents. Every
 * constant subexpression is computed once while parsing, so {@code 1/0}, {@code log(0)} or a constant
 * beyond double range is refused at its column instead of failing during a solve.
 */
final class FormulaParser {

    private enum Kind { NUMBER, NAME, PLUS, MINUS, STAR, SLASH, CARET, OPEN, CLOSE, END }

    /** A token and its 1-based column in the formula. */
    private record Token(Kind kind, String text, int column) {
        String describe() {
            return kind == Kind.END ? "end of formula" : "'" + text + "'";
        }
    }

    /**
     * A parsed subexpression starting at {@code column}, with the depth of its tree and its value when
     * it is constant (null otherwise).
     */
    private record Parsed(Expr expr, int column, int depth, ApfloatElement constant) {
    }

    private static final String OPERAND = "expected a number, variable, function or '('";

    /** Constant subexpressions are checked at this many digits. */
    private static final ApfloatSystem CONSTANTS = new ApfloatSystem(60);

    /** Constants other than 0 stay within 10^-this and 10^this in magnitude, so they are finite non-zero doubles too. */
    private static final double MAX_CONSTANT_LOG10 = InputLimits.MAX_DECIMAL_EXPONENT;

    private final String source;
    private final List<String> variables;
    private final FormulaOrigin origin;
    private final List<Token> tokens;
    private int position;
    private int nesting;

    FormulaParser(String source, List<String> variables, FormulaOrigin origin) {
        this.source = source;
        this.variables = variables;
        this.origin = origin;
        if (source.length() > InputLimits.MAX_FORMULA_LENGTH) {
            throw origin.error(1, "the formula has " + source.length() + " characters",
                    "the limit is " + InputLimits.MAX_FORMULA_LENGTH);
        }
        this.tokens = tokenize();
    }

    Expr parse() {
        Parsed expression = expression();
        if (peek().kind() != Kind.END) {
            throw unexpected(peek(), "expected an operator (+ - * / ^) or the end of the formula");
        }
        return expression.expr();
    }

    private Parsed expression() {
        Parsed left = term();
        while (peek().kind() == Kind.PLUS || peek().kind() == Kind.MINUS) {
            Token operator = next();
            left = binary(operator.kind() == Kind.PLUS ? Expr.Operator.ADD : Expr.Operator.SUBTRACT, left, term(),
                    operator);
        }
        return left;
    }

    private Parsed term() {
        Parsed left = unary();
        while (peek().kind() == Kind.STAR || peek().kind() == Kind.SLASH) {
            Token operator = next();
            left = binary(operator.kind() == Kind.STAR ? Expr.Operator.MULTIPLY : Expr.Operator.DIVIDE, left, unary(),
                    operator);
        }
        return left;
    }

    /** Every level of parentheses, minus signs and powers passes here: the parser's recursion is bounded too. */
    private Parsed unary() {
        if (++nesting > InputLimits.MAX_FORMULA_NESTING) {
            throw origin.error(peek().column(), "the formula is nested too deeply", "at most "
                    + InputLimits.MAX_FORMULA_NESTING + " parentheses, functions, signs and powers inside one another");
        }
        try {
            if (peek().kind() == Kind.MINUS) {
                Token minus = next();
                Parsed operand = unary();
                return node(new Expr.Negate(operand.expr()), minus.column(), operand,
                        () -> operand.constant().negate());
            }
            return power();
        } finally {
            nesting--;
        }
    }

    private Parsed power() {
        Parsed base = primary();
        if (peek().kind() != Kind.CARET) {
            return base;
        }
        Token caret = next();
        // the exponent is a unary: right-associative (2^3^2 = 2^9) and may start with a minus (x^-2)
        Parsed exponent = unary();
        if (exponent.constant() != null && Math.abs(exponent.constant().getReal()) > InputLimits.MAX_EXPONENT) {
            throw origin.error(exponent.column(), "exponent " + exponent.expr() + " is too large",
                    "constant exponents are at most " + InputLimits.MAX_EXPONENT + " in magnitude");
        }
        Optional<Integer> integer = integerLiteral(exponent.expr());
        if (integer.isPresent()) {
            int n = integer.get();
            return node(new Expr.IntegerPower(base.expr(), n), base.column(), base,
                    () -> withinRange(base.constant(), n) ? base.constant().pow(n) : null);
        }
        // computed as exp(y log base): a constant base at or below 0 is undefined whatever the exponent (the
        // Taylor tape computes log(base) once, up front, and failed there with a stack trace)
        if (base.constant() != null && exponent.constant() == null && base.constant().value().signum() <= 0) {
            throw origin.error(base.column(), "the power " + base.expr() + "^" + exponent.expr()
                    + " has a variable exponent and a base of " + base.constant().value().toString(true)
                    + ", computed as exp(exponent * log(base)), which is undefined",
                    "expected a base above 0, or an exponent written as an integer");
        }
        return binary(Expr.Operator.POWER, base, exponent, caret);
    }

    private Parsed primary() {
        Token token = next();
        switch (token.kind()) {
            case NUMBER:
                return new Parsed(new Expr.Literal(token.text()), token.column(), 1,
                        CONSTANTS.fromDecimal(token.text()));
            case OPEN: {
                Parsed inside = expression();
                expect(Kind.CLOSE, "expected ')'");
                return inside;
            }
            case NAME:
                return peek().kind() == Kind.OPEN ? call(token) : name(token);
            default:
                throw unexpected(token, OPERAND);
        }
    }

    private Parsed name(Token token) {
        String name = token.text();
        if (name.equals("t")) {
            return new Parsed(new Expr.Time(), token.column(), 1, null);
        }
        if (name.equals("pi")) {
            return new Parsed(new Expr.Pi(), token.column(), 1, CONSTANTS.pi());
        }
        int index = variables.indexOf(name);
        if (index >= 0) {
            return new Parsed(new Expr.Variable(name, index), token.column(), 1, null);
        }
        if (MathFunction.byFormulaName(name).isPresent()) {
            throw origin.error(token.column(), "function '" + name + "' without an argument",
                    "expected '(' after it");
        }
        List<String> known = Stream.concat(variables.stream(), Stream.of("t", "pi")).collect(Collectors.toList());
        throw origin.error(token.column(), "unknown variable '" + name + "'",
                "expected one of " + String.join(", ", known));
    }

    private Parsed call(Token nameToken) {
        MathFunction function = MathFunction.byFormulaName(nameToken.text()).orElseThrow(
                () -> origin.error(nameToken.column(), "unknown function '" + nameToken.text() + "'",
                        "expected one of " + String.join(", ", MathFunction.formulaNames())));
        expect(Kind.OPEN, "expected '('");
        Parsed argument = expression();
        expect(Kind.CLOSE, "expected ')' after the argument of " + function);
        return node(new Expr.Call(function, argument.expr()), nameToken.column(), argument,
                () -> function != MathFunction.EXP || withinRange(argument.constant().getReal() / StrictMath.log(10))
                        ? function.apply(argument.constant()) : null);
    }

    private Parsed binary(Expr.Operator operator, Parsed left, Parsed right, Token operatorToken) {
        Expr expr = new Expr.Binary(operator, left.expr(), right.expr());
        int depth = 1 + Math.max(left.depth(), right.depth());
        if (depth > InputLimits.MAX_FORMULA_DEPTH) {
            throw tooDeep(operatorToken.column());
        }
        if (left.constant() == null || right.constant() == null) {
            return new Parsed(expr, left.column(), depth, null);
        }
        // a power of constants could overflow apfloat's own range: estimate its size first
        boolean computable = operator != Expr.Operator.POWER || left.constant().value().signum() <= 0
                || withinRange(right.constant().getReal() * StrictMath.log10(left.constant().abs().getReal()));
        return constant(expr, left.column(), depth,
                computable ? () -> operator.apply(left.constant(), right.constant()) : () -> null);
    }

    /** A node with one operand, constant when the operand is. */
    private Parsed node(Expr expr, int column, Parsed operand, Supplier<ApfloatElement> value) {
        int depth = operand.depth() + 1;
        if (depth > InputLimits.MAX_FORMULA_DEPTH) {
            throw tooDeep(column);
        }
        return operand.constant() == null ? new Parsed(expr, column, depth, null) : constant(expr, column, depth, value);
    }

    /** {@code value} computes the constant, or gives null when it is known to be out of range. */
    private Parsed constant(Expr expr, int column, int depth, Supplier<ApfloatElement> value) {
        ApfloatElement constant;
        try {
            constant = value.get();
        } catch (ArithmeticException | ApfloatRuntimeException e) {
            throw origin.error(column, "the constant " + expr + " is undefined (" + e.getMessage() + ")", "");
        }
        if (constant == null || !withinRange(StrictMath.log10(constant.abs().getReal()))) {
            throw origin.error(column, "the constant " + expr + " is too large",
                    "constants stay below 1e" + InputLimits.MAX_DECIMAL_EXPONENT + " in magnitude");
        }
        // a tiny constant is 0 in double but not in the other number systems, and binary's exp refuses arguments
        // beyond 2^29 in magnitude: exp(-3e9) threw from the Taylor tape's constant node, a stack trace, not this line
        if (constant.value().signum() != 0 && !(StrictMath.log10(constant.abs().getReal()) > -MAX_CONSTANT_LOG10)) {
            throw origin.error(column, "the constant " + expr + " is too small",
                    "constants other than 0 stay above 1e-" + InputLimits.MAX_DECIMAL_EXPONENT + " in magnitude");
        }
        return new Parsed(expr, column, depth, constant);
    }

    /** Whether the power base^n stays in range, judged from the base's size before computing it. */
    private static boolean withinRange(ApfloatElement base, int n) {
        return base.value().signum() == 0 || withinRange(n * StrictMath.log10(base.abs().getReal()));
    }

    private static boolean withinRange(double log10Magnitude) {
        // -infinity (zero) and tiny values are fine; NaN cannot occur for the finite constants admitted
        return log10Magnitude < MAX_CONSTANT_LOG10;
    }

    private RuntimeException tooDeep(int column) {
        return origin.error(column, "the formula is nested too deeply", "at most " + InputLimits.MAX_FORMULA_DEPTH
                + " levels (each parenthesis, function, sign, power and term of a sum or product is one)");
    }

    /** The value of an integer literal, possibly negated, that fits in an int; empty for anything else. */
    private static Optional<Integer> integerLiteral(Expr exponent) {
        return literalValue(exponent)
                // more than ten integer digits cannot fit an int (and would be costly to expand)
                .filter(value -> value.precision() - value.scale() <= 10)
                .flatMap(value -> {
                    try {
                        return Optional.of(value.intValueExact());
                    } catch (ArithmeticException notAnInt) {
                        return Optional.empty();
                    }
                });
    }

    private static Optional<BigDecimal> literalValue(Expr expr) {
        if (expr instanceof Expr.Literal) {
            return Optional.of(DecimalText.value(((Expr.Literal) expr).decimalText()));
        }
        if (expr instanceof Expr.Negate) {
            return literalValue(((Expr.Negate) expr).operand()).map(BigDecimal::negate);
        }
        return Optional.empty();
    }

    private Token peek() {
        return tokens.get(position);
    }

    private Token next() {
        Token token = tokens.get(position);
        if (token.kind() != Kind.END) {
            position++;
        }
        return token;
    }

    private void expect(Kind kind, String expectation) {
        if (peek().kind() != kind) {
            throw unexpected(peek(), expectation);
        }
        next();
    }

    private RuntimeException unexpected(Token token, String expectation) {
        return origin.error(token.column(), "unexpected " + token.describe(), expectation);
    }

    private List<Token> tokenize() {
        List<Token> result = new ArrayList<>();
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            int column = i + 1;
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                i++;
            } else if (isDigit(c) || (c == '.' && i + 1 < source.length() && isDigit(source.charAt(i + 1)))) {
                int end = numberEnd(i);
                String number = source.substring(i, end);
                DecimalText.problem(number).ifPresent(expected -> {
                    throw origin.error(column, "number '" + number + "' out of bounds", "expected " + expected);
                });
                result.add(new Token(Kind.NUMBER, number, column));
                i = end;
            } else if (isNameStart(c)) {
                int end = i + 1;
                while (end < source.length() && (isNameStart(source.charAt(end)) || isDigit(source.charAt(end)))) {
                    end++;
                }
                result.add(new Token(Kind.NAME, source.substring(i, end), column));
                i = end;
            } else {
                Kind kind = symbol(c);
                if (kind == null) {
                    throw origin.error(column, "unexpected character '" + c + "'",
                            "formulas use numbers, names, + - * / ^ and parentheses");
                }
                result.add(new Token(kind, String.valueOf(c), column));
                i++;
            }
        }
        // the end sits right after the last token, not after trailing blanks or a block scalar's newline
        result.add(new Token(Kind.END, "", source.stripTrailing().length() + 1));
        return result;
    }

    /** The end of the number starting at {@code start}: digits, an optional fraction, an optional exponent. */
    private int numberEnd(int start) {
        int end = digitsEnd(start);
        if (end < source.length() && source.charAt(end) == '.') {
            end = digitsEnd(end + 1);
        }
        if (end < source.length() && (source.charAt(end) == 'e' || source.charAt(end) == 'E')) {
            int exponentDigits = end + 1;
            if (exponentDigits < source.length()
                    && (source.charAt(exponentDigits) == '+' || source.charAt(exponentDigits) == '-')) {
                exponentDigits++;
            }
            int exponentEnd = digitsEnd(exponentDigits);
            if (exponentEnd == exponentDigits) {
                throw origin.error(start + 1, "malformed number '" + source.substring(start, exponentDigits) + "'",
                        "expected digits after the exponent mark");
            }
            end = exponentEnd;
        }
        return end;
    }

    private int digitsEnd(int start) {
        int end = start;
        while (end < source.length() && isDigit(source.charAt(end))) {
            end++;
        }
        return end;
    }

    // ASCII only: the same names a system file may declare (Formula.variableNameProblem)
    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static Kind symbol(char c) {
        switch (c) {
            case '+':
                return Kind.PLUS;
            case '-':
                return Kind.MINUS;
            case '*':
                return Kind.STAR;
            case '/':
                return Kind.SLASH;
            case '^':
                return Kind.CARET;
            case '(':
                return Kind.OPEN;
            case ')':
                return Kind.CLOSE;
            default:
                return null;
        }
    }
}
