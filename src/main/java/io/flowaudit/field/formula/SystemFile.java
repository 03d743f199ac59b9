package io.flowaudit.field.formula;

import io.flowaudit.field.FieldEvaluationException;
import io.flowaudit.input.BadInputException;
import io.flowaudit.input.InputLimits;
import io.flowaudit.input.YamlDocument;
import io.flowaudit.input.YamlNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Reads a system file, an initial-value problem written as YAML:
 * <pre>
 * name: logistic
 * variables: [x]        # state components, in order
 * field:
 *   x: x*(1 - x)         # formula per component; t is time
 * initial:
 *   x: 0.1
 * horizon: 3
 * </pre>
 * Numbers are read from their text, exactly. Every problem is a
 * {@link io.flowaudit.input.BadInputException} with the file and line (and the column of a
 * formula error).
 */
public final class SystemFile {

    private static final List<String> KEYS = List.of("name", "variables", "field", "initial", "horizon");

    private SystemFile() {
    }

    /**
     * A system with the places in its file that a failure while solving it points at: each
     * component's formula and the horizon.
     */
    public record Located(FormulaSystem system, Map<String, YamlNode> formulas, YamlNode horizon) {

        /**
         * {@code failure} while solving this system, as bad input at the file position it concerns: a
         * component that stops being finite at its formula, a solve that exceeds its work budget at the
         * horizon it could not reach.
         */
        public BadInputException inputError(RuntimeException failure) {
            YamlNode at = failure instanceof FieldEvaluationException
                    ? formulas.getOrDefault(((FieldEvaluationException) failure).component(), horizon) : horizon;
            return at.error(failure.getMessage());
        }
    }

    public static FormulaSystem load(Path file) {
        return locate(file).system();
    }

    /** The system in {@code file}, with the positions of its formulas and horizon. */
    public static Located locate(Path file) {
        return read(YamlDocument.load(file));
    }

    /** Reads system-file {@code text}; {@code displayName} stands for the file in error messages. */
    public static FormulaSystem parse(String text, String displayName) {
        return read(YamlDocument.parse(text, displayName)).system();
    }

    private static Located read(YamlNode root) {
        root.requireMapping().requireKeysAmong(KEYS);
        String name = root.require("name", "the system's name").text();
        List<String> variables = variables(root.require("variables", "the list of state variables, such as [x, y]"));
        Map<String, YamlNode> formulaNodes = new HashMap<>();
        List<Formula> formulas = perVariable(root.require("field", "a formula for each variable, such as  x: x*(1 - x)"),
                variables, "formula", (variable, node) -> {
                    formulaNodes.put(variable, node);
                    return Formula.parse(node.text(), variables,
                            FormulaOrigin.of(node, "in the formula for " + variable + ": "));
                });
        List<BigDecimal> initialValues = perVariable(
                root.require("initial", "an initial value for each variable, such as  x: 0.1"), variables,
                "initial value", (variable, node) -> node.requireDecimal());
        YamlNode horizonNode = root.require("horizon", "the time to integrate to, a number greater than 0");
        BigDecimal horizon = horizonNode.requireDecimal();
        if (horizon.signum() <= 0) {
            throw horizonNode.error("horizon must be greater than 0, found " + horizonNode.text());
        }
        return new Located(new FormulaSystem(name, variables, formulas, initialValues, horizon), formulaNodes,
                horizonNode);
    }

    private static List<String> variables(YamlNode list) {
        List<YamlNode> items = list.sequence();
        if (items.isEmpty()) {
            throw list.error("'variables' is empty: expected at least one variable");
        }
        if (items.size() > InputLimits.MAX_VARIABLES) {
            throw list.error("'variables' lists " + items.size() + " variables; the limit is "
                    + InputLimits.MAX_VARIABLES);
        }
        Map<String, YamlNode> declared = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (YamlNode item : items) {
            String name = item.text();
            Formula.variableNameProblem(name).ifPresent(problem -> {
                throw item.error(problem);
            });
            YamlNode earlier = declared.putIfAbsent(name, item);
            if (earlier != null) {
                throw item.error("duplicate variable '" + name + "' (first declared at line " + earlier.line()
                        + ", column " + earlier.column() + ")");
            }
            names.add(name);
        }
        return names;
    }

    /**
     * One value per declared variable from {@code mapping}, in variable order: every key must be a
     * declared variable and every variable must have an entry.
     */
    private static <V> List<V> perVariable(YamlNode mapping, List<String> variables, String what,
            BiFunction<String, YamlNode, V> read) {
        Map<String, YamlNode> byVariable = new HashMap<>();
        for (YamlNode.Entry entry : mapping.entries()) {
            if (!variables.contains(entry.key())) {
                throw entry.keyNode().error("'" + mapping.path() + "' has an entry for '" + entry.key()
                        + "', which is not a declared variable; declared variables: " + String.join(", ", variables));
            }
            byVariable.put(entry.key(), entry.value());
        }
        List<V> values = new ArrayList<>();
        for (String variable : variables) {
            YamlNode node = byVariable.get(variable);
            if (node == null) {
                throw mapping.error("'" + mapping.path() + "' has no " + what + " for variable '" + variable + "'");
            }
            values.add(read.apply(variable, node));
        }
        return values;
    }
}
