package io.flowaudit.audit;

import io.flowaudit.audit.FieldFamily.Setting;
import io.flowaudit.claim.Claim;
import io.flowaudit.claim.Claim.FieldSource;
import io.flowaudit.field.Activation;
import io.flowaudit.field.CertifiedField;
import io.flowaudit.field.Reach;
import io.flowaudit.gen.AffineFieldArbitrary;
import io.flowaudit.gen.ContractiveFieldArbitrary;
import io.flowaudit.gen.FieldArbitrary;
import io.flowaudit.gen.Fields;
import io.flowaudit.gen.LinearShape;
import io.flowaudit.gen.MlpFieldArbitrary;
import io.flowaudit.gen.TimeDependentFieldArbitrary;
import io.flowaudit.input.InputLimits;
import io.flowaudit.input.YamlNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitrary;

/**
 * The field families claim files can name, with their settings: {@link #ALL} holds {@code linear},
 * {@code mlp}, {@code time-dependent} and {@code contractive} (the {@link #classic()} four), then the
 * {@link TransformerFamilies}. {@link #read} turns {@code field: {family: NAME, setting: value, ...}} into
 * the family's arbitrary, each setting validated against its declared kind (an integer range, a decimal
 * range or a choice) so a wrong value is reported at its line.
 *
 * <p>Every family declares where its starts are drawn ({@link FieldFamily#INITIAL_RADIUS},
 * {@link FieldFamily#HORIZON}): each drawn field is certified for the largest initial radius (plus the
 * claim's reach) and horizon, and draws x_0 within a radius from the range itself ({@link Claim.Start#drawn}).
 */
final class Families {

    private static final Setting DIMENSION = Setting.intRange("dimension", Fields.MIN_DIMENSION, Fields.MAX_DIMENSION,
            "state dimension D");
    private static final Setting LIPSCHITZ = Setting.doubleRange("lipschitz", Fields.MIN_LIPSCHITZ, Fields.MAX_LIPSCHITZ,
            "certified Lipschitz constant K");
    private static final List<Setting> STARTS = List.of(
            Setting.doubleRange(FieldFamily.INITIAL_RADIUS, 0, 1, "|x_0| is drawn in this range").shownAs("|x0|"),
            Setting.doubleRange(FieldFamily.HORIZON, 0.5, 2, "T is drawn in this range").shownAs("horizon T"));

    /** What a composite family (time-dependent, contractive) is built from; declared before {@link #ALL} reads it. */
    private static final List<String> COMPONENT_KINDS = List.of("any", "linear", "mlp");

    /** Every family a claim file can name. */
    static final Families ALL = classic().with(TransformerFamilies.families());

    private final List<FieldFamily> families;

    private Families(List<FieldFamily> families) {
        this.families = List.copyOf(families);
    }

    /** The four families of {@link Fields}' random fields. */
    static Families classic() {
        return new Families(List.of(linear(), mlp(), timeDependent(), contractive()));
    }

    /** These families and {@code more}, whose names must be new. */
    Families with(List<FieldFamily> more) {
        List<FieldFamily> extended = new ArrayList<>(families);
        for (FieldFamily family : more) {
            if (find(family.name()).isPresent()) {
                throw new IllegalArgumentException("a field family named '" + family.name()
                        + "' is already registered");
            }
            extended.add(family);
        }
        return new Families(extended);
    }

    List<FieldFamily> families() {
        return families;
    }

    List<String> names() {
        return families.stream().map(FieldFamily::name).toList();
    }

