package io.flowaudit.cli;

import io.flowaudit.field.formula.FormulaSystem;
import io.flowaudit.field.formula.SystemFile;
import io.flowaudit.field.FieldEvaluationException;
import io.flowaudit.flow.ReferenceFlow;
import io.flowaudit.flow.TaylorIntegrator;
import io.flowaudit.flow.TaylorSolution;
import io.flowaudit.flow.enclosure.EnclosureFailedException;
import io.flowaudit.flow.enclosure.FlowEnclosure;
import io.flowaudit.input.DecimalText;
import io.flowaudit.num.interval.Interval;
import java.math.BigDecimal;
import java.math.MathContext;
import io.flowaudit.flow.ReferenceRefusedException;
import io.flowaudit.flow.WorkBudgetExceededException;
import io.flowaudit.num.ApfloatElement;
import io.flowaudit.num.ApfloatSystem;
import io.flowaudit.num.NumberSystem;
import java.util.concurrent.Callable;
import org.apache.commons.math3.RealFieldElement;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code solve SYSTEM.yaml}: the reference state x(T) in arbitrary precision, with its error estimate. */
@Command(name = "solve", mixinStandardHelpOptions = true,
        description = "Print the reference state x(T) of a system file, one line per component, then an estimate"
                + " of the printed numbers' error. Computed with the Taylor method at D + 10 digits, or D + 8 or D + 9"
                + " where that saves a 64-bit limb (binary floating point from 17 to 100 digits, apfloat otherwise), and"
                + " again at D + 10 if the estimate misses; refused (exit 2) when the solver's estimate exceeds"
                + " 10^-D * max(1, |x(T)|).")
final class SolveCommand implements Callable<Integer> {

    /** Working digits beyond those printed, so the printed digits are correct. */
    static final int GUARD_DIGITS = 10;

    /**
     * The fewest guard digits solve tries first, where they save a limb of the binary significand (at 29 and 30
     * digits: 2 limbs instead of 3, about a third less time); its estimate decides whether they suffice.
     */
    private static final int FEWEST_GUARD_DIGITS = 8;

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    private SystemFileOptions options;

    @Option(names = "--t", paramLabel = "T", description = "Time to solve to (default: the file's horizon).")
    private String time;

    @Option(names = "--enclose", description = "Instead, print a proved enclosure of x(T), 'name in [LO, HI]' with both"
            + " ends rounded outward to D digits: the defect of the Taylor solution bounded in interval arithmetic and"
            + " carried by the one-sided Lipschitz bound (docs/theory.md, \"Validated flow\"); refused (exit 2),"
            + " saying why, when it cannot be proved.")
    private boolean enclose;

    @Override
    public Integer call() {
        return options.run(this::execute);
    }

    private int execute() {
        SystemFile.Located source = options.locate();
        int digits = options.digits();
        if (enclose) {
            return printEnclosure(source, new ApfloatSystem(digits + GUARD_DIGITS));
        }
        NumberSystem<?> fast = NumberSystem.ofDigitsBetween(digits + FEWEST_GUARD_DIGITS, digits + GUARD_DIGITS);
        if (fast.digits() < digits + GUARD_DIGITS && printReference(source, fast, false)) {
            return 0;
        }
        printReference(source, NumberSystem.ofDigits(digits + GUARD_DIGITS), true);
        return 0;
    }

    /**
     * Prints x(T) and its estimate if the estimate reaches the digits asked for; else refuses if {@code last}, or
     * prints nothing and returns false.
     */
    private <T extends RealFieldElement<T>> boolean printReference(SystemFile.Located source, NumberSystem<T> numbers,
            boolean last) {
        FormulaSystem system = source.system();
        T horizon = time == null ? system.horizon(numbers) : Output.time(numbers, time);
        ReferenceFlow<T> flow;
        try {
            flow = ReferenceFlow.compute(system, numbers, system.initialState(numbers), horizon);
        } catch (FieldEvaluationException | WorkBudgetExceededException | ReferenceRefusedException e) {
            throw source.inputError(e);
        }
        T[] state = flow.atHorizon();
        double target = StrictMath.pow(10, -options.digits()) * Math.max(1, Output.maxAbs(state));
        double estimate = flow.errorEstimate();
        // the transition-matrix estimate costs a tenth of a solve or so: worth it only where the logarithmic
        // norm's bound is not already negligible beside the printing's half unit
        if (estimate > target / 100) {
            estimate = flow.errorEstimateAtHorizon();
        }
        if (!(estimate <= target)) {
            if (!last) {
                return false;
            }
            throw source.inputError(new ReferenceRefusedException("the reference cannot reach the " + options.digits()
                    + " digits asked for: its error estimate " + Output.estimate(estimate)
                    + " exceeds 10^-" + options.digits() + " * max(1, |x(T)|) = " + Output.estimate(target)));
        }
        // the printed estimate covers the printed numbers: the solver's error plus each value's rounding
        double printingError = Output.printState(spec.commandLine().getOut(), system, numbers, state, options.digits());
        spec.commandLine().getOut().println("# error-estimate: " + Output.estimateRoundedUp(estimate + printingError));
        return true;
    }

    /**
     * The Taylor solution at D + 10 digits, enclosed with intervals of 10 digits more, so its coefficients enter
     * exactly; the enclosure is at the exact T asked for, even where the apfloat horizon rounds it.
     */
    private int printEnclosure(SystemFile.Located source, ApfloatSystem numbers) {
        FormulaSystem system = source.system();
        ApfloatElement horizon = time == null ? system.horizon(numbers) : Output.time(numbers, time);
        FlowEnclosure.Enclosure enclosure;
        try {
            TaylorSolution<ApfloatElement> reference = TaylorIntegrator.integrate(system, numbers,
                    system.initialState(numbers), horizon, numbers.digits());
            enclosure = FlowEnclosure.enclose(system, system.initialValues().toArray(new BigDecimal[0]), reference,
                    time == null ? system.horizon() : DecimalText.value(time), numbers.digits() + GUARD_DIGITS);
        } catch (FieldEvaluationException | WorkBudgetExceededException | ReferenceRefusedException
                | EnclosureFailedException e) {
            throw source.inputError(new EnclosureFailedException("cannot enclose the solution: " + e.getMessage()));
        }
        double widest = 0;
        for (int i = 0; i < system.dimension(); i++) {
            Interval value = enclosure.atHorizon()[i];
            spec.commandLine().getOut().println(system.componentNames().get(i) + " in "
                    + value.system().format(value, options.digits()));
            BigDecimal size = value.magnitude().max(BigDecimal.ONE);
            widest = Math.max(widest, value.width().divide(size, MathContext.DECIMAL64).doubleValue());
        }
        spec.commandLine().getOut().println("# enclosure: proved; widest width / max(1, |x_i|) " + Output.estimate(widest)
                + "; |x - p| <= " + Output.boundRoundedUp(enclosure.errorBound()) + " on [0, T] about "
                + enclosure.steps() + " Taylor steps p, mu <= " + enclosure.mu());
        return 0;
    }
}
