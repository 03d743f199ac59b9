package io.flowaudit.claim;

import io.flowaudit.flow.LayerMap;
import io.flowaudit.input.Setting;
import io.flowaudit.input.YamlNode;
import io.flowaudit.num.NumberSystem;
import io.flowaudit.verdict.Rigour;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The theorem checks by the names claim files use, each with the settings it declares, and the settings every one of
 * them reads ({@link Numerics}): all a claim file says of its check, read in one place.
 */
final class CheckKinds {

    /**
     * A theorem as claim files name it: the settings its check reads (besides the {@link Numerics} every
     * check reads), and the check for given values.
     */
    static final class Kind {

        private final String name;
        private final List<Setting<?>> settings = new ArrayList<>(Numerics.SETTINGS);
        private final BiFunction<Numerics, Setting.Values, TheoremCheck> create;
        private final boolean proves;
        private final Uses uses;

        /** A check that computes at the stated precisions, with Euler layers or none. */
        Kind(String name, List<Setting<?>> ownSettings,
                BiFunction<Numerics, Setting.Values, TheoremCheck> create) {
            this(name, ownSettings, create, false, Uses.PRECISION);
        }

        Kind(String name, List<Setting<?>> ownSettings,
                BiFunction<Numerics, Setting.Values, TheoremCheck> create, Uses uses) {
            this(name, ownSettings, create, false, uses);
        }

        /**
         * @param proves whether the check can decide from enclosures ({@code rigour: proved})
         * @param uses   which of the stated numerics the check computes with; it refuses the others unless they
         *               state the default, rather than audit Euler layers in double under an RK4 or 50-digit claim's name
         */
        Kind(String name, List<Setting<?>> ownSettings,
                BiFunction<Numerics, Setting.Values, TheoremCheck> create, boolean proves, Uses uses) {
            this.name = name;
            this.settings.addAll(ownSettings);
            this.create = create;
            this.proves = proves;
            this.uses = uses;
        }

        /** The name claim files use, e.g. {@code uniform-bound}. */
        String name() {
            return name;
        }

        /** Every key a claim file of this theorem may give for its check. */
        List<String> keys() {
            return settings.stream().map(Setting::key).toList();
        }

        /** The check with its settings read from the claim file's top level {@code claim}. */
        Configured read(YamlNode claim) {
            Setting.Values values = Setting.Values.read(claim, settings);
            values.node(Numerics.RIGOUR).filter(node -> values.get(Numerics.RIGOUR) == Rigour.PROVED && !proves).ifPresent(node -> {
                throw node.error("rigour: proved is not supported by the theorem '" + name + "', whose check decides"
                        + " from observed values; expected rigour: observed, or a theorem with proved verdicts: "
                        + String.join(", ", PROVABLE));
            });
            values.node(Numerics.LAYER_MAP).filter(node -> values.get(Numerics.LAYER_MAP) != LayerMap.EULER
                    && uses != Uses.PRECISION_AND_LAYER_MAP).ifPresent(node -> {
                throw node.error("layer-map: " + node.text().trim() + " is not run by the theorem '" + name
                        + "', whose check runs Euler layers or none; expected layer-map: euler, or a theorem that runs"
                        + " any layer map: " + String.join(", ", namesUsing(Uses.PRECISION_AND_LAYER_MAP)));
            });
            for (Setting<NumberSystem<?>> precision : List.of(Numerics.PRECISION, Numerics.REFERENCE_PRECISION)) {
                values.node(precision).filter(node -> !values.get(precision).name().equals("double")
                        && uses == Uses.DOUBLE_ONLY).ifPresent(node -> {
                    throw node.error(precision.key() + ": " + node.text().trim() + " is not used by the theorem '" + name
                            + "', whose check computes in double; expected " + precision.key() + ": double, or a"
                            + " theorem that computes at a stated precision: " + String.join(", ", namesUsing(Uses.PRECISION))
                            + ", " + String.join(", ", namesUsing(Uses.REFERENCE)) + ", "
                            + String.join(", ", namesUsing(Uses.PRECISION_AND_LAYER_MAP)));
                });
            }
            values.node(Numerics.PRECISION).filter(node -> uses == Uses.REFERENCE
                    && values.node(Numerics.REFERENCE_PRECISION).isPresent()).ifPresent(node -> {
                throw node.error("precision: " + node.text().trim() + " is the layers' and the theorem '" + name
                        + "' runs no layers, only the flow at reference-precision; expected reference-precision alone");
            });
            Numerics numerics = Numerics.of(values);
            return new Configured(create.apply(numerics, values), numerics);
        }
    }

    /**
     * Which of the numerics a claim file states ({@link Numerics}) its theorem's check computes with. A check refuses a
     * stated value it would not use (anything but Euler layers, or but double), so no report shows numerics that
     * were not run.
     */
    enum Uses {
        /** Its own arithmetic in double (or the checkpoint's), with Euler layers or none. */
        DOUBLE_ONLY,
        /**
         * The flow alone, at the reference's precision (which a lone {@code precision} sets): a {@code precision} beside
         * a {@code reference-precision} would name layers that do not run.
         */
        REFERENCE,
        /** The stated precisions, with Euler layers or none. */
        PRECISION,
        /** The stated precisions and layer map. */
        PRECISION_AND_LAYER_MAP
    }

