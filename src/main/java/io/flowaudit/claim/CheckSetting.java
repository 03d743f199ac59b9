package io.flowaudit.claim;

import io.flowaudit.input.YamlNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One setting a theorem check reads from its claim file, declared by the check that reads it: the key,
 * the value when the file gives none, and how a value is read and checked (with the file, line and
 * what was expected when it is not valid).
 *
 * @param <V> the setting's value type
 */
record CheckSetting<V>(String key, V fallback, Function<YamlNode, V> reader) {

    /** A positive number, e.g. a tolerance. */
    static CheckSetting<Double> positive(String key, double fallback) {
        return new CheckSetting<>(key, fallback, node -> {
            double value = node.requireDecimal().doubleValue();
            if (!(value > 0)) {
                throw node.error(key + " must be positive, got " + node.text());
            }
            return value;
        });
    }

    /** A number in (0, most], e.g. an inverse temperature whose solve slows beyond most. */
    static CheckSetting<Double> positiveAtMost(String key, double fallback, double most) {
        return new CheckSetting<>(key, fallback, node -> {
            double value = node.requireDecimal().doubleValue();
            if (!(value > 0 && value <= most)) {
                throw node.error(key + " must be in (0, " + java.math.BigDecimal.valueOf(most).stripTrailingZeros()
                        .toPlainString() + "], got " + node.text());
            }
            return value;
        });
    }

    /** Any number, e.g. an offset. */
    static CheckSetting<Double> number(String key, double fallback) {
        return new CheckSetting<>(key, fallback, node -> node.requireDecimal().doubleValue());
    }

    /** An integer from {@code least} to {@code most}; the fallback may lie outside to mean "not stated". */
    static CheckSetting<Integer> integerBetween(String key, int fallback, int least, int most) {
        return new CheckSetting<>(key, fallback, node -> {
            int value = node.requireInt();
            if (value < least || value > most) {
                throw node.error(key + " must be between " + least + " and " + most + ", got " + node.text());
            }
            return value;
        });
    }

    static CheckSetting<Boolean> flag(String key, boolean fallback) {
        return new CheckSetting<>(key, fallback, YamlNode::requireBoolean);
    }

    /** One of {@code names}, standing for {@code value(name)}; the fallback is the first name's. */
    static <V> CheckSetting<V> choice(String key, List<String> names, Function<String, V> value) {
        return new CheckSetting<>(key, value.apply(names.get(0)), node -> value.apply(node.requireOneOf(names)));
    }

    /** The values of one claim's settings: those its file gives, read and checked, the others' fallbacks. */
    static final class Values {

        private final Map<String, Object> values = new LinkedHashMap<>();
        private final Map<String, YamlNode> nodes = new LinkedHashMap<>();

        /** Reads every one of {@code settings} from the claim file's top level {@code claim}. */
        static Values read(YamlNode claim, List<CheckSetting<?>> settings) {
            Values read = new Values();
            for (CheckSetting<?> setting : settings) {
                Optional<YamlNode> node = claim.optional(setting.key());
                node.ifPresent(n -> read.nodes.put(setting.key(), n));
                read.values.put(setting.key(), node.<Object>map(setting.reader()).orElse(setting.fallback()));
            }
            return read;
        }

        /** The setting's value; it must be one the check declared. */
        @SuppressWarnings("unchecked")
        <V> V get(CheckSetting<V> setting) {
            if (!values.containsKey(setting.key())) {
                throw new IllegalArgumentException("the check did not declare the setting '" + setting.key() + "'");
            }
            return (V) values.get(setting.key());
        }

        /** Where the file gave the setting, for a problem that involves two settings. */
        Optional<YamlNode> node(CheckSetting<?> setting) {
            return Optional.ofNullable(nodes.get(setting.key()));
        }
    }
}
