package io.flowaudit.audit;

import java.util.List;
import java.util.Map;

/** The values of a family's settings, with defaults filled in and kinds checked. */
final class SettingValues {

    private final String family;
    private final List<FamilySetting> settings;
    private final Map<String, Object> values;

    SettingValues(String family, List<FamilySetting> settings, Map<String, Object> values) {
        this.family = family;
        this.settings = settings;
        this.values = Map.copyOf(values);
        for (String name : values.keySet()) {
            setting(name);
        }
    }

    private FamilySetting setting(String name) {
        for (FamilySetting setting : settings) {
            if (setting.name().equals(name)) {
                return setting;
            }
        }
        throw new IllegalArgumentException("family '" + family + "' has no setting '" + name + "'; its settings are "
                + settings.stream().map(FamilySetting::name).toList());
    }

    private Object value(String name, FamilySetting.Kind kind, Class<?> type) {
        FamilySetting setting = setting(name);
        if (setting.kind() != kind) {
            throw new IllegalStateException("setting '" + name + "' of family '" + family + "' is a " + setting.kind());
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
        int[] range = (int[]) value(name, FamilySetting.Kind.INT_RANGE, int[].class);
        requirePair(name, range.length);
        return range.clone();
    }

    /** {@code {min, max}}. */
    double[] doubleRange(String name) {
        double[] range = (double[]) value(name, FamilySetting.Kind.DOUBLE_RANGE, double[].class);
        requirePair(name, range.length);
        return range.clone();
    }

    /** One of the setting's choices. */
    String choice(String name) {
        String choice = (String) value(name, FamilySetting.Kind.CHOICE, String.class);
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
