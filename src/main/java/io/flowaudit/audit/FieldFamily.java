package io.flowaudit.audit;

import io.flowaudit.field.CertifiedField;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.jqwik.api.Arbitrary;

/**
 * A family of generated fields as claim files name it: its settings ({@link Setting}), and the arbitrary for
 * given values ({@link Values}); the three are one concept, kept in one file.
 */
interface FieldFamily {

    /**
     * Every family declares this setting and {@link #HORIZON}: the range of radii its starts' x_0 are
     * drawn within, and of their horizons T. The audit draws starts from them (the field draws x_0 its
     * own way: {@link CertifiedField#initialStates}) and certifies each field for the largest of both;
     * {@link #arbitrary} does not read them.
     */
    String INITIAL_RADIUS = "initial-radius";
    String HORIZON = "horizon";

    /** The name claim files use, e.g. {@code linear}. */
    String name();

    /** One line for help output. */
    String description();

    List<Setting> settings();

    /**
     * The arbitrary for these settings: a map from setting name to a value of the setting's kind,
     * already validated by the caller; a missing setting takes its default.
     *
     * @throws IllegalArgumentException for an unknown setting, a value of the wrong kind or a range
     *                                  the family cannot generate
     */
    Arbitrary<? extends CertifiedField> arbitrary(Map<String, Object> settings);

    /** A family from its parts; {@code factory} reads values through {@link Values}. */
    static FieldFamily of(String name, String description, List<Setting> settings,
            Function<Values, Arbitrary<? extends CertifiedField>> factory) {
        List<Setting> copy = List.copyOf(settings);
        return new FieldFamily() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public List<Setting> settings() {
                return copy;
            }

            @Override
            public Arbitrary<? extends CertifiedField> arbitrary(Map<String, Object> values) {
                return factory.apply(new Values(name, copy, values));
            }

            @Override
            public String toString() {
                return name;
            }
        };
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

        /** The default as text for help output: {@code [1, 8]}, {@code [0.0, 4.0]} or the choice. */
        String defaultText() {
            switch (kind) {
                case INT_RANGE:
                    return Arrays.toString((int[]) defaultValue);
                case DOUBLE_RANGE:
                    return Arrays.toString((double[]) defaultValue);
                default:
                    return (String) defaultValue;
            }
        }
    }

    /** The values of a family's settings, with defaults filled in and kinds checked. */
    final class Values {

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
