package io.flowaudit.audit;

import io.flowaudit.claim.Claim;
import io.flowaudit.claim.Claim.FieldSource;
import io.flowaudit.field.CertifiedField;
import io.flowaudit.field.InitialStates;
import io.flowaudit.input.Setting;
import io.flowaudit.input.YamlNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import net.jqwik.api.Arbitrary;

/**
 * A family of generated fields as claim files name it ({@link Families} holds them all): its settings (each an
 * {@link Setting}, read and checked as a theorem check's are, so a wrong value is reported at its line), the
 * arbitrary for their values, and the reading of a claim file's {@code field: {family: NAME, setting: value, ...}}
 * into its fields.
 *
 * <p>Every family declares where its starts are drawn ({@link #INITIAL_RADIUS}, {@link #HORIZON}): each drawn
 * field is certified for the largest initial radius (plus the claim's reach) and horizon, and draws x_0 within a
 * radius from the range itself ({@link FieldSource#drawn}).
 */
final class NamedFamily {

    /**
     * Every family declares this setting and {@link #HORIZON} (the token families with fallbacks of their own): the
     * range of radii its starts' x_0 are drawn within, and of their horizons T. The audit draws starts from them (the
     * field draws x_0 its own way: {@link CertifiedField#initialStates}) and certifies each field for the largest of
     * both. Only the block's arbitrary reads them too: it takes the radius range, so that its centred floor (which
     * no start's radius may be below) is checked against it and its domain holds it.
     */
    static final Setting<double[]> INITIAL_RADIUS = Setting.range("initial-radius", 0, 1);
    static final Setting<double[]> HORIZON = Setting.range("horizon", 0.5, 2);

    private final String name;
    private final String description;
    private final List<Setting<?>> settings;
    private final Map<String, String> labels;
    private final Function<Setting.Values, Arbitrary<? extends CertifiedField>> factory;

    private NamedFamily(String name, String description, List<Setting<?>> settings, Map<String, String> labels,
            Function<Setting.Values, Arbitrary<? extends CertifiedField>> factory) {
        this.name = name;
        this.description = description;
        this.settings = List.copyOf(settings);
        this.labels = Map.copyOf(labels);
        this.factory = factory;
    }

    /** A family from its parts; {@code factory} reads the settings' values by their constants. */
    static NamedFamily of(String name, String description, List<Setting<?>> settings,
            Function<Setting.Values, Arbitrary<? extends CertifiedField>> factory) {
        return new NamedFamily(name, description, settings, Map.of(), factory);
    }

    /** This family with settings shown in the report's hypothesis space under other names (key to label). */
    NamedFamily labelled(Map<String, String> otherLabels) {
        return new NamedFamily(name, description, settings, otherLabels, factory);
    }

    /** The name claim files use, e.g. {@code linear}. */
    String name() {
        return name;
    }

    List<Setting<?>> settings() {
        return settings;
    }

    /**
     * The arbitrary for these settings' values, by key, each valid for its setting; a missing setting takes its
     * fallback.
     *
     * @throws IllegalArgumentException for an unknown setting, a value of the wrong type or a range
     *                                  the family cannot generate
     */
    Arbitrary<? extends CertifiedField> arbitrary(Map<String, ?> values) {
        return factory.apply(Setting.Values.of(settings, values));
    }

    /** The fields a claim file's {@code field:} node of this family names, with its settings read and checked. */
    FieldSource read(YamlNode node) {
        List<String> keys = new ArrayList<>(List.of("family"));
        settings.forEach(setting -> keys.add(setting.key()));
        node.requireKeysAmong(keys);
        Setting.Values values = Setting.Values.read(node, settings);
        Arbitrary<? extends CertifiedField> fields;
        try {
            fields = factory.apply(values);
        } catch (IllegalArgumentException e) {
            throw settingRefusedAlone(values.given(), e.getMessage()).flatMap(node::optional).orElse(node)
                    .error(e.getMessage());
        }
        double[] radius = startRange(values, INITIAL_RADIUS, 0);
        values.node(INITIAL_RADIUS).ifPresent(given -> requireWithinBallLimit(given, radius));
        double[] horizon = startRange(values, HORIZON, Double.MIN_VALUE);
        return FieldSource.drawn(fields, radius, horizon, describe(values));
    }

    /** The hypothesis space in words: the family and every setting, as given or at its fallback. */
    private Map<String, String> describe(Setting.Values values) {
        Map<String, String> space = new LinkedHashMap<>();
        space.put("family", name + ": " + description);
        for (Setting<?> setting : settings) {
            space.put(labels.getOrDefault(setting.key(), setting.key()), render(values.get(setting)));
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
     * fallbacks), so the error is reported at its line; none when the refusal needs several settings together.
     */
    private Optional<String> settingRefusedAlone(Map<String, Object> given, String message) {
        for (Map.Entry<String, Object> setting : given.entrySet()) {
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

    /** A start setting's range, its least end at least {@code least} (a range a file gives; fallbacks are). */
    /**
     * Refuses start radii beyond {@link InitialStates#MAX_BALL_RADIUS} at {@code node}, for a family's range and a
     * weights layer's one radius alike: the norms of larger starts overflow (and a reference solution beyond 1e50 is
     * taken to blow up anyway).
     */
    static void requireWithinBallLimit(YamlNode node, double... radii) {
        if (Arrays.stream(radii).anyMatch(radius -> radius > InitialStates.MAX_BALL_RADIUS)) {
            throw node.error("initial-radius must be at most " + InitialStates.MAX_BALL_RADIUS + ", got "
                    + (radii.length == 1 ? Double.toString(radii[0]) : Claim.range(radii)));
        }
    }

    private static double[] startRange(Setting.Values values, Setting<double[]> setting, double least) {
        double[] range = values.get(setting);
        if (range[0] < least) {
            throw values.node(setting).orElseThrow().error(setting.key()
                    + (least > 0 ? " must be positive" : " must be at least 0"));
        }
        return range;
    }

    @Override
    public String toString() {
        return name;
    }
}
