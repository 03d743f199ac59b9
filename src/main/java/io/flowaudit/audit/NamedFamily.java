package io.flowaudit.audit;

import io.flowaudit.claim.Claim;
import io.flowaudit.claim.Claim.FieldSource;
import io.flowaudit.field.CertifiedField;
import io.flowaudit.input.InputLimits;
import io.flowaudit.input.YamlNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import net.jqwik.api.Arbitrary;

/**
 * A family of generated fields as claim files name it ({@link Families} holds them all): its settings
 * ({@link Setting}), the arbitrary for given values ({@link Values}), and the reading of a claim file's
 * {@code field: {family: NAME, setting: value, ...}} into its fields, each setting validated against its
 * declared kind (an integer range, a decimal range or a choice) so a wrong value is reported at its line.
 *
 * <p>Every family declares where its starts are drawn ({@link #INITIAL_RADIUS}, {@link #HORIZON}): each drawn
 * field is certified for the largest initial radius (plus the claim's reach) and horizon, and draws x_0 within a
 * radius from the range itself ({@link FieldSource#drawn}).
 */
final class NamedFamily {

    /**
     * Every family declares this setting and {@link #HORIZON}: the range of radii its starts' x_0 are
     * drawn within, and of their horizons T. The audit draws starts from them (the field draws x_0 its
     * own way: {@link CertifiedField#initialStates}) and certifies each field for the largest of both.
     * {@link #arbitrary} reads them only to check another setting against them (the block's centred floor,
     * which no start's radius may be below).
     */
    static final String INITIAL_RADIUS = "initial-radius";
    static final String HORIZON = "horizon";

    private final String name;
    private final String description;
    private final List<Setting> settings;
    private final Function<Values, Arbitrary<? extends CertifiedField>> factory;

    private NamedFamily(String name, String description, List<Setting> settings,
            Function<Values, Arbitrary<? extends CertifiedField>> factory) {
        this.name = name;
        this.description = description;
        this.settings = List.copyOf(settings);
        this.factory = factory;
    }

    /** A family from its parts; {@code factory} reads values through {@link Values}. */
    static NamedFamily of(String name, String description, List<Setting> settings,
            Function<Values, Arbitrary<? extends CertifiedField>> factory) {
        return new NamedFamily(name, description, settings, factory);
    }

    /** The name claim files use, e.g. {@code linear}. */
    String name() {
        return name;
    }

    /** One line for the report's hypothesis space. */
    String description() {
        return description;
    }

    List<Setting> settings() {
        return settings;
    }

    /**
     * The arbitrary for these settings: a map from setting name to a value of the setting's kind,
     * already validated by the caller; a missing setting takes its default.
     *
     * @throws IllegalArgumentException for an unknown setting, a value of the wrong kind or a range
     *                                  the family cannot generate
     */
    Arbitrary<? extends CertifiedField> arbitrary(Map<String, Object> values) {
        return factory.apply(new Values(name, settings, values));
    }

    /** The fields a claim file's {@code field:} node of this family names, with its settings read and checked. */
    FieldSource read(YamlNode node) {
        List<String> keys = new ArrayList<>(List.of("family"));
        settings.forEach(setting -> keys.add(setting.name()));
        node.requireKeysAmong(keys);
        Map<String, Object> values = new LinkedHashMap<>();
        for (Setting setting : settings) {
            node.optional(setting.name()).ifPresent(value -> values.put(setting.name(), value(setting, value)));
        }
        Arbitrary<? extends CertifiedField> fields;
        try {
            fields = arbitrary(values);
        } catch (IllegalArgumentException e) {
            throw settingRefusedAlone(values, e.getMessage()).flatMap(node::optional).orElse(node).error(e.getMessage());
        }
        double[] radius = startRange(node, INITIAL_RADIUS, 0);
        double[] horizon = startRange(node, HORIZON, Double.MIN_VALUE);
        return FieldSource.drawn(fields, radius, horizon, describe(values));
    }

