package io.flowaudit.audit;

import io.flowaudit.claim.CheckSettings;
import io.flowaudit.claim.Checks;
import io.flowaudit.claim.TheoremCheck;
import io.flowaudit.flow.LayerMap;
import io.flowaudit.input.BadInputException;
import io.flowaudit.input.InputLimits;
import io.flowaudit.input.YamlDocument;
import io.flowaudit.input.YamlNode;
import io.flowaudit.num.NumberSystem;
import io.flowaudit.verdict.Expectation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The claim catalogue: claim files (YAML, one claim each) read and validated into {@link ClaimSpec}s.
 * Every file is read before anything runs, so a malformed claim fails the whole audit with its file
 * and line, and never wipes an earlier report. The format is documented in the README.
 */
public final class ClaimCatalogue {

    static final List<String> KEYS = List.of("title", "theorem", "expect", "tries", "field", "perturbation", "depth",
            "layer-map", "precision", "reference-precision", "ladder", "constant-factor", "claimed-order",
            "order-tolerance", "pairwise-tolerance", "max-relative-gap", "rate", "rate-offset", "every-depth",
            "field-epsilon");

    /** Orders of accuracy a claim may state: the layer maps have orders 1, 2 and 4. */
    private static final int MAX_CLAIMED_ORDER = 8;

    private ClaimCatalogue() {
    }

    /** Claim files named directly, and every {@code .yaml}/{@code .yml} file of named directories, sorted. */
    public static List<ClaimSpec> load(List<Path> sources) {
        List<Path> files = new ArrayList<>();
        for (Path source : sources) {
            if (Files.isDirectory(source)) {
                try (Stream<Path> listing = Files.list(source)) {
                    listing.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted()
                            .forEach(files::add);
                } catch (IOException e) {
                    throw new BadInputException(source.toString(), "cannot list the directory: " + e.getMessage());
                }
            } else if (Files.isRegularFile(source)) {
                files.add(source);
            } else {
                throw new BadInputException(source.toString(), "no such claim file or directory");
            }
        }
        if (files.isEmpty()) {
            throw new BadInputException(sources.toString(), "no claim files (*.yaml) found");
        }
        List<ClaimSpec> claims = new ArrayList<>();
        Set<String> ids = new java.util.HashSet<>();
        for (Path file : files) {
            ClaimSpec claim = read(file);
            if (!ids.add(claim.id())) {
                throw new BadInputException(file.toString(), "another claim file has the same name '" + claim.id() + "'");
            }
            claims.add(claim);
        }
        return claims;
    }

    public static ClaimSpec read(Path file) {
        YamlNode root = YamlDocument.load(file).requireMapping().requireKeysAmong(KEYS);
        String id = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        String title = root.require("title", "the claim in words").text();
        YamlNode theoremNode = root.require("theorem", "one of " + Checks.NAMES);
        Expectation expected = root.require("expect", "holds or falsified").requireOneOf("holds", "falsified")
                .equals("holds") ? Expectation.HOLDS : Expectation.FALSIFIED;
        int tries = root.optional("tries").map(n -> intBetween(n, "tries", 1, InputLimits.MAX_TRIES)).orElse(100);
        CheckSettings settings = settings(root);
        TheoremCheck check = Checks.create(theoremNode.requireOneOf(Checks.NAMES.toArray(new String[0])), settings);
        FieldSource fields = FieldSource.read(root.require("field", "a field family or a system file"), file);
        Map<String, String> space = new LinkedHashMap<>(fields.describe());
        // read even when the theorem ignores them, so that no setting in a claim file goes unchecked
        double[] perturbation = root.optional("perturbation").map(ClaimCatalogue::perturbation)
                .orElse(InstanceSpace.DEFAULT_PERTURBATION);
        int[] depth = root.optional("depth").map(ClaimCatalogue::depth).orElse(InstanceSpace.DEFAULT_DEPTH);
        InstanceSpace instanceSpace = InstanceSpace.of(fields, check, perturbation, depth, space);
        space.put("layer map", settings.layerMap().name().toLowerCase());
        space.put("precision", "layers " + settings.precision().name() + ", reference "
                + settings.referencePrecision().name());
        return new ClaimSpec(id, file, title, check, instanceSpace.arbitrary(), space, tries, expected);
    }

