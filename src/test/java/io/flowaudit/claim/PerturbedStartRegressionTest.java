package io.flowaudit.claim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.claim.CheckKinds.Numerics;
import io.flowaudit.field.Domain;
import io.flowaudit.field.Region;
import io.flowaudit.field.family.AffineField;
import io.flowaudit.field.family.ContractiveField;
import io.flowaudit.field.family.FamilyField;
import io.flowaudit.flow.LayerMap;
import org.junit.jupiter.api.Test;

/**
 * Issue 9: {@link TheoremProperties} certified its fields for starts |x_0| <= 1 only, so the perturbed
 * start x_0 + delta (|delta| up to 0.5) could begin outside the certified region and the perturbation
 * theorems reported "left the region". The shrunk sample of that failure, certified as the properties
 * now certify their fields.
 */
class PerturbedStartRegressionTest {

    @Test
    void theorem4ShrunkSampleStartsAndStaysInTheCertifiedRegion() {
        double horizon = 1.5;
        FamilyField field = ContractiveField.of(0.1, AffineField.of(new double[3][3]))
                .certifiedFor(new Domain(TheoremProperties.CERTIFIED_START_RADIUS, horizon));
        Instance instance = new Instance(field, new double[] {-0.81, 0, 0}, new double[] {-0.36, 0, 0.12}, horizon, 1);
        Region region = field.certificate().region();
        assertTrue(region.contains(instance.perturbedInitial()),
                "|x0 + delta| = " + region.normOf(instance.perturbedInitial()) + " outside " + region);
        PerturbationRun.Distances run = PerturbationRun.eulerLayers(instance, field, 0, Numerics.doubles(LayerMap.EULER));
        assertTrue(run.contained(), "x_l or y_l left " + region);
    }
}
