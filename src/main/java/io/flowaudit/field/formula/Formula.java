package io.flowaudit.field.formula;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.commons.math3.RealFieldElement;

/**
 * A component formula such as {@code x*(1 - x)}: its source text, the variable names it was parsed
 * against (their order gives each variable's index in the state), and its syntax tree.
 *
 * <p>Grammar, loosest binding first ({@code ^} binds tighter than unary minus and groups to the
 * right, so {@code -x^2} is {@code -(x^2)}, {@code 2^3^2} is 512 and {@code x^-2} is {@code x^(-2)}):
 * <pre>
 * expression := term (('+' | '-') term)*
 * term       := unary (('*' | '/') unary)*
 * unary      := '-' unary | power
 * power      := primary ('^' unary)?
 * primary    := number | 't' | 'pi' | variable | function '(' expression ')' | '(' expression ')'
 * number     := digits ['.' digits] [('e' | 'E') ['+' | '-'] digits]   (also .5 and 5.)
 * function   := exp | log | sqrt | sin | cos | tanh | sigmoid | abs
 * </pre>
 */
record Formula(String source, List<String> variables, Expr root) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public Formula {
        variables = List.copyOf(variables);
    }

    /** Parses {@code source}; errors say the column within {@code source}. */
    public static Formula parse(String source, List<String> variables) {
        return parse(source, variables, FormulaOrigin.standalone());
    }

    /** Parses {@code source}; errors are placed by {@code origin}. */
    public static Formula parse(String source, List<String> variables, FormulaOrigin origin) {
        variables.forEach(name -> variableNameProblem(name).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        }));
        return new Formula(source, variables, new FormulaParser(source, variables, origin).parse());
    }

    public <T extends RealFieldElement<T>> T evaluate(T t, T[] x) {
        return root.evaluate(t, x);
    }

    /**
     * Why {@code name} cannot name a state variable, if it cannot: it must be an identifier and must
     * not be {@code t}, {@code pi} or a function name, which formulas already give a meaning.
     */
    static Optional<String> variableNameProblem(String name) {
        if (!NAME.matcher(name).matches()) {
            return Optional.of("'" + name + "' is not a valid variable name: use letters, digits and '_',"
                    + " starting with a letter or '_'");
        }
        if (name.equals("t")) {
            return Optional.of("'t' cannot name a variable: it is the time");
        }
        if (name.equals("pi")) {
            return Optional.of("'pi' cannot name a variable: it is the constant pi");
        }
        if (MathFunction.byFormulaName(name).isPresent()) {
            return Optional.of("'" + name + "' cannot name a variable: it is a function");
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return source;
    }
}
