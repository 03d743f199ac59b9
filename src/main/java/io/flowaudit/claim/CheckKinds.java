package io.flowaudit.claim;

import io.flowaudit.input.YamlNode;
import io.flowaudit.verdict.Rigour;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/** The theorem checks by the names claim files use, each with the settings it declares. */
public final class CheckKinds {

    /**
     * A theorem as claim files name it: the settings its check reads (besides the {@link Numerics} every
     * check reads), and the check for given values.
     */
    public static final class Kind {

        private final String name;
        private final List<CheckSetting<?>> settings = new ArrayList<>(Numerics.SETTINGS);
        private final BiFunction<Numerics, CheckSetting.Values, TheoremCheck> create;
        private final boolean proves;

        Kind(String name, List<CheckSetting<?>> ownSettings,
                BiFunction<Numerics, CheckSetting.Values, TheoremCheck> create) {
            this(name, ownSettings, create, false);
        }

        /** @param proves whether the check can decide from enclosures ({@code rigour: proved}) */
        Kind(String name, List<CheckSetting<?>> ownSettings,
                BiFunction<Numerics, CheckSetting.Values, TheoremCheck> create, boolean proves) {
            this.name = name;
            this.settings.addAll(ownSettings);
            this.create = create;
            this.proves = proves;
        }

        /** The name claim files use, e.g. {@code uniform-bound}. */
        public String name() {
            return name;
        }

        /** Every key a claim file of this theorem may give for its check. */
        public List<String> keys() {
            return settings.stream().map(CheckSetting::key).toList();
        }

        /** The check with its settings read from the claim file's top level {@code claim}. */
        public Configured read(YamlNode claim) {
            CheckSetting.Values values = CheckSetting.Values.read(claim, settings);
            values.node(Numerics.RIGOUR).filter(node -> values.get(Numerics.RIGOUR) == Rigour.PROVED && !proves).ifPresent(node -> {
                throw node.error("rigour: proved is not supported by the theorem '" + name + "', whose check decides"
                        + " from observed values; expected rigour: observed, or a theorem with proved verdicts: "
                        + String.join(", ", PROVABLE));
            });
            Numerics numerics = Numerics.of(values);
            return new Configured(create.apply(numerics, values), numerics);
        }
    }

    /** A claim's check with the numerics its file states (which the report shows for every claim). */
    public record Configured(TheoremCheck check, Numerics numerics) {
    }

    private static final List<Kind> KINDS = List.of(UniformBoundCheck.KIND, ObservedOrderCheck.KIND,
            LeadingTermCheck.KIND, FlowPerturbationCheck.KIND, LayerPerturbationCheck.KIND, FieldPerturbationCheck.KIND,
            PermutationEquivarianceCheck.KIND, CausalityCheck.KIND, TokenNormCheck.KIND, SphereDriftCheck.KIND,
            WassersteinStabilityCheck.KIND, MeanFieldLimitCheck.KIND, SphereEnergyCheck.KIND, ClusteringCheck.KIND,
            EquiangularCheck.KIND, ConvexHullCheck.KIND, DepthRefinementCheck.KIND, LayerUpdateCheck.KIND,
            ModelPerturbationGrowthCheck.KIND);

    public static final List<String> NAMES = KINDS.stream().map(Kind::name).toList();

    private static final List<String> PROVABLE = KINDS.stream().filter(kind -> kind.proves).map(Kind::name).toList();

    private CheckKinds() {
    }

    /** The theorem named {@code name}, one of {@link #NAMES}. */
    public static Kind kind(String name) {
        return KINDS.stream().filter(kind -> kind.name().equals(name)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("unknown theorem '" + name + "', expected one of " + NAMES));
    }

    /** Whether some theorem's check declares this key: a claim of another theorem must not give it. */
    public static boolean isSettingOfSomeCheck(String key) {
        return KINDS.stream().anyMatch(kind -> kind.keys().contains(key));
    }
}
