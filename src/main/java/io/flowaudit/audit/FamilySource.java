package io.flowaudit.audit;

import io.flowaudit.input.YamlNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;

/**
 * A certified random family named in a claim file, {@code field: {family: NAME, setting: value, ...}},
 * with each setting validated against the family's declared kind (an integer range, a decimal range or
 * a choice) so a wrong value is reported at its line.
 */
record FamilySource(FieldFamily family, Map<String, Object> settings) implements FieldSource {

    /** What a claim file can name: a family, its settings, and the starts it generates. */
    interface FieldFamily {
        String name();

        String description();

        List<Setting> settings();

        /** Fields, each with an initial state and horizon inside the field's certified domain. */
        Arbitrary<InstanceSpace.Start> starts(Map<String, Object> settings);
    }

    enum Kind { INT_RANGE, DOUBLE_RANGE, CHOICE }

    /** A family setting: its kind, default (int[]{min,max}, double[]{min,max} or String) and choices. */
    record Setting(String name, Kind kind, Object defaultValue, List<String> choices, String description) {
    }

    static FamilySource read(YamlNode node) {
        YamlNode name = node.require("family", "a family name, one of " + FamilyRegistry.names()
                + ", or system: a system file");
        FieldFamily family = FamilyRegistry.find(name.text())
                .orElseThrow(() -> name.error("unknown family '" + name.text() + "', expected one of "
                        + FamilyRegistry.names()));
        List<String> keys = new ArrayList<>(List.of("family"));
        family.settings().forEach(setting -> keys.add(setting.name()));
        node.requireKeysAmong(keys);
        Map<String, Object> settings = new LinkedHashMap<>();
        for (Setting setting : family.settings()) {
            settings.put(setting.name(), node.optional(setting.name()).map(value -> read(setting, value))
                    .orElse(setting.defaultValue()));
        }
        return new FamilySource(family, settings);
    }

    private static Object read(Setting setting, YamlNode value) {
        switch (setting.kind()) {
            case INT_RANGE:
                return value.requireIntRange();
            case DOUBLE_RANGE:
                return value.requireRange();
            default:
                return value.requireOneOf(setting.choices());
        }
    }

    @Override
    public Arbitrary<InstanceSpace.Start> starts() {
        return family.starts(settings);
    }

    @Override
    public Map<String, String> describe() {
        Map<String, String> space = new LinkedHashMap<>();
        space.put("family", family.name() + ": " + family.description());
        settings.forEach((name, value) -> space.put(name, render(value)));
        return space;
    }

    private static String render(Object value) {
        if (value instanceof int[]) {
            int[] range = (int[]) value;
            return range[0] == range[1] ? Integer.toString(range[0]) : range[0] + ".." + range[1];
        }
        if (value instanceof double[]) {
            return InstanceSpace.range((double[]) value);
        }
        return String.valueOf(value);
    }
}
