package io.flowaudit.cli;

import io.flowaudit.field.formula.FormulaSystem;
import io.flowaudit.field.formula.SystemFile;
import io.flowaudit.flow.LayerMap;
import io.flowaudit.flow.LayerStack;
import io.flowaudit.field.FieldEvaluationException;
import io.flowaudit.flow.ReferenceFlow;
import io.flowaudit.flow.ReferenceRefusedException;
import io.flowaudit.flow.WorkBudgetExceededException;
import io.flowaudit.flow.Trajectory;
import io.flowaudit.input.BadInputException;
import io.flowaudit.input.InputLimits;
import io.flowaudit.num.NumberSystem;
import java.util.concurrent.Callable;
import org.apache.commons.math3.RealFieldElement;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code layers SYSTEM.yaml --layers L}: x_L of a layer stack and its uniform error against the flow. */
@Command(name = "layers", mixinStandardHelpOptions = true,
        description = "Run L layers x_{l+1} = x_l + h F(t_l, x_l) (or Heun, RK4) with h = T/L, print x_L, then the"
                + " uniform error max_l |x_l - x(t_l)| against the reference flow at every layer.")
final class LayersCommand implements Callable<Integer> {

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    private SystemFileOptions options;

    @Option(names = "--layers", paramLabel = "L", required = true, description = "Depth L, at least 1.")
    private int layers;

    @Option(names = "--method", paramLabel = "MAP", description = "euler, heun or rk4 (default: ${DEFAULT-VALUE}).")
    private String method = "euler";

    @Option(names = "--precision", paramLabel = "P",
            description = "double, or 2 to 1000 decimal digits (binary floating point from 17 to 100, apfloat"
                    + " otherwise; default: ${DEFAULT-VALUE}).")
    private String precision = "double";

    @Override
    public Integer call() {
        return options.run(this::execute);
    }

    private int execute() {
        if (layers < 1 || layers > InputLimits.MAX_LAYERS) {
            throw new BadInputException(null, "--layers must be between 1 and " + InputLimits.MAX_LAYERS + ", got "
                    + layers);
        }
        LayerMap map;
        try {
            map = LayerMap.parse(method);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(null, "--method: " + e.getMessage());
        }
        NumberSystem<?> numbers = Output.precision(precision);
        SystemFile.Located source = options.locate();
        try {
            run(source.system(), map, numbers);
        } catch (FieldEvaluationException | WorkBudgetExceededException | ReferenceRefusedException e) {
            throw source.inputError(e);
        }
        return 0;
    }

    private <T extends RealFieldElement<T>> void run(FormulaSystem system, LayerMap map, NumberSystem<T> numbers) {
        Trajectory<T> trajectory = LayerStack.run(system, map, numbers, system.initialState(numbers),
                system.horizon(numbers), layers);
        // the reference carries 10 digits more than the layers (or than printed digits), so its error is negligible
        double maxError = maxError(system, trajectory,
                NumberSystem.ofDigits(Math.max(numbers.digits(), options.digits()) + SolveCommand.GUARD_DIGITS));
        Output.printState(spec.commandLine().getOut(), system, numbers, trajectory.last(), options.digits());
        spec.commandLine().getOut().println("# max-error-over-layers: " + Output.estimate(maxError));
    }

    /** max_l |x_l - x(t_l)| (Euclidean) against the reference flow in {@code reference}. */
    private <T extends RealFieldElement<T>, R extends RealFieldElement<R>> double maxError(FormulaSystem system,
            Trajectory<T> trajectory, NumberSystem<R> reference) {
        R horizon = system.horizon(reference);
        ReferenceFlow<R> flow = ReferenceFlow.compute(system, reference, system.initialState(reference), horizon);
        double maxError = 0;
        for (int l = 0; l <= layers; l++) {
            R[] exact = flow.at(horizon.multiply(l).divide(layers));
            T[] state = trajectory.state(l);
            R sum = reference.zero();
            for (int i = 0; i < state.length; i++) {
                R d = reference.from(state[i]).subtract(exact[i]);
                sum = sum.add(d.multiply(d));
            }
            maxError = Math.max(maxError, sum.sqrt().getReal());
        }
        return maxError;
    }
}
