package io.flowaudit.field.formula;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.commons.math3.RealFieldElement;

/** The functions a formula may call, each of one argument. */
enum MathFunction {
    EXP {
        @Override
        public <T extends RealFieldElement<T>> T apply(T u) {
            return u.exp();
        }
    },
    LOG {
        @Override
        public <T extends RealFieldElement<T>> T apply(T u) {
            return u.log();
        }
    },
    SQRT {
        @Override
        public <T extends RealFieldElement<T>> T apply(T u) {
            return u.sqrt();
        }
    },
    SIN {
        @Override
        public <T extends RealFieldElement<T>> T apply(T u) {
            return u.sin();
        }
    },
    COS {
        @Override
        public <T extends RealFieldElement<T>> T apply(T u) {
            return u.cos();
        }
    },
    TANH {
        @Override
        public <T extends RealFieldElement<T>> T apply(T u) {
            return u.tanh();
        }
    },
    SIGMOID {
        @Override
        public <T extends RealFieldElement<T>> T apply(T u) {
            // 1 / (1 + exp(-u)); the constant 1.0 is exact in every number system
            return u.negate().exp().add(1.0).reciprocal();
        }
    },
    ABS {
        @Override
        public <T extends RealFieldElement<T>> T apply(T u) {
            return u.abs();
        }
    };

    public abstract <T extends RealFieldElement<T>> T apply(T u);

    /** The name formulas use, such as {@code tanh}. */
    public String formulaName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<MathFunction> byFormulaName(String name) {
        return Arrays.stream(values()).filter(function -> function.formulaName().equals(name)).findFirst();
    }

    /** Every function name, in declaration order, for error messages and reserved-name checks. */
    public static List<String> formulaNames() {
        return Arrays.stream(values()).map(MathFunction::formulaName).collect(Collectors.toList());
    }

    @Override
    public String toString() {
        return formulaName();
    }
}