    private static CheckSettings settings(YamlNode root) {
        CheckSettings d = CheckSettings.defaults();
        LayerMap map = root.optional("layer-map").map(n -> LayerMap.parse(n.requireOneOf("euler", "heun", "rk4")))
                .orElse(d.layerMap());
        NumberSystem<?> precision = root.optional("precision").map(ClaimCatalogue::precision).orElse(d.precision());
        NumberSystem<?> reference = precision;
        YamlNode referenceNode = root.optional("reference-precision").orElse(null);
        if (referenceNode != null) {
            reference = precision(referenceNode);
            if (reference.digits() < precision.digits()) {
                throw referenceNode.error("the reference must be at least as precise as the layers ("
                        + precision.name() + ")");
            }
        }
        int[] ladder = root.optional("ladder").map(ClaimCatalogue::ladder).orElse(d.ladder());
        return new CheckSettings(map, precision, reference, ladder,
                positive(root, "constant-factor", d.constantFactor()),
                root.optional("claimed-order").map(n -> intBetween(n, "claimed-order", 1, MAX_CLAIMED_ORDER))
                        .orElse(d.claimedOrder()),
                positive(root, "order-tolerance", d.orderTolerance()),
                positive(root, "pairwise-tolerance", d.pairwiseTolerance()),
                positive(root, "max-relative-gap", d.maxRelativeGap()),
                root.optional("rate-offset").map(n -> n.requireDecimal().doubleValue()).orElse(d.rateOffset()),
                root.optional("rate").map(n -> n.requireOneOf("one-sided", "lipschitz").equals("lipschitz"))
                        .orElse(d.lipschitzRate()),
                root.optional("every-depth").map(YamlNode::requireBoolean).orElse(d.everyDepth()),
                positive(root, "field-epsilon", d.fieldEpsilon()));
    }

    private static double positive(YamlNode root, String key, double fallback) {
        return root.optional(key).map(n -> {
            double v = n.requireDecimal().doubleValue();
            if (!(v > 0)) {
                throw n.error(key + " must be positive, got " + n.text());
            }
            return v;
        }).orElse(fallback);
    }

    private static int intBetween(YamlNode node, String key, int least, int most) {
        int value = node.requireInt();
        if (value < least || value > most) {
            throw node.error(key + " must be between " + least + " and " + most + ", got " + node.text());
        }
        return value;
    }

    /** A range of perturbation sizes |x0 - y0|: 0 <= min <= max, max > 0. */
    private static double[] perturbation(YamlNode node) {
        double[] range = node.requireRange();
        if (range[0] < 0 || !(range[1] > 0)) {
            throw node.error("perturbation sizes must be at least 0 with a positive maximum, got "
                    + InstanceSpace.range(range));
        }
        return range;
    }

    /** A range of depths L within 1..MAX_LAYERS. */
    private static int[] depth(YamlNode node) {
        int[] range = node.requireIntRange();
        if (range[0] < 1 || range[1] > InputLimits.MAX_LAYERS) {
            throw node.error("depths must be between 1 and " + InputLimits.MAX_LAYERS + ", got " + range[0] + ".."
                    + range[1]);
        }
        return range;
    }

    private static NumberSystem<?> precision(YamlNode node) {
        String text = node.text().trim();
        if (text.equals("double")) {
            return NumberSystem.parse(text);
        }
        int digits = node.requireInt();
        if (digits < 17 || digits > 1000) {
            throw node.error("precision must be double or a number of decimal digits from 17 to 1000, got " + text);
        }
        return NumberSystem.parse(text);
    }

    private static int[] ladder(YamlNode node) {
        List<YamlNode> items = node.sequence();
        if (items.size() < 2) {
            throw node.error("a depth ladder needs at least two depths, e.g. [64, 128, 256]");
        }
        int[] ladder = new int[items.size()];
        for (int i = 0; i < ladder.length; i++) {
            ladder[i] = items.get(i).requireInt();
            if (ladder[i] < 1 || ladder[i] > InputLimits.MAX_LAYERS || (i > 0 && ladder[i] <= ladder[i - 1])) {
                throw items.get(i).error("depths must be increasing, from 1 to " + InputLimits.MAX_LAYERS + ", got "
                        + items.get(i).text());
            }
        }
        return ladder;
    }
}