    /** The hypothesis space in words: the family and every setting, as given or at its default. */
    private Map<String, String> describe(Map<String, Object> values) {
        Map<String, String> space = new LinkedHashMap<>();
        space.put("family", name + ": " + description);
        for (Setting setting : settings) {
            space.put(setting.label(), render(values.getOrDefault(setting.name(), setting.defaultValue())));
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

    /**
     * The setting that the family refuses with this very message when it is the only one given (the others at their
     * defaults), so the error is reported at its line; none when the refusal needs several settings together.
     */
    private Optional<String> settingRefusedAlone(Map<String, Object> values, String message) {
        for (Map.Entry<String, Object> setting : values.entrySet()) {
            try {
                arbitrary(Map.of(setting.getKey(), setting.getValue()));
            } catch (IllegalArgumentException alone) {
                if (message.equals(alone.getMessage())) {
                    return Optional.of(setting.getKey());
                }
            }
        }
        return Optional.empty();
    }

    private double[] startRange(YamlNode node, String setting, double least) {
        Setting declared = settings.stream().filter(s -> s.name().equals(setting)).findFirst()
                .orElseThrow(() -> new IllegalStateException("family " + name + " declares no " + setting));
        return node.optional(setting).map(value -> {
            double[] range = value.requireRange();
            if (range[0] < least) {
                throw value.error(setting + (least > 0 ? " must be positive" : " must be at least 0"));
            }
            return range;
        }).orElse((double[]) declared.defaultValue());
    }

    private static Object value(Setting setting, YamlNode value) {
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
    public String toString() {
        return name;
    }

    /**
     * One setting of a field family, as a claim file may give it: a range of integers, a range of reals,
     * or a choice among names. Values (and defaults) are {@code int[]{min, max}},
     * {@code double[]{min, max}} or a {@code String} from {@link #choices()}.
     *
     * @param label the name the report's hypothesis space gives the setting (its claim-file name unless
     *              {@link #shownAs} says otherwise)
     */
    record Setting(String name, Kind kind, Object defaultValue, List<String> choices, String description,
            String label) {

        enum Kind { INT_RANGE, DOUBLE_RANGE, CHOICE }

        static Setting intRange(String name, int min, int max, String description) {
            return new Setting(name, Kind.INT_RANGE, new int[] {min, max}, List.of(), description, name);
        }

        static Setting doubleRange(String name, double min, double max, String description) {
            return new Setting(name, Kind.DOUBLE_RANGE, new double[] {min, max}, List.of(), description, name);
        }

        /** A choice whose default is the first of {@code choices}. */
        static Setting choice(String name, List<String> choices, String description) {
            return choice(name, choices.get(0), choices, description);
        }

        static Setting choice(String name, String defaultValue, List<String> choices, String description) {
            return new Setting(name, Kind.CHOICE, defaultValue, List.copyOf(choices), description, name);
        }

        /** This setting shown in the report as {@code label}. */
        Setting shownAs(String label) {
            return new Setting(name, kind, defaultValue, choices, description, label);
        }
    }

    /** The values of a family's settings, with defaults filled in and kinds checked. */
    static final class Values {

        private final String family;
        private final List<Setting> settings;
        private final Map<String, Object> values;

        Values(String family, List<Setting> settings, Map<String, Object> values) {
            this.family = family;
            this.settings = settings;
            this.values = Map.copyOf(values);
            for (String name : values.keySet()) {
                setting(name);
            }
        }

        private Setting setting(String name) {
            for (Setting setting : settings) {
                if (setting.name().equals(name)) {
                    return setting;
                }
            }
            throw new IllegalArgumentException("family '" + family + "' has no setting '" + name
                    + "'; its settings are " + settings.stream().map(Setting::name).toList());
        }

        private Object value(String name, Setting.Kind kind, Class<?> type) {
            Setting setting = setting(name);
            if (setting.kind() != kind) {
                throw new IllegalStateException("setting '" + name + "' of family '" + family + "' is a "
                        + setting.kind());
            }
            Object value = values.getOrDefault(name, setting.defaultValue());
            if (!type.isInstance(value)) {
                throw new IllegalArgumentException("setting '" + name + "' of family '" + family + "' needs a "
                        + type.getSimpleName() + ", got " + value);
            }
            return value;
        }

        /** Whether the family has this setting at all (some families leave out a setting their kin have). */
        boolean declares(String name) {
            return settings.stream().anyMatch(setting -> setting.name().equals(name));
        }

        /** {@code {min, max}}. */
        int[] intRange(String name) {
            int[] range = (int[]) value(name, Setting.Kind.INT_RANGE, int[].class);
            requirePair(name, range.length);
            return range.clone();
        }

        /** {@code {min, max}}. */
        double[] doubleRange(String name) {
            double[] range = (double[]) value(name, Setting.Kind.DOUBLE_RANGE, double[].class);
            requirePair(name, range.length);
            return range.clone();
        }

        /** One of the setting's choices. */
        String choice(String name) {
            String choice = (String) value(name, Setting.Kind.CHOICE, String.class);
            if (!setting(name).choices().contains(choice)) {
                throw new IllegalArgumentException("setting '" + name + "' of family '" + family + "' must be one of "
                        + setting(name).choices() + ", got '" + choice + "'");
            }
            return choice;
        }

        private void requirePair(String name, int length) {
            if (length != 2) {
                throw new IllegalArgumentException("setting '" + name + "' of family '" + family
                        + "' needs {min, max}, got " + length + " values");
            }
        }
    }
}
