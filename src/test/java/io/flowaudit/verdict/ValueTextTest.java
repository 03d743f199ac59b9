package io.flowaudit.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ValueTextTest {

    private record Constants(double lipschitz, String region) {
    }

    @Test
    void numbersAreShortWithoutJavasTrailingZeroOrCapitalExponent() {
        assertEquals("3", ValueText.number(3.0));
        assertEquals("0.1", ValueText.number(0.1));
        assertEquals("1.0e-5", ValueText.number(1e-5));
        assertEquals("-2.5", ValueText.number(-2.5));
    }

    @Test
    void recordsAndMapsAreNameValueListsNotJavasToString() {
        Map<String, Object> setting = new LinkedHashMap<>();
        setting.put("family", "linear");
        setting.put("A", new double[][] {{0.0, 1.5}, {2.0, 0.25}});

        assertEquals("(lipschitz = 0, region = R^D)", ValueText.text(new Constants(0.0, "R^D")));
        assertEquals("(family = linear, A = [[0, 1.5], [2, 0.25]])", ValueText.text(setting));
        assertEquals("[[0.5], (lipschitz = 1, region = ball)]",
                ValueText.text(List.of(new double[] {0.5}, new Constants(1, "ball"))));
    }
}
