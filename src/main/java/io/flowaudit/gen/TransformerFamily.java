package io.flowaudit.gen;

import io.flowaudit.field.CertifiedField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.jqwik.api.Arbitrary;

/**
 * A transformer field family as a catalogue registers it: a name ({@code softmax-attention}, ...), its
 * settings with their kinds and defaults, and the arbitrary of instances for given settings. Settings
 * values are {@code int[]{min, max}} for {@link SettingKind#INT_RANGE}, {@code double[]{min, max}} for
 * {@link SettingKind#DOUBLE_RANGE} and a {@code String} for {@link SettingKind#CHOICE}.
 */
public final class TransformerFamily {

    public enum SettingKind { INT_RANGE, DOUBLE_RANGE, CHOICE }

    /**
     * One setting: for a choice, {@code choices} lists the allowed values; otherwise it is empty.
     * {@code defaultValue} has the type of the kind.
     */
    public record Setting(String name, SettingKind kind, Object defaultValue, List<String> choices,
            String description) {

        public Setting {
            choices = List.copyOf(choices);
        }

        static Setting intRange(String name, int min, int max, String description) {
            return new Setting(name, SettingKind.INT_RANGE, new int[] {min, max}, List.of(), description);
        }

        static Setting doubleRange(String name, double min, double max, String description) {
            return new Setting(name, SettingKind.DOUBLE_RANGE, new double[] {min, max}, List.of(), description);
        }

        static Setting choice(String name, String defaultValue, List<String> choices, String description) {
            return new Setting(name, SettingKind.CHOICE, defaultValue, choices, description);
        }
    }

    /** Settings with defaults filled in, read by the family's factory. */
    static final class Values {

        private final Map<String, Object> values;

        private Values(Map<String, Object> values) {
            this.values = values;
        }

        int[] intRange(String name) {
            return (int[]) values.get(name);
        }

        double[] doubleRange(String name) {
            return (double[]) values.get(name);
        }

        String choice(String name) {
            return (String) values.get(name);
        }
    }

    private final String name;
    private final String description;
    private final List<Setting> settings;
    private final Function<Values, Arbitrary<? extends CertifiedField>> factory;

    TransformerFamily(String name, String description, List<Setting> settings,
            Function<Values, Arbitrary<? extends CertifiedField>> factory) {
        this.name = name;
        this.description = description;
        this.settings = List.copyOf(settings);
        this.factory = factory;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public List<Setting> settings() {
        return settings;
    }

    /** Every setting's default, by name, in declaration order. */
    public Map<String, Object> defaults() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        for (Setting setting : settings) {
            defaults.put(setting.name(), setting.defaultValue());
        }
        return defaults;
    }

    /**
     * Instances for these settings; a setting left out takes its default.
     *
     * @throws IllegalArgumentException for an unknown setting or a value of the wrong kind
     */
    public Arbitrary<CertifiedField> arbitrary(Map<String, Object> given) {
        Map<String, Object> values = defaults();
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, Object> entry : given.entrySet()) {
            Setting setting = settings.stream().filter(s -> s.name().equals(entry.getKey())).findFirst().orElse(null);
            if (setting == null) {
                unknown.add(entry.getKey());
            } else {
                values.put(setting.name(), checked(setting, entry.getValue()));
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(name + ": unknown setting(s) " + unknown + "; known: "
                    + String.join(", ", defaults().keySet()));
        }
        return factory.apply(new Values(values)).map(field -> (CertifiedField) field);
    }

    private Object checked(Setting setting, Object value) {
        boolean valid;
        switch (setting.kind()) {
            case INT_RANGE:
                valid = value instanceof int[] range && range.length == 2 && range[0] <= range[1];
                break;
            case DOUBLE_RANGE:
                valid = value instanceof double[] range && range.length == 2 && range[0] <= range[1];
                break;
            default:
                valid = value instanceof String choice && setting.choices().contains(choice);
                break;
        }
        if (!valid) {
            throw new IllegalArgumentException(name + ": setting '" + setting.name() + "' must be "
                    + expected(setting) + ", got " + describe(value));
        }
        return value;
    }

    private static String describe(Object value) {
        if (value instanceof int[] ints) {
            return "int[]" + Arrays.toString(ints);
        }
        if (value instanceof double[] doubles) {
            return "double[]" + Arrays.toString(doubles);
        }
        return String.valueOf(value);
    }

    private static String expected(Setting setting) {
        switch (setting.kind()) {
            case INT_RANGE:
                return "int[]{min, max} with min <= max";
            case DOUBLE_RANGE:
                return "double[]{min, max} with min <= max";
            default:
                return "one of " + setting.choices();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
