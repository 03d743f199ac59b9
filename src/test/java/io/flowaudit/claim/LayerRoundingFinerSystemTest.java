package io.flowaudit.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.audit.ClaimCatalogue;
import io.flowaudit.field.CertifiedField;
import io.flowaudit.flow.LayerMap;
import io.flowaudit.flow.LayerStack;
import io.flowaudit.flow.Trajectory;
import io.flowaudit.num.BinarySystem;
import io.flowaudit.num.DoubleSystem;
import io.flowaudit.num.NumberSystem;
import java.nio.file.Path;
import org.apache.commons.math3.util.Decimal64;
import org.junit.jupiter.api.Test;

/**
 * The rounding of double layers is measured against the same layers in double-double ({@link NumberSystem#finer()}),
 * where it was measured at 32 binary digits: on the example checkpoint's block from x0 = 0 (the weights claim's tries
 * that measure it), both finer runs must find the same rounding, far inside it.
 */
class LayerRoundingFinerSystemTest {

    @Test
    void doubleDoubleMeasuresTheWeightsBlocksRoundingAsThirtyTwoBinaryDigitsDo() {
        CertifiedField block = ClaimCatalogue.read(Path.of("properties/weights-block-observed-order.yaml"))
                .instances().sample().field();
        DoubleSystem doubles = DoubleSystem.INSTANCE;
        Trajectory<Decimal64> layers = LayerStack.run(block, LayerMap.EULER, doubles,
                doubles.fromDoubles(new double[block.dimension()]), doubles.one(), 512);
        BinarySystem binary = new BinarySystem(32);
        double measuredInBinary = LayerRounding.distanceFromFiner(block, LayerMap.EULER, layers, binary);
        NumberSystem<?> doubleDouble = doubles.finer();
        double measuredInDoubleDouble = LayerRounding.distanceFromFiner(block, LayerMap.EULER, layers, doubleDouble);
        assertEquals("double-double", doubleDouble.name());
        assertTrue(measuredInBinary > 0 && Double.isFinite(measuredInBinary), "rounding " + measuredInBinary);
        // each finer run is off the exact layers by its own rounding: the same cancellations at a unit roundoff r
        // times double's, about r times the rounding measured (LayerRounding's argument, which allows it twice)
        double r = doubleDouble.epsilon() / doubles.epsilon() + binary.epsilon() / doubles.epsilon();
        double tolerance = 2 * r * measuredInBinary;
        assertTrue(Math.abs(measuredInDoubleDouble - measuredInBinary) <= tolerance, "double-double measured "
                + measuredInDoubleDouble + ", binary(32) " + measuredInBinary + ", tolerance " + tolerance);
        System.out.printf("weights block, 512 Euler layers from 0: rounding %s (binary 32), %s (double-double)%n",
                measuredInBinary, measuredInDoubleDouble);
    }
}
