package io.flowaudit.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.CertifiedField;
import io.flowaudit.field.family.AffineField;
import io.flowaudit.field.family.ContractiveField;
import io.flowaudit.field.transformer.FeedForward;
import io.flowaudit.gen.Fields;
import io.flowaudit.input.BadInputException;
import io.flowaudit.input.Setting;
import io.flowaudit.input.YamlDocument;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;

/** Claim files name families and settings; the registry turns them into arbitraries. */
class FamiliesTest {

    private final Families catalog = Families.ALL;

    private static List<CertifiedField> samples(Arbitrary<? extends CertifiedField> arbitrary) {
        return arbitrary.sampleStream().limit(30).map(CertifiedField.class::cast).toList();
    }

    private Arbitrary<? extends CertifiedField> arbitrary(String family, Map<String, ?> settings) {
        return catalog.find(family).orElseThrow().arbitrary(settings);
    }

    @Example
    void theTableStartsWithTheFourClassicFamiliesWithTheirSettings() {
        assertEquals(List.of("linear", "mlp", "time-dependent", "contractive"),
                catalog.names().subList(0, 4));
        Setting<?> hidden = catalog.find("mlp").orElseThrow().settings().stream()
                .filter(s -> s.key().equals("hidden-units")).findFirst().orElseThrow();
        assertArrayEquals(new int[] {1, 6}, (int[]) hidden.fallback());
        Setting<?> shape = catalog.find("linear").orElseThrow().settings().stream()
                .filter(s -> s.key().equals("shape")).findFirst().orElseThrow();
        assertEquals("any", shape.fallback());
        BadInputException general = assertThrows(BadInputException.class, () -> catalog.read(YamlDocument.parse(
                "family: linear\nshape: generic\n", "claim.yaml")));
        assertTrue(general.getMessage().contains("one of any, identity-like, general, skew, non-normal"),
                general.getMessage());
    }

    @Example
    void settingsReachTheArbitrary() {
        for (CertifiedField field : samples(arbitrary("linear", Map.of("dimension", new int[] {4, 4},
                "lipschitz", new double[] {1, 2}, "shape", "non-normal", "bias", "zero")))) {
            AffineField linear = (AffineField) field;
            assertEquals(4, linear.dimension());
            assertTrue(linear.certificate().lipschitz() >= 1 && linear.certificate().lipschitz() <= 2);
            assertEquals(0, linear.matrix()[3][0]);
            assertArrayEquals(new double[4], linear.offset());
        }
        for (CertifiedField field : samples(arbitrary("mlp", Map.of("activation", "sigmoid")))) {
            assertEquals("mlp-sigmoid", field.family());
            assertTrue(((FeedForward) field).hidden() <= 6);
        }
        for (CertifiedField field : samples(arbitrary("contractive",
                Map.of("one-sided-lipschitz", new double[] {-1, -0.5}, "perturbation", "mlp")))) {
            assertTrue(field.certificate().oneSidedLipschitz() <= -0.5);
            assertTrue(((ContractiveField) field).perturbation() instanceof FeedForward);
        }
        for (CertifiedField field : samples(arbitrary("time-dependent", Map.of()))) {
            assertEquals("time-dependent", field.family());
        }
    }

    @Example
    void unknownNamesAndWrongKindsAreRejectedWithTheKnownNames() {
        BadInputException family = assertThrows(BadInputException.class,
                () -> catalog.read(YamlDocument.parse("family: attention\n", "claim.yaml")));
        assertTrue(family.getMessage().contains("[linear, mlp, time-dependent, contractive, softmax-attention,"),
                family.getMessage());
        IllegalArgumentException setting = assertThrows(IllegalArgumentException.class,
                () -> arbitrary("linear", Map.of("width", new int[] {1, 2})));
        assertTrue(setting.getMessage().contains("dimension"), setting.getMessage());
        assertThrows(IllegalArgumentException.class, () -> arbitrary("linear", Map.of("dimension", "3")));
        BadInputException relu = assertThrows(BadInputException.class, () -> catalog.read(YamlDocument.parse(
                "family: mlp\nactivation: relu\n", "claim.yaml")));
        assertTrue(relu.getMessage().contains("claim.yaml:2"), relu.getMessage());
    }

    @Example
    void familiesAreRegisteredOnceByName() {
        Setting<int[]> dimension = Setting.sizeRange("dimension", 1, 3);
        NamedFamily zero = NamedFamily.of("zero", "the zero field", List.of(dimension), values -> {
            int[] d = values.get(dimension);
            return Fields.affine().dimension(d[0], d[1]).lipschitz(0, 0).homogeneous();
        });
        Families registry = new Families(List.of(zero));
        CertifiedField field = registry.find("zero").orElseThrow().arbitrary(Map.of("dimension", new int[] {2, 2}))
                .sample();
        assertEquals(2, field.dimension());
        assertEquals(0, field.certificate().bound());
        assertThrows(IllegalArgumentException.class, () -> new Families(List.of(zero, zero)));
    }
}
