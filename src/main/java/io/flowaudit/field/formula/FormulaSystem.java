package io.flowaudit.field.formula;

import io.flowaudit.field.FieldEvaluationException;
import io.flowaudit.field.VectorField;
import io.flowaudit.num.NumberSystem;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.StringJoiner;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.util.Decimal64;
import org.apache.commons.math3.util.MathArrays;
import org.apfloat.ApfloatRuntimeException;

/**
 * An initial-value problem written as formulas: {@code x_i' = F_i(t, x)} for named components, with
 * exact decimal initial values and horizon, usually read from a system file by {@link SystemFile}.
 */
public final class FormulaSystem implements VectorField {

    /** A user's formula may cancel terms of any size: see {@link VectorField#roundsRelativeToItsState()}. */
    @Override
    public boolean roundsRelativeToItsState() {
        return false;
    }

    private final String name;
    private final List<String> variables;
    private final List<Formula> formulas;
    private final List<BigDecimal> initialValues;
    private final BigDecimal horizon;

    /**
     * @param variables     component names, in state order
     * @param formulas      one formula per component, each parsed against {@code variables}
     * @param initialValues x(0), one per component
     * @param horizon       T, greater than 0
     */
    public FormulaSystem(String name, List<String> variables, List<Formula> formulas, List<BigDecimal> initialValues,
            BigDecimal horizon) {
        if (variables.isEmpty() || formulas.size() != variables.size() || initialValues.size() != variables.size()) {
            throw new IllegalArgumentException("need one formula and one initial value per variable, got "
                    + variables.size() + " variables, " + formulas.size() + " formulas and " + initialValues.size()
                    + " initial values");
        }
        if (new HashSet<>(variables).size() != variables.size()) {
            throw new IllegalArgumentException("duplicate variable in " + variables);
        }
        for (Formula formula : formulas) {
            if (!formula.variables().equals(variables)) {
                throw new IllegalArgumentException("formula " + formula + " was parsed against variables "
                        + formula.variables() + ", not " + variables);
            }
        }
        if (horizon.signum() <= 0) {
            throw new IllegalArgumentException("horizon must be greater than 0, got " + horizon);
        }
        this.name = name;
        this.variables = List.copyOf(variables);
        this.formulas = List.copyOf(formulas);
        this.initialValues = List.copyOf(initialValues);
        this.horizon = horizon;
    }

    public String name() {
        return name;
    }

    @Override
    public int dimension() {
        return variables.size();
    }

    @Override
    public List<String> componentNames() {
        return variables;
    }

    public List<Formula> formulas() {
        return formulas;
    }

    public List<BigDecimal> initialValues() {
        return initialValues;
    }

    public BigDecimal horizon() {
        return horizon;
    }

    /** x(0) read exactly from its decimal value in {@code system}. */
    public <T extends RealFieldElement<T>> T[] initialState(NumberSystem<T> system) {
        T[] state = system.array(dimension());
        for (int i = 0; i < state.length; i++) {
            state[i] = system.fromDecimal(initialValues.get(i).toString());
        }
        return state;
    }

    /** T read exactly from its decimal value in {@code system}. */
    public <T extends RealFieldElement<T>> T horizon(NumberSystem<T> system) {
        return system.fromDecimal(horizon.toString());
    }

    /**
     * {@code F(t, x)}. A domain error (log or square root of a negative, division by zero, overflow)
     * is a {@link FieldEvaluationException} naming the component and the time: apfloat reports it as
     * an {@link ArithmeticException}, double arithmetic as NaN.
     */
    @Override
    public <T extends RealFieldElement<T>> T[] evaluate(T t, T[] x) {
        if (x.length != dimension()) {
            throw new IllegalArgumentException("system " + name + " has " + dimension() + " components, got a state of "
                    + x.length);
        }
        T[] value = MathArrays.buildArray(t.getField(), dimension());
        for (int i = 0; i < value.length; i++) {
            value[i] = evaluateComponent(i, t, x);
        }
        return value;
    }

    private <T extends RealFieldElement<T>> T evaluateComponent(int component, T t, T[] x) {
        T value;
        try {
            value = formulas.get(component).evaluate(t, x);
        } catch (ArithmeticException | ApfloatRuntimeException e) {
            // apfloat reports a domain error as an ArithmeticException, an overflow of its range as an OverflowException
            throw failure(component, t, x, e.getMessage());
        }
        // only double arithmetic produces NaN; other systems have no value to read (a Taylor tape) or throw
        if (value instanceof Decimal64 && Double.isNaN(value.getReal())) {
            throw failure(component, t, x, "not a number");
        }
        return value;
    }

    /** The failure, with the state it happened at: a field undefined somewhere in the region is found there. */
    private <T extends RealFieldElement<T>> FieldEvaluationException failure(int component, T t, T[] x, String reason) {
        String variable = variables.get(component);
        StringJoiner state = new StringJoiner(", ");
        for (int i = 0; i < x.length; i++) {
            state.add(variables.get(i) + " = " + x[i].getReal());
        }
        return new FieldEvaluationException(variable, t.getReal(),
                reason + " at " + state + " (" + variable + "' = " + formulas.get(component) + ")");
    }

    @Override
    public String toString() {
        return "system " + name + " " + variables;
    }
}
