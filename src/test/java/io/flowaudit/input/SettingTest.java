package io.flowaudit.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import net.jqwik.api.Example;

/** The one way a claim file's settings are declared and read, by theorem checks and field families alike. */
class SettingTest {

    private static final Setting<int[]> TOKENS = Setting.sizeRange("tokens", 2, 5);
    private static final Setting<String> MASK = Setting.oneOf("mask", List.of("none", "causal", "any"));
    private static final Setting<Double> TOLERANCE = Setting.positive("tolerance", 0.1);

    private static YamlNode yaml(String text) {
        return YamlDocument.parse(text, "claim.yaml");
    }

    @Example
    void aFileGivesSomeSettingsAndTheOthersTakeTheirFallbacks() {
        Setting<String> causalByDefault = MASK.withFallback("causal");
        Setting.Values values = Setting.Values.read(yaml("tokens: [3, 4]\ntolerance: 0.5\n"),
                List.of(TOKENS, causalByDefault, TOLERANCE));
        assertArrayEquals(new int[] {3, 4}, values.get(TOKENS));
        assertEquals(0.5, values.get(TOLERANCE));
        // read through the shared constant, a setting declared with another fallback gives the declared one's value
        assertEquals("causal", values.get(MASK));
        assertEquals(List.of("tokens", "tolerance"), List.copyOf(values.given().keySet()));
        assertEquals(2, values.node(TOLERANCE).orElseThrow().line());
        assertTrue(values.node(MASK).isEmpty());
        assertFalse(values.declares(Setting.flag("every-depth", false)));
        assertThrows(IllegalArgumentException.class, () -> values.get(Setting.flag("every-depth", false)));
    }

    @Example
    void aValueOutsideItsSettingIsBadInputAtItsLine() {
        for (String text : List.of("tokens: [0, 100000]\n", "mask: both\n", "tolerance: 0\n", "tolerance: many\n")) {
            BadInputException error = assertThrows(BadInputException.class,
                    () -> Setting.Values.read(yaml("# a claim\n" + text), List.of(TOKENS, MASK, TOLERANCE)), text);
            assertTrue(error.getMessage().startsWith("claim.yaml:2"), error.getMessage());
        }
    }

    @Example
    void valuesGivenAsDataMustBeDeclaredAndOfTheSettingsType() {
        Setting.Values values = Setting.Values.of(List.of(TOKENS, MASK), Map.of("mask", "any"));
        assertEquals("any", values.get(MASK));
        assertArrayEquals(new int[] {2, 5}, values.get(TOKENS));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Setting.Values.of(List.of(TOKENS), Map.of("heads", new int[] {1, 2})));
        assertTrue(unknown.getMessage().contains("no setting 'heads'; the settings are [tokens]"),
                unknown.getMessage());
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> Setting.Values.of(List.of(TOKENS), Map.of("tokens", new double[] {1, 2})));
        assertTrue(type.getMessage().contains("setting 'tokens' needs a int[]"), type.getMessage());
    }
}
