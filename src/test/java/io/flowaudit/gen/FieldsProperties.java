package io.flowaudit.gen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.Certificate;
import io.flowaudit.field.Domain;
import io.flowaudit.field.Activation;
import io.flowaudit.field.family.AffineField;
import io.flowaudit.field.family.ContractiveField;
import io.flowaudit.field.family.FamilyField;
import io.flowaudit.field.transformer.FeedForward;
import io.flowaudit.field.family.TimeDependentField;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Each fluent setting is honoured by every generated field, certified constants included. */
class FieldsProperties {

    private static void assertIn(double value, double min, double max, String what, FamilyField field) {
        assertTrue(value >= min && value <= max, what + " = " + value + " outside [" + min + ", " + max + "] for "
                + field);
    }

    @Provide
    Arbitrary<AffineField> linear() {
        return Fields.affine().dimension(2, 5).lipschitz(0.5, 2).homogeneous();
    }

    @Property(tries = 100)
    void linearFieldsHonourTheirSettings(@ForAll("linear") AffineField field) {
        assertIn(field.dimension(), 2, 5, "D", field);
        assertIn(field.certificate().lipschitz(), 0.5, 2, "K", field);
        assertArrayEquals(new double[field.dimension()], field.offset());
    }

    @Provide
    Arbitrary<FeedForward.Mlp> mlp() {
        return Fields.mlp().dimension(3, 3).hiddenUnits(2, 4).activation(Activation.SIGMOID).lipschitz(0, 1);
    }

    @Property(tries = 100)
    void mlpFieldsHonourTheirSettings(@ForAll("mlp") FeedForward.Mlp field) {
        assertEquals(3, field.dimension());
        assertIn(field.hidden(), 2, 4, "H", field);
        assertEquals(Activation.SIGMOID, field.activation());
        assertIn(field.certificate().lipschitz(), 0, 1, "K", field);
    }

    @Provide
    Arbitrary<TimeDependentField> timeDependent() {
        return Fields.timeDependent().dimension(1, 4).lipschitz(1, 3).frequency(2, 5).linearComponents();
    }

    @Property(tries = 100)
    void timeDependentFieldsHonourTheirSettings(@ForAll("timeDependent") TimeDependentField field) {
        assertIn(field.frequency(), 2, 5, "omega", field);
        assertIn(field.certificate().lipschitz(), 1, 3, "K", field);
        assertTrue(field.steady() instanceof AffineField && field.oscillating() instanceof AffineField);
    }

    @Provide
    Arbitrary<ContractiveField> contractive() {
        return Fields.contractive().dimension(1, 6).oneSidedLipschitz(-2, -0.5).lipschitz(1, 3);
    }

    /** mu and K land in their ranges even where they pull against each other (K >= |mu| always). */
    @Property(tries = 150)
    void contractiveFieldsHonourTheirSettings(@ForAll("contractive") ContractiveField field) {
        Certificate c = field.certificate();
        assertIn(c.oneSidedLipschitz(), -2, -0.5, "mu", field);
        assertIn(c.lipschitz(), 1, 3, "K", field);
        assertTrue(field.damping() >= 0);
    }

    @Provide
    Arbitrary<ContractiveField> contractiveMlp() {
        return Fields.contractive().mlpPerturbation().lipschitz(0, 0.3).oneSidedLipschitz(-1, -0.2);
    }

    @Property(tries = 100)
    void contractiveRangeIsCutToMuAboveMinusK(@ForAll("contractiveMlp") ContractiveField field) {
        Certificate c = field.certificate();
        assertIn(c.oneSidedLipschitz(), -0.3, -0.2, "mu", field);
        assertIn(c.lipschitz(), 0, 0.3, "K", field);
        assertTrue(field.perturbation() instanceof FeedForward);
    }

    @Property(tries = 50)
    void certifiedForSetsTheRegionOfTheCertificate(@ForAll("wideRegion") AffineField field) {
        assertEquals(field.regionFor(new Domain(5, 2)), field.certificate().region());
    }

