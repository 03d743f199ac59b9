package io.flowaudit.audit;

import java.util.Arrays;
import java.util.List;

/**
 * One setting of a field family, as a claim file may give it: a range of integers, a range of reals,
 * or a choice among names. Values (and defaults) are {@code int[]{min, max}},
 * {@code double[]{min, max}} or a {@code String} from {@link #choices()}.
 *
 * @param label the name the report's hypothesis space gives the setting (its claim-file name unless
 *              {@link #shownAs} says otherwise)
 */
record FamilySetting(String name, Kind kind, Object defaultValue, List<String> choices, String description,
        String label) {

    enum Kind { INT_RANGE, DOUBLE_RANGE, CHOICE }

    static FamilySetting intRange(String name, int min, int max, String description) {
        return new FamilySetting(name, Kind.INT_RANGE, new int[] {min, max}, List.of(), description, name);
    }

    static FamilySetting doubleRange(String name, double min, double max, String description) {
        return new FamilySetting(name, Kind.DOUBLE_RANGE, new double[] {min, max}, List.of(), description, name);
    }

    /** A choice whose default is the first of {@code choices}. */
    static FamilySetting choice(String name, List<String> choices, String description) {
        return choice(name, choices.get(0), choices, description);
    }

    static FamilySetting choice(String name, String defaultValue, List<String> choices, String description) {
        return new FamilySetting(name, Kind.CHOICE, defaultValue, List.copyOf(choices), description, name);
    }

    /** This setting shown in the report as {@code label}. */
    FamilySetting shownAs(String label) {
        return new FamilySetting(name, kind, defaultValue, choices, description, label);
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
