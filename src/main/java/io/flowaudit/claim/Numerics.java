package io.flowaudit.claim;

import io.flowaudit.flow.LayerMap;
import io.flowaudit.input.YamlNode;
import io.flowaudit.num.NumberSystem;
import io.flowaudit.verdict.Rigour;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a claim computes, whatever its theorem: the layer map, and the number systems of the layers and
 * of the reference flow (at least as precise). Every claim file may state them; the report shows them
 * in each claim's hypothesis space.
 *
 * @param layerMap  Euler, Heun or RK4
 * @param layers    the number system of the layers: {@code double} or digits
 * @param reference the number system of the reference flow
 */
public record Numerics(LayerMap layerMap, NumberSystem<?> layers, NumberSystem<?> reference) {

    static final CheckSetting<LayerMap> LAYER_MAP = CheckSetting.choice("layer-map", List.of("euler", "heun", "rk4"),
            LayerMap::parse);
    static final CheckSetting<NumberSystem<?>> PRECISION = precision("precision");
    static final CheckSetting<NumberSystem<?>> REFERENCE_PRECISION = precision("reference-precision");

    /**
     * How the claim decides each instance: {@code observed} (every theorem) or {@code proved}, from enclosures
     * only (the theorems whose check can; {@link CheckKinds} refuses it on the others).
     */
    static final CheckSetting<Rigour> RIGOUR = CheckSetting.choice("rigour", List.of("observed", "proved"),
            name -> Rigour.valueOf(name.toUpperCase(Locale.ROOT)));

    /** The settings every theorem check reads. */
    static final List<CheckSetting<?>> SETTINGS = List.of(LAYER_MAP, PRECISION, REFERENCE_PRECISION, RIGOUR);

    /** Euler layers and a reference in double: what a claim file that states nothing computes. */
    static Numerics doubles(LayerMap layerMap) {
        NumberSystem<?> doubles = NumberSystem.parse("double");
        return new Numerics(layerMap, doubles, doubles);
    }

    /** From a claim's values; a reference precision not given is the layers'. */
    static Numerics of(CheckSetting.Values values) {
        NumberSystem<?> layers = values.get(PRECISION);
        NumberSystem<?> reference = values.node(REFERENCE_PRECISION).isPresent() ? values.get(REFERENCE_PRECISION)
                : layers;
        values.node(REFERENCE_PRECISION).filter(node -> reference.digits() < layers.digits()).ifPresent(node -> {
            throw node.error("the reference must be at least as precise as the layers (" + layers.name() + ")");
        });
        return new Numerics(values.get(LAYER_MAP), layers, reference);
    }

    /** These numerics as hypothesis-space lines. */
    public Map<String, String> describe() {
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put("layer map", layerMap.name().toLowerCase());
        lines.put("precision", "layers " + layers.name() + ", reference " + reference.name());
        return lines;
    }

    private static CheckSetting<NumberSystem<?>> precision(String key) {
        return new CheckSetting<>(key, NumberSystem.parse("double"), Numerics::precision);
    }

    private static NumberSystem<?> precision(YamlNode node) {
        String text = node.text().trim();
        if (!text.equals("double")) {
            int digits = node.requireInt();
            if (digits < 17 || digits > 1000) {
                throw node.error("precision must be double or a number of decimal digits from 17 to 1000, got "
                        + text);
            }
        }
        return NumberSystem.parse(text);
    }
}