    @Provide
    Arbitrary<AffineField> wideRegion() {
        return Fields.affine().certifiedFor(new Domain(5, 2));
    }

    @Example
    void rejectsImpossibleSettings() {
        assertThrows(IllegalArgumentException.class, () -> Fields.affine().dimension(0, 3));
        assertThrows(IllegalArgumentException.class, () -> Fields.affine().lipschitz(2, 1));
        assertThrows(IllegalArgumentException.class, () -> Fields.affine().lipschitz(1, 1));
        assertThrows(IllegalArgumentException.class, () -> Fields.contractive().oneSidedLipschitz(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> Fields.affine().dimension(1, 1).nonNormal().sample());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Fields.contractive().lipschitz(0, 0.05).oneSidedLipschitz(-1, -0.1).sample()).getMessage()
                .contains("since |mu| <= K"));
        // a feasible point, but no room for the certificate's rounding: refused as it is set, and saying so
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Fields.contractive().oneSidedLipschitz(-1, -1)).getMessage().contains("widen it"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Fields.contractive().lipschitz(0.5, 1).oneSidedLipschitz(-1 - 1e-6, -1).sample()).getMessage()
                .contains("widen it"));
        assertThrows(IllegalArgumentException.class, () -> Fields.block().epsilon(0, 1e-5));
        assertThrows(IllegalArgumentException.class, () -> Fields.ffn().weights(-1, 1e100));
    }

    /**
     * Settings that contradict each other are found at the first draw, or as soon as validated() is asked, not while
     * set: a later setter may reconcile them (mu narrowed below -K before K is widened is fine).
     */
    @Example
    void validatedFindsContradictionsWithoutDrawing() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Fields.contractive().lipschitz(0, 0.2).oneSidedLipschitz(-3, -1).validated()).getMessage()
                .contains("no contractive field has mu <= -1.0 and K <= 0.2"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Fields.affine().nonNormal().dimension(1, 1).validated()).getMessage()
                .contains("non-normal matrices need dimension >= 2"));
        ContractiveFieldArbitrary reconciled = Fields.contractive().oneSidedLipschitz(-30, -20).lipschitz(0, 40);
        assertEquals(reconciled, reconciled.validated());
    }

    /**
     * A K or mu beyond what the certificate's SVD can square is refused as it is set, naming the limit: until
     * 2026-11-30 {@code lipschitz(0, 1e160)} was taken and every family's first draw failed in commons-math with
     * "illegal state: convergence failed" (MaxCountExceededException), saying nothing of the setting.
     */
    @Example
    void refusesConstantsTooLargeToCertify() {
        for (double huge : new double[] {1e160, 1e300, Double.MAX_VALUE}) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> Fields.affine().lipschitz(0, huge))
                    .getMessage().contains("max <= 1.0E100"));
            assertThrows(IllegalArgumentException.class, () -> Fields.any().lipschitz(1, huge));
            assertTrue(assertThrows(IllegalArgumentException.class,
                    () -> Fields.contractive().oneSidedLipschitz(-huge, -1)).getMessage().contains("-1.0E100 <= min"));
        }
        // the largest allowed ranges still draw certified fields, every constant finite and in range
        Fields.any().lipschitz(0, 1e100).sampleStream().limit(20).forEach(field ->
                assertIn(field.certificate().lipschitz(), 0, 1e100, "K", field));
        Fields.contractive().lipschitz(0, 1e100).oneSidedLipschitz(-1e100, -1).sampleStream().limit(20).forEach(field ->
                assertIn(field.certificate().oneSidedLipschitz(), -1e100, -1, "mu", field));
    }

    @Example
    void zeroLipschitzRangeGivesTheZeroField() {
        AffineField field = Fields.affine().lipschitz(0, 0).sample();
        assertEquals(0, field.certificate().lipschitz());
    }
}
