package io.flowaudit.audit;

import io.flowaudit.field.CertifiedField;
import io.flowaudit.field.family.FamilyField;
import io.flowaudit.field.transformer.TransformerField;
import io.flowaudit.gen.FamilySetting;
import io.flowaudit.gen.FieldFamily;
import io.flowaudit.gen.States;
import io.flowaudit.input.InputLimits;
import io.flowaudit.input.YamlNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * A certified random family named in a claim file, {@code field: {family: NAME, setting: value, ...}},
 * each setting validated against the family's declared kind (an integer range, a decimal range or a
 * choice) so a wrong value is reported at its line.
 *
 * <p>Starts (a field, x_0, T) come from where each kind of family certifies its constants: the
 * families of {@code field.family} are re-certified on the region that holds every trajectory and
 * layer iterate from {@code |x_0| <= max initial-radius} (plus the claim's reach) over
 * {@code [0, max horizon]}, and x_0 and T are drawn below those maxima; a transformer field carries its
 * certified domain (initial token radius, horizon), draws x_0 inside it and is re-certified for the
 * reach.
 */
record FamilySource(FieldFamily family, Map<String, Object> settings, double[] initialRadius, double[] horizon)
        implements FieldSource {

    /** Settings every {@code field.family} family takes here: where x_0 and T are drawn. */
    static final List<FamilySetting> START_SETTINGS = List.of(
            FamilySetting.doubleRange("initial-radius", 0, 1, "|x_0| is drawn in this range"),
            FamilySetting.doubleRange("horizon", 0.5, 2, "T is drawn in this range"));

    static FamilySource read(YamlNode node) {
        YamlNode name = node.require("family", "a family name, one of " + FamilyRegistry.names()
                + ", or system: a system file");
        FieldFamily family = FamilyRegistry.find(name.text()).orElseThrow(() -> name.error("unknown family '"
                + name.text() + "', expected one of " + FamilyRegistry.names()));
        boolean transformer = FamilyRegistry.isTransformer(family);
        List<String> keys = new ArrayList<>(List.of("family"));
        family.settings().forEach(setting -> keys.add(setting.name()));
        if (!transformer) {
            START_SETTINGS.forEach(setting -> keys.add(setting.name()));
        }
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
        if (transformer) {
            return new FamilySource(family, settings, null, null);
        }
        double[] radius = startRange(node, START_SETTINGS.get(0), 0);
        double[] horizon = startRange(node, START_SETTINGS.get(1), Double.MIN_VALUE);
        return new FamilySource(family, settings, radius, horizon);
    }

    private static double[] startRange(YamlNode node, FamilySetting setting, double least) {
        return node.optional(setting.name()).map(value -> {
            double[] range = value.requireRange();
            if (range[0] < least) {
                throw value.error(setting.name() + (least > 0 ? " must be positive" : " must be at least 0"));
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
    public Arbitrary<InstanceSpace.Start> starts(InstanceSpace.Reach reach) {
        return family.arbitrary(settings).flatMap(field -> startsFor(field, reach));
    }

    private Arbitrary<InstanceSpace.Start> startsFor(CertifiedField field, InstanceSpace.Reach reach) {
        if (field instanceof TransformerField) {
            return InstanceSpace.Start.ofTransformer((TransformerField) field, reach);
        }
        FamilyField certified = ((FamilyField) field).certifiedFor(initialRadius[1] + reach.radius(horizon[1]),
                horizon[1]);
        Arbitrary<double[]> initial = Arbitraries.doubles().between(initialRadius[0], initialRadius[1])
                .flatMap(radius -> States.inBall(field.dimension(), radius));
        Arbitrary<Double> horizons = Arbitraries.doubles().between(horizon[0], horizon[1]).ofScale(3);
        return Combinators.combine(initial, horizons).as((x0, t) -> new InstanceSpace.Start(certified, x0, t));
    }

    @Override
    public Map<String, String> describe() {
        Map<String, String> space = new LinkedHashMap<>();
        space.put("family", family.name() + ": " + family.description());
        for (FamilySetting setting : family.settings()) {
            space.put(setting.name(), render(settings.getOrDefault(setting.name(), setting.defaultValue())));
        }
        if (initialRadius != null) {
            space.put("|x0|", InstanceSpace.range(initialRadius));
            space.put("horizon T", InstanceSpace.range(horizon));
        }
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
