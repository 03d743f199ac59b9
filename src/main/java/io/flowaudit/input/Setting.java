package io.flowaudit.input;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One setting a claim file may give, declared by what reads it (a theorem check, a field family): the key, the value
 * when the file gives none, and how a value is read and checked (with the file, line and what was expected when it
 * is not valid). Whoever reads a setting reads it through the same constant that declares it ({@link Values#get}).
 *
 * @param <V> the setting's value type
 */
public record Setting<V>(String key, V fallback, Function<YamlNode, V> reader) {

    /** The same setting with another value when the file gives none (a family whose range differs from its kin's). */
    public Setting<V> withFallback(V otherFallback) {
        return new Setting<>(key, otherFallback, reader);
    }

    /** A positive number, e.g. a tolerance. */
    public static Setting<Double> positive(String key, double fallback) {
        return new Setting<>(key, fallback, node -> {
            double value = node.requireDecimal().doubleValue();
            if (!(value > 0)) {
                throw node.error(key + " must be positive, got " + node.text());
            }
            return value;
        });
    }

    /** A positive number as the exact decimal written, for a proof that must compare with it (0.3 is not a double). */
    public static Setting<BigDecimal> positiveDecimal(String key, BigDecimal fallback) {
        return new Setting<>(key, fallback, node -> {
            BigDecimal value = node.requireDecimal();
            if (value.signum() <= 0) {
                throw node.error(key + " must be positive, got " + node.text());
            }
            return value;
        });
    }

    /** A number in (0, most], e.g. an inverse temperature whose solve slows beyond most. */
    public static Setting<Double> positiveAtMost(String key, double fallback, double most) {
        return new Setting<>(key, fallback, node -> {
            double value = node.requireDecimal().doubleValue();
            if (!(value > 0 && value <= most)) {
                throw node.error(key + " must be in (0, " + BigDecimal.valueOf(most).stripTrailingZeros()
                        .toPlainString() + "], got " + node.text());
            }
            return value;
        });
    }

    /** Any number, e.g. an offset. */
    public static Setting<Double> number(String key, double fallback) {
        return new Setting<>(key, fallback, node -> node.requireDecimal().doubleValue());
    }

    /** An integer from {@code least} to {@code most}; the fallback may lie outside to mean "not stated". */
    public static Setting<Integer> integerBetween(String key, int fallback, int least, int most) {
        return new Setting<>(key, fallback, node -> {
            int value = node.requireInt();
            if (value < least || value > most) {
                throw node.error(key + " must be between " + least + " and " + most + ", got " + node.text());
            }
            return value;
        });
    }

    public static Setting<Boolean> flag(String key, boolean fallback) {
        return new Setting<>(key, fallback, YamlNode::requireBoolean);
    }

    /** One of {@code names}, standing for {@code value(name)}; the fallback is the first name's. */
    public static <V> Setting<V> choice(String key, List<String> names, Function<String, V> value) {
        return new Setting<>(key, value.apply(names.get(0)), node -> value.apply(node.requireOneOf(names)));
    }

    /** One of {@code names}, itself; the fallback is the first. */
    public static Setting<String> oneOf(String key, List<String> names) {
        return choice(key, List.copyOf(names), Function.identity());
    }

    /** A range of reals {@code {min, max}} (a single number is the range of one), from {@code min} to {@code max}. */
    public static Setting<double[]> range(String key, double min, double max) {
        return new Setting<>(key, new double[] {min, max}, YamlNode::requireRange);
    }

    /**
     * A range of sizes {@code {min, max}} (dimensions, tokens, widths, hidden units, heads, rounds) within
     * 0..{@link InputLimits#MAX_FAMILY_SIZE}: the work grows with their product.
     */
    public static Setting<int[]> sizeRange(String key, int min, int max) {
        return new Setting<>(key, new int[] {min, max}, node -> {
            int[] range = node.requireIntRange();
            if (range[0] < 0 || range[1] > InputLimits.MAX_FAMILY_SIZE) {
                throw node.error(key + " must lie within 0.." + InputLimits.MAX_FAMILY_SIZE + ", got " + range[0]
                        + ".." + range[1]);
            }
            return range;
        });
    }

    /** The values of one reader's settings: those given, read and checked, the others' fallbacks. */
    public static final class Values {

        private final Map<String, Object> values = new LinkedHashMap<>();
        private final Map<String, Object> given = new LinkedHashMap<>();
        private final Map<String, YamlNode> nodes = new LinkedHashMap<>();

        private Values(List<Setting<?>> settings) {
            for (Setting<?> setting : settings) {
                values.put(setting.key(), setting.fallback());
            }
        }

        private void give(String key, Object value) {
            values.put(key, value);
            given.put(key, value);
        }

        /** Reads every one of {@code settings} that {@code node}, a claim file's map, gives. */
        public static Values read(YamlNode node, List<Setting<?>> settings) {
            Values read = new Values(settings);
            for (Setting<?> setting : settings) {
                node.optional(setting.key()).ifPresent(value -> {
                    read.nodes.put(setting.key(), value);
                    read.give(setting.key(), setting.reader().apply(value));
                });
            }
            return read;
        }

        /**
         * Values given as data, by key, already valid for their settings (what a file would give, read): only their
         * type is checked here, not what the settings' readers check.
         *
         * @throws IllegalArgumentException for a key none of {@code settings} has, or a value of another type than
         *                                  its setting's fallback
         */
        public static Values of(List<Setting<?>> settings, Map<String, ?> given) {
            Values values = new Values(settings);
            given.forEach((key, value) -> {
                Object fallback = values.values.get(key);
                if (fallback == null) {
                    throw new IllegalArgumentException("no setting '" + key + "'; the settings are "
                            + List.copyOf(values.values.keySet()));
                }
                if (!fallback.getClass().isInstance(value)) {
                    throw new IllegalArgumentException("setting '" + key + "' needs a "
                            + fallback.getClass().getSimpleName() + ", got " + value);
                }
                values.give(key, value);
            });
            return values;
        }

        /**
         * The setting's value, a range a fresh copy (the fallbacks are shared); asked through the constant that
         * declared it or one made from it by {@link Setting#withFallback}, so of its type.
         */
        @SuppressWarnings("unchecked")
        public <V> V get(Setting<V> setting) {
            if (!values.containsKey(setting.key())) {
                throw new IllegalArgumentException("the setting '" + setting.key() + "' was not declared");
            }
            Object value = values.get(setting.key());
            if (value instanceof int[] range) {
                return (V) range.clone();
            }
            return (V) (value instanceof double[] range ? range.clone() : value);
        }

        /** Whether the reader declared this setting (some families leave out a setting their kin have). */
        public boolean declares(Setting<?> setting) {
            return values.containsKey(setting.key());
        }

        /** The values given, by key: those a file gave, in the order of the settings. */
        public Map<String, Object> given() {
            return Collections.unmodifiableMap(given);
        }

        /** Where the file gave the setting, for a problem that involves two settings. */
        public Optional<YamlNode> node(Setting<?> setting) {
            return Optional.ofNullable(nodes.get(setting.key()));
        }
    }
}
