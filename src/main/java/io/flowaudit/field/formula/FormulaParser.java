package io.flowaudit.field.formula;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Recursive-descent parser for the grammar in {@link Formula}. Hand-written because it is tiny and
 * every error must name the exact column and the offending token.
 */
final class FormulaParser {

    private enum Kind { NUMBER, NAME, PLUS, MINUS, STAR, SLASH, CARET, OPEN, CLOSE, END }

    /** A token and its 1-based column in the formula. */
    private record Token(Kind kind, String text, int column) {
        String describe() {
            return kind == Kind.END ? "end of formula" : "'" + text + "'";
        }
    }

    private static final String OPERAND = "expected a number, variable, function or '('";

    private final String source;
    private final List<String> variables;
    private final FormulaOrigin origin;
    private final List<Token> tokens;
    private int position;

    FormulaParser(String source, List<String> variables, FormulaOrigin origin) {
        this.source = source;
        this.variables = variables;
        this.origin = origin;
        this.tokens = tokenize();
    }

    Expr parse() {
        Expr expression = expression();
        if (peek().kind() != Kind.END) {
            throw unexpected(peek(), "expected an operator (+ - * / ^) or the end of the formula");
        }
        return expression;
    }

    private Expr expression() {
        Expr left = term();
        while (peek().kind() == Kind.PLUS || peek().kind() == Kind.MINUS) {
            Expr.Operator operator = next().kind() == Kind.PLUS ? Expr.Operator.ADD : Expr.Operator.SUBTRACT;
            left = new Expr.Binary(operator, left, term());
        }
        return left;
    }

    private Expr term() {
        Expr left = unary();
        while (peek().kind() == Kind.STAR || peek().kind() == Kind.SLASH) {
            Expr.Operator operator = next().kind() == Kind.STAR ? Expr.Operator.MULTIPLY : Expr.Operator.DIVIDE;
            left = new Expr.Binary(operator, left, unary());
        }
        return left;
    }

    private Expr unary() {
        if (peek().kind() == Kind.MINUS) {
            next();
            return new Expr.Negate(unary());
        }
        return power();
    }

    private Expr power() {
        Expr base = primary();
        if (peek().kind() != Kind.CARET) {
            return base;
        }
        next();
        // the exponent is a unary: right-associative (2^3^2 = 2^9) and may start with a minus (x^-2)
        Expr exponent = unary();
        Optional<Integer> integer = integerLiteral(exponent);
        return integer.isPresent() ? new Expr.IntegerPower(base, integer.get())
                : new Expr.Binary(Expr.Operator.POWER, base, exponent);
    }

    private Expr primary() {
        Token token = next();
        switch (token.kind()) {
            case NUMBER:
                return new Expr.Literal(token.text());
            case OPEN: {
                Expr inside = expression();
                expect(Kind.CLOSE, "expected ')'");
                return inside;
            }
            case NAME:
                return peek().kind() == Kind.OPEN ? call(token) : name(token);
            default:
                throw unexpected(token, OPERAND);
        }
    }

    private Expr name(Token token) {
        String name = token.text();
        if (name.equals("t")) {
            return new Expr.Time();
        }
        if (name.equals("pi")) {
            return new Expr.Pi();
        }
        int index = variables.indexOf(name);
        if (index >= 0) {
            return new Expr.Variable(name, index);
        }
        if (MathFunction.byFormulaName(name).isPresent()) {
            throw origin.error(token.column(), "function '" + name + "' without an argument",
                    "expected '(' after it");
        }
        List<String> known = Stream.concat(variables.stream(), Stream.of("t", "pi")).collect(Collectors.toList());
        throw origin.error(token.column(), "unknown variable '" + name + "'",
                "expected one of " + String.join(", ", known));
    }

    private Expr call(Token nameToken) {
        MathFunction function = MathFunction.byFormulaName(nameToken.text()).orElseThrow(
                () -> origin.error(nameToken.column(), "unknown function '" + nameToken.text() + "'",
                        "expected one of " + String.join(", ", MathFunction.formulaNames())));
        expect(Kind.OPEN, "expected '('");
        Expr argument = expression();
        expect(Kind.CLOSE, "expected ')' after the argument of " + function);
        return new Expr.Call(function, argument);
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
            return Optional.of(new BigDecimal(((Expr.Literal) expr).decimalText()));
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
                result.add(new Token(Kind.NUMBER, source.substring(i, end), column));
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
