package io.flowaudit.field.formula;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.commons.math3.RealFieldElement;

/** The functions a formula may call, each of one argument. */
enum MathFunction {
    EXP, LOG, SQRT, SIN, COS, TANH, SIGMOID, ABS;

    public <T extends RealFieldElement<T>> T apply(T u) {
        return switch (this) {
            case EXP -> u.exp();
            case LOG -> u.log();
            case SQRT -> u.sqrt();
            case SIN -> u.sin();
            case COS -> u.cos();
            case TANH -> u.tanh();
            // 1 / (1 + exp(-u)); the constant 1.0 is exact in every number system
            case SIGMOID -> u.negate().exp().add(1.0).reciprocal();
            case ABS -> u.abs();
        };
    }

    /** The name formulas use, such as {@code tanh}. */
    String formulaName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<MathFunction> byFormulaName(String name) {
        return Arrays.stream(values()).filter(function -> function.formulaName().equals(name)).findFirst();
    }

    /** Every function name, in declaration order, for error messages and reserved-name checks. */
    static List<String> formulaNames() {
        return Arrays.stream(values()).map(MathFunction::formulaName).collect(Collectors.toList());
    }

    @Override
    public String toString() {
        return formulaName();
    }
}
