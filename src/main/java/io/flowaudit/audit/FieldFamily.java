package io.flowaudit.audit;

import io.flowaudit.field.CertifiedField;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.jqwik.api.Arbitrary;

/** A family of generated fields as claim files name it: its settings, and the arbitrary for given values. */
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

    List<FamilySetting> settings();

    /**
     * The arbitrary for these settings: a map from setting name to a value of the setting's kind,
     * already validated by the caller; a missing setting takes its default.
     *
     * @throws IllegalArgumentException for an unknown setting, a value of the wrong kind or a range
     *                                  the family cannot generate
     */
    Arbitrary<? extends CertifiedField> arbitrary(Map<String, Object> settings);

    /** A family from its parts; {@code factory} reads values through {@link SettingValues}. */
    static FieldFamily of(String name, String description, List<FamilySetting> settings,
            Function<SettingValues, Arbitrary<? extends CertifiedField>> factory) {
        List<FamilySetting> copy = List.copyOf(settings);
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
            public List<FamilySetting> settings() {
                return copy;
            }

            @Override
            public Arbitrary<? extends CertifiedField> arbitrary(Map<String, Object> values) {
                return factory.apply(new SettingValues(name, copy, values));
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
