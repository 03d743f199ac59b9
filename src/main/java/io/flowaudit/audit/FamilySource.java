package io.flowaudit.audit;

import io.flowaudit.claim.Claim;
import io.flowaudit.field.Reach;
import io.flowaudit.input.InputLimits;
import io.flowaudit.input.YamlNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;

/**
 * A certified random family named in a claim file, {@code field: {family: NAME, setting: value, ...}},
 * each setting validated against the family's declared kind (an integer range, a decimal range or a
 * choice) so a wrong value is reported at its line.
 *
 * <p>Every family declares where its starts are drawn ({@link FieldFamily#INITIAL_RADIUS},
 * {@link FieldFamily#HORIZON}): each drawn field is certified for the largest initial radius (plus the
 * claim's reach) and horizon, and draws x_0 within a radius from the range itself
 * ({@link Claim.Start#drawn}).
 */
record FamilySource(FieldFamily family, Map<String, Object> settings, double[] initialRadius, double[] horizon)
        implements FieldSource {

    static FamilySource read(YamlNode node) {
        YamlNode name = node.require("family", "a family name, one of " + Families.ALL.names()
                + ", or system: a system file");
        FieldFamily family = Families.ALL.find(name.text()).orElseThrow(() -> name.error("unknown family '"
                + name.text() + "', expected one of " + Families.ALL.names()));
        List<String> keys = new ArrayList<>(List.of("family"));
        family.settings().forEach(setting -> keys.add(setting.name()));
        node.requireKeysAmong(keys);
        Map<String, Object> settings = new LinkedHashMap<>();
        for (FamilySetting setting : family.settings()) {
            node.optional(setting.name()).ifPresent(value -> settings.put(setting.name(), read(setting, value)));
        }
        try {
            family.arbitrary(settings);
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
        double[] radius = startRange(node, family, FieldFamily.INITIAL_RADIUS, 0);
        double[] horizon = startRange(node, family, FieldFamily.HORIZON, Double.MIN_VALUE);
        return new FamilySource(family, settings, radius, horizon);
    }

    private static double[] startRange(YamlNode node, FieldFamily family, String name, double least) {
        FamilySetting setting = family.settings().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("family " + family.name() + " declares no " + name));
        return node.optional(name).map(value -> {
            double[] range = value.requireRange();
            if (range[0] < least) {
                throw value.error(name + (least > 0 ? " must be positive" : " must be at least 0"));
            }
            return range;
        }).orElse((double[]) setting.defaultValue());
    }

    private static Object read(FamilySetting setting, YamlNode value) {
        switch (setting.kind()) {
            case INT_RANGE: {
                // sizes (dimension, tokens, widths, hidden units, heads, rounds): the work grows with their product
                int[] range = value.requireIntRange();
                if (range[0] < 0 || range[1] > InputLimits.MAX_FAMILY_SIZE) {
                    throw value.error(setting.name() + " must lie within 0.." + InputLimits.MAX_FAMILY_SIZE + ", got "
                            + range[0] + ".." + range[1]);
                }
                return range;
            }
            case DOUBLE_RANGE:
                return value.requireRange();
            default:
                return value.requireOneOf(setting.choices());
        }
    }

    @Override
    public Arbitrary<Claim.Start> starts(Reach reach) {
        return family.arbitrary(settings).flatMap(field -> Claim.Start.drawn(field, initialRadius, horizon,
                reach));
    }

    @Override
    public Map<String, String> describe() {
        Map<String, String> space = new LinkedHashMap<>();
        space.put("family", family.name() + ": " + family.description());
        for (FamilySetting setting : family.settings()) {
            space.put(setting.label(), render(settings.getOrDefault(setting.name(), setting.defaultValue())));
        }
        return space;
    }

    private static String render(Object value) {
        if (value instanceof int[]) {
            int[] range = (int[]) value;
            return range[0] == range[1] ? Integer.toString(range[0]) : range[0] + ".." + range[1];
        }
        if (value instanceof double[]) {
            return Claim.range((double[]) value);
        }
        return String.valueOf(value);
    }
}