    Optional<FieldFamily> find(String name) {
        return families.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** The family with this name. */
    FieldFamily family(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown field family '" + name
                + "'; known families are " + names()));
    }

    /** The fields a claim file's {@code field:} node names by {@code family:}, with their settings read and checked. */
    FieldSource read(YamlNode node) {
        YamlNode name = node.require("family", "a family name, one of " + names() + ", or system: a system file");
        FieldFamily family = find(name.text()).orElseThrow(() -> name.error("unknown family '" + name.text()
                + "', expected one of " + names()));
        List<String> keys = new ArrayList<>(List.of("family"));
        family.settings().forEach(setting -> keys.add(setting.name()));
        node.requireKeysAmong(keys);
        Map<String, Object> settings = new LinkedHashMap<>();
        for (Setting setting : family.settings()) {
            node.optional(setting.name()).ifPresent(value -> settings.put(setting.name(), value(setting, value)));
        }
        Arbitrary<? extends CertifiedField> fields;
        try {
            fields = family.arbitrary(settings);
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
        double[] radius = startRange(node, family, FieldFamily.INITIAL_RADIUS, 0);
        double[] horizon = startRange(node, family, FieldFamily.HORIZON, Double.MIN_VALUE);
        return new FamilyFields(family, settings, fields, radius, horizon);
    }

    private static double[] startRange(YamlNode node, FieldFamily family, String name, double least) {
        Setting setting = family.settings().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("family " + family.name() + " declares no " + name));
        return node.optional(name).map(value -> {
            double[] range = value.requireRange();
            if (range[0] < least) {
                throw value.error(name + (least > 0 ? " must be positive" : " must be at least 0"));
            }
            return range;
        }).orElse((double[]) setting.defaultValue());
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

    /** A family's fields for validated settings, with the ranges its starts are drawn from. */
    private record FamilyFields(FieldFamily family, Map<String, Object> settings,
            Arbitrary<? extends CertifiedField> fields, double[] initialRadius, double[] horizon) implements FieldSource {

        @Override
        public Arbitrary<Claim.Start> starts(Reach reach) {
            return fields.flatMap(field -> Claim.Start.drawn(field, initialRadius, horizon, reach));
        }

        @Override
        public Map<String, String> describe() {
            Map<String, String> space = new LinkedHashMap<>();
            space.put("family", family.name() + ": " + family.description());
            for (Setting setting : family.settings()) {
                space.put(setting.label(), render(settings.getOrDefault(setting.name(), setting.defaultValue())));
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
    }

    /** The arbitrary of {@code family} for validated {@code settings} (see {@link FieldFamily#arbitrary}). */
    @SuppressWarnings("unchecked")
    Arbitrary<CertifiedField> arbitrary(String family, Map<String, Object> settings) {
        return (Arbitrary<CertifiedField>) family(family).arbitrary(settings);
    }

    /**
     * A family of {@link Fields}: {@code settings} and the start settings, its arbitrary {@code shaped}
     * and then given the dimension and Lipschitz ranges.
     */
    private static FieldFamily classic(String name, String description, List<Setting> settings,
            Function<FieldFamily.Values, FieldArbitrary<?, ?>> shaped) {
        List<Setting> all = new ArrayList<>(List.of(DIMENSION, LIPSCHITZ));
        all.addAll(settings);
        all.addAll(STARTS);
        return FieldFamily.of(name, description, all, values -> {
            int[] dimension = values.intRange("dimension");
            double[] lipschitz = values.doubleRange("lipschitz");
            return shaped.apply(values).dimension(dimension[0], dimension[1]).lipschitz(lipschitz[0], lipschitz[1]);
        });
    }

    private static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static FieldFamily linear() {
        List<String> shapes = new ArrayList<>(List.of("any"));
        for (LinearShape shape : LinearShape.values()) {
            shapes.add(label(shape));
        }
        return classic("linear", "affine fields A x + b", List.of(
                Setting.choice("shape", shapes, "structure of A (non-normal: mu above the spectral abscissa)"),
                Setting.choice("bias", List.of("random", "zero"), "b with entries in [-1, 1], or b = 0")),
                values -> {
                    AffineFieldArbitrary arbitrary = Fields.affine();
                    String shape = values.choice("shape");
                    for (LinearShape candidate : LinearShape.values()) {
                        if (label(candidate).equals(shape)) {
                            arbitrary = arbitrary.shapes(candidate);
                        }
                    }
                    return values.choice("bias").equals("zero") ? arbitrary.homogeneous() : arbitrary;
                });
    }

    private static FieldFamily mlp() {
        return classic("mlp", "perceptrons W2 act(W1 x + b1) + b2 (a transformer's FFN)", List.of(
                Setting.intRange("hidden-units", Fields.MIN_HIDDEN_UNITS, Fields.MAX_HIDDEN_UNITS,
                        "hidden units H"),
                Setting.choice("activation", List.of("any", "tanh", "sigmoid"), "activation")),
                values -> {
                    int[] hidden = values.intRange("hidden-units");
                    MlpFieldArbitrary arbitrary = Fields.mlp().hiddenUnits(hidden[0], hidden[1]);
                    String activation = values.choice("activation");
                    return activation.equals("any") ? arbitrary : arbitrary.activation(Activation.parse(activation));
                });
    }

    private static FieldFamily timeDependent() {
        return classic("time-dependent", "G(x) + sin(omega t) H(x): weights varying across depth",
                List.of(Setting.doubleRange("frequency", Fields.MIN_FREQUENCY, Fields.MAX_FREQUENCY, "omega"),
                        Setting.choice("components", COMPONENT_KINDS, "kind of G and H")),
                values -> {
                    double[] frequency = values.doubleRange("frequency");
                    return withComponentKind(values.choice("components"),
                            Fields.timeDependent().frequency(frequency[0], frequency[1]),
                            TimeDependentFieldArbitrary::linearComponents, TimeDependentFieldArbitrary::mlpComponents);
                });
    }

    private static FieldFamily contractive() {
        return classic("contractive", "-c x + g(x) with certified mu < 0", List.of(
                Setting.doubleRange("one-sided-lipschitz", Fields.MIN_CONTRACTION, Fields.MAX_CONTRACTION,
                        "certified mu (negative)"),
                Setting.choice("perturbation", COMPONENT_KINDS, "kind of g")),
                values -> {
                    double[] mu = values.doubleRange("one-sided-lipschitz");
                    return withComponentKind(values.choice("perturbation"),
                            Fields.contractive().oneSidedLipschitz(mu[0], mu[1]),
                            ContractiveFieldArbitrary::linearPerturbation, ContractiveFieldArbitrary::mlpPerturbation);
                });
    }

    /** {@code arbitrary} with linear or MLP components only, as {@code kind} (a {@link #COMPONENT_KINDS}) says. */
    private static <A> A withComponentKind(String kind, A arbitrary, UnaryOperator<A> linear, UnaryOperator<A> mlp) {
        switch (kind) {
            case "linear":
                return linear.apply(arbitrary);
            case "mlp":
                return mlp.apply(arbitrary);
            default:
                return arbitrary;
        }
    }
}
