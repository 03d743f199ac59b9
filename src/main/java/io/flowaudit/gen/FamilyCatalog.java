package io.flowaudit.gen;

import io.flowaudit.field.CertifiedField;
import io.flowaudit.field.family.Activation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import net.jqwik.api.Arbitrary;

/**
 * The field families claim files can name, with their settings. {@link #standard()} holds
 * {@code linear}, {@code mlp}, {@code time-dependent} and {@code contractive}, plus every
 * {@link FieldFamily} registered as a service; {@link #with} adds more.
 */
public final class FamilyCatalog {

    private static final FamilySetting DIMENSION = FamilySetting.intRange("dimension", 1, 8,
            "state dimension D");
    private static final FamilySetting LIPSCHITZ = FamilySetting.doubleRange("lipschitz", 0, 4,
            "certified Lipschitz constant K");
    private static final List<FamilySetting> STARTS = List.of(
            FamilySetting.doubleRange(FieldFamily.INITIAL_RADIUS, 0, 1, "|x_0| is drawn in this range").shownAs("|x0|"),
            FamilySetting.doubleRange(FieldFamily.HORIZON, 0.5, 2, "T is drawn in this range").shownAs("horizon T"));

    private final List<FieldFamily> families;

    private FamilyCatalog(List<FieldFamily> families) {
        this.families = List.copyOf(families);
    }

    /** The four built-in families, then those found by {@link ServiceLoader}. */
    public static FamilyCatalog standard() {
        FamilyCatalog catalog = new FamilyCatalog(List.of(linear(), mlp(), timeDependent(), contractive()));
        for (FieldFamily discovered : ServiceLoader.load(FieldFamily.class)) {
            catalog = catalog.with(discovered);
        }
        return catalog;
    }

    /** This catalog and {@code family}, whose name must be new. */
    public FamilyCatalog with(FieldFamily family) {
        if (find(family.name()) != null) {
            throw new IllegalArgumentException("a field family named '" + family.name() + "' is already registered");
        }
        List<FieldFamily> extended = new ArrayList<>(families);
        extended.add(family);
        return new FamilyCatalog(extended);
    }

    public List<FieldFamily> families() {
        return families;
    }

    /** The family with this name. */
    public FieldFamily family(String name) {
        FieldFamily family = find(name);
        if (family == null) {
            throw new IllegalArgumentException("unknown field family '" + name + "'; known families are "
                    + families.stream().map(FieldFamily::name).toList());
        }
        return family;
    }

    private FieldFamily find(String name) {
        return families.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
    }

    /** The arbitrary of {@code family} for validated {@code settings} (see {@link FieldFamily#arbitrary}). */
    @SuppressWarnings("unchecked")
    public Arbitrary<CertifiedField> arbitrary(String family, Map<String, Object> settings) {
        return (Arbitrary<CertifiedField>) family(family).arbitrary(settings);
    }

    private static <A extends FieldArbitraryBase<?, A>> A common(A arbitrary, SettingValues values) {
        int[] dimension = values.intRange("dimension");
        double[] lipschitz = values.doubleRange("lipschitz");
        return arbitrary.dimension(dimension[0], dimension[1]).lipschitz(lipschitz[0], lipschitz[1]);
    }

    /** {@code settings} and then the start settings every family declares. */
    private static List<FamilySetting> withStarts(FamilySetting... settings) {
        List<FamilySetting> all = new ArrayList<>(List.of(settings));
        all.addAll(STARTS);
        return all;
    }

    private static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static FieldFamily linear() {
        List<String> shapes = new ArrayList<>(List.of("any"));
        for (LinearShape shape : LinearShape.values()) {
            shapes.add(label(shape));
        }
        return FieldFamily.of("linear", "affine fields A x + b", withStarts(DIMENSION, LIPSCHITZ,
                FamilySetting.choice("shape", shapes, "structure of A (non-normal: mu above the spectral abscissa)"),
                FamilySetting.choice("bias", List.of("random", "zero"), "b with entries in [-1, 1], or b = 0")),
                values -> {
                    LinearFieldArbitrary arbitrary = common(Fields.linear(), values);
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
        return FieldFamily.of("mlp", "perceptrons W2 act(W1 x + b1) + b2 (a transformer's FFN)", withStarts(DIMENSION,
                LIPSCHITZ, FamilySetting.intRange("hidden-units", 1, 6, "hidden units H"),
                FamilySetting.choice("activation", List.of("any", "tanh", "sigmoid"), "activation")),
                values -> {
                    int[] hidden = values.intRange("hidden-units");
                    MlpFieldArbitrary arbitrary = common(Fields.mlp(), values).hiddenUnits(hidden[0], hidden[1]);
                    String activation = values.choice("activation");
                    return activation.equals("any") ? arbitrary : arbitrary.activation(Activation.parse(activation));
                });
    }

    private static FieldFamily timeDependent() {
        return FieldFamily.of("time-dependent", "G(x) + sin(omega t) H(x): weights varying across depth",
                withStarts(DIMENSION, LIPSCHITZ, FamilySetting.doubleRange("frequency", 0.5, 4, "omega"),
                        FamilySetting.choice("components", List.of("any", "linear", "mlp"), "kind of G and H")),
                values -> {
                    double[] frequency = values.doubleRange("frequency");
                    TimeDependentFieldArbitrary arbitrary = common(Fields.timeDependent(), values)
                            .frequency(frequency[0], frequency[1]);
                    switch (values.choice("components")) {
                        case "linear":
                            return arbitrary.linearComponents();
                        case "mlp":
                            return arbitrary.mlpComponents();
                        default:
                            return arbitrary;
                    }
                });
    }

    private static FieldFamily contractive() {
        return FieldFamily.of("contractive", "-c x + g(x) with certified mu < 0", withStarts(DIMENSION, LIPSCHITZ,
                FamilySetting.doubleRange("one-sided-lipschitz", -3, -0.1, "certified mu (negative)"),
                FamilySetting.choice("perturbation", List.of("any", "linear", "mlp"), "kind of g")),
                values -> {
                    double[] mu = values.doubleRange("one-sided-lipschitz");
                    ContractiveFieldArbitrary arbitrary = common(Fields.contractive(), values)
                            .oneSidedLipschitz(mu[0], mu[1]);
                    switch (values.choice("perturbation")) {
                        case "linear":
                            return arbitrary.linearPerturbation();
                        case "mlp":
                            return arbitrary.mlpPerturbation();
                        default:
                            return arbitrary;
                    }
                });
    }
}
