package io.flowaudit.flow;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.formula.FormulaSystem;
import io.flowaudit.field.formula.SystemFile;
import io.flowaudit.num.ApfloatElement;
import io.flowaudit.num.ApfloatSystem;
import io.flowaudit.num.BinaryElement;
import io.flowaudit.num.BinarySystem;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reference flow in {@link BinarySystem} (the default at 40 digits) against apfloat: its x(T) must be
 * within its own error estimate of a 60-digit apfloat solve (whose error is 10^-20 of that), so the estimate
 * built on binary's unit roundoff is honest; and within the sum of both estimates of apfloat at the same 40
 * digits. The problems are two of the benchmark files (tanh and exp fields, the functions binary computes
 * itself).
 */
class BinaryReferenceTest {

    @ParameterizedTest
    @ValueSource(strings = {"examples/benchmark/mlp-tanh.yaml", "examples/benchmark/attention.yaml"})
    void binaryReferenceIsWithinItsEstimateOfAPreciserApfloatOne(String file) {
        FormulaSystem system = SystemFile.locate(Path.of(file)).system();
        BinarySystem binary = new BinarySystem(40);
        ApfloatSystem same = new ApfloatSystem(40);
        ApfloatSystem precise = new ApfloatSystem(60);
        ReferenceFlow<BinaryElement> flow = ReferenceFlow.compute(system, binary, system.initialState(binary),
                system.horizon(binary));
        ReferenceFlow<ApfloatElement> apfloat = ReferenceFlow.compute(system, same, system.initialState(same),
                system.horizon(same));
        ReferenceFlow<ApfloatElement> exact = ReferenceFlow.compute(system, precise, system.initialState(precise),
                system.horizon(precise));
        double estimate = flow.errorEstimate();
        assertTrue(estimate < 1e-35, "an estimate of use at 40 digits: " + estimate);
        BinaryElement[] x = flow.atHorizon();
        double toExact = 0;
        double toApfloat = 0;
        for (int i = 0; i < x.length; i++) {
            ApfloatElement value = precise.from(x[i]);
            toExact = Math.max(toExact, Math.abs(value.subtract(exact.atHorizon()[i]).getReal()));
            toApfloat = Math.max(toApfloat, Math.abs(value.subtract(precise.from(apfloat.atHorizon()[i])).getReal()));
        }
        assertTrue(toExact <= estimate, "error " + toExact + " above the estimate " + estimate);
        assertTrue(toApfloat <= estimate + apfloat.errorEstimate(), "binary and apfloat at 40 digits differ by "
                + toApfloat);
    }
}