    /** A claim's check with the numerics its file states (which the report shows for every claim). */
    record Configured(TheoremCheck check, Numerics numerics) {
    }

    /**
     * How a claim computes, whatever its theorem: the layer map, and the number systems of the layers and
     * of the reference flow (at least as precise). Every claim file may state them; the report shows them
     * in each claim's hypothesis space.
     *
     * @param layerMap  Euler, Heun or RK4
     * @param layers    the number system of the layers: {@code double} or digits
     * @param reference the number system of the reference flow
     */
    record Numerics(LayerMap layerMap, NumberSystem<?> layers, NumberSystem<?> reference) {

        static final Setting<LayerMap> LAYER_MAP = Setting.choice("layer-map",
                List.of("euler", "heun", "rk4"), LayerMap::parse);
        static final Setting<NumberSystem<?>> PRECISION = precision("precision");
        static final Setting<NumberSystem<?>> REFERENCE_PRECISION = precision("reference-precision");

        /**
         * How the claim decides each instance: {@code observed} (every theorem) or {@code proved}, from enclosures
         * only (the theorems whose check can; {@link CheckKinds} refuses it on the others).
         */
        static final Setting<Rigour> RIGOUR = Setting.choice("rigour", List.of("observed", "proved"),
                name -> Rigour.valueOf(name.toUpperCase(Locale.ROOT)));

        /** The settings every theorem check reads. */
        static final List<Setting<?>> SETTINGS = List.of(LAYER_MAP, PRECISION, REFERENCE_PRECISION, RIGOUR);

        /** Euler layers and a reference in double: what a claim file that states nothing computes. */
        static Numerics doubles(LayerMap layerMap) {
            NumberSystem<?> doubles = NumberSystem.parse("double");
            return new Numerics(layerMap, doubles, doubles);
        }

        /** From a claim's values; a reference precision not given is the layers'. */
        static Numerics of(Setting.Values values) {
            NumberSystem<?> layers = values.get(PRECISION);
            NumberSystem<?> reference = values.node(REFERENCE_PRECISION).isPresent() ? values.get(REFERENCE_PRECISION)
                    : layers;
            values.node(REFERENCE_PRECISION).filter(node -> reference.digits() < layers.digits()).ifPresent(node -> {
                throw node.error("the reference must be at least as precise as the layers (" + layers.name() + ")");
            });
            return new Numerics(values.get(LAYER_MAP), layers, reference);
        }

        /** These numerics as hypothesis-space lines. */
        public Map<String, String> describe() {
            Map<String, String> lines = new LinkedHashMap<>();
            lines.put("layer map", layerMap.id());
            lines.put("precision", "layers " + layers.name() + ", reference " + reference.name());
            return lines;
        }

        private static Setting<NumberSystem<?>> precision(String key) {
            return new Setting<>(key, NumberSystem.parse("double"), Numerics::precision);
        }

        private static NumberSystem<?> precision(YamlNode node) {
            String text = node.text().trim();
            if (!text.equals("double")) {
                int digits = node.requireInt();
                if (digits < 17 || digits > 1000) {
                    throw node.error("precision must be double or a number of decimal digits from 17 to 1000, got "
                            + text);
                }
            }
            return NumberSystem.parse(text);
        }
    }

    private static final List<Kind> KINDS = List.of(UniformBoundCheck.KIND, ObservedOrderCheck.KIND,
            LeadingTermCheck.KIND, FlowPerturbationCheck.KIND, LayerPerturbationCheck.KIND, FieldPerturbationCheck.KIND,
            PermutationEquivarianceCheck.KIND, CausalityCheck.KIND, TokenNormCheck.KIND, SphereDriftCheck.KIND,
            WassersteinStabilityCheck.KIND, MeanFieldLimitCheck.KIND, SphereEnergyCheck.KIND, ClusteringCheck.KIND,
            EquiangularCheck.KIND, ConvexHullCheck.KIND, DepthRefinementCheck.KIND, LayerUpdateCheck.KIND,
            ModelPerturbationGrowthCheck.KIND);

    static final List<String> NAMES = KINDS.stream().map(Kind::name).toList();

    private static final List<String> PROVABLE = KINDS.stream().filter(kind -> kind.proves).map(Kind::name).toList();

    /** The theorems whose check computes with exactly these numerics. */
    private static List<String> namesUsing(Uses uses) {
        return KINDS.stream().filter(kind -> kind.uses == uses).map(Kind::name).toList();
    }

    private CheckKinds() {
    }

    /** The theorem named {@code name}, one of {@link #NAMES}. */
    static Kind kind(String name) {
        return KINDS.stream().filter(kind -> kind.name().equals(name)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("unknown theorem '" + name + "', expected one of " + NAMES));
    }

    /** Whether some theorem's check declares this key: a claim of another theorem must not give it. */
    static boolean isSettingOfSomeCheck(String key) {
        return KINDS.stream().anyMatch(kind -> kind.keys().contains(key));
    }
}
