package io.flowaudit.audit;

import io.flowaudit.claim.CheckKinds;
import io.flowaudit.claim.Claim;
import io.flowaudit.input.BadInputException;
import io.flowaudit.input.InputLimits;
import io.flowaudit.input.InputPaths;
import io.flowaudit.input.YamlDocument;
import io.flowaudit.input.YamlNode;
import io.flowaudit.model.Checkpoint;
import io.flowaudit.model.ModelInputs;
import io.flowaudit.verdict.Expectation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The claim catalogue: claim files (YAML, one claim each) read and validated into resolved {@link Claim}s.
 * Every file is read before anything runs, so a malformed claim fails the whole audit with its file
 * and line, and never wipes an earlier report. The format is documented in the README.
 */
public final class ClaimCatalogue {

    /** The keys of every claim file; the rest are the settings its theorem's check declares. */
    private static final List<String> CLAIM_KEYS = List.of("title", "theorem", "expect", "tries", "max-tries", "field",
            "perturbation", "depth");

    private ClaimCatalogue() {
    }

    /** Claim files named directly, and every {@code .yaml}/{@code .yml} file of named directories, sorted. */
    public static List<Claim> load(List<Path> sources) {
        List<Path> files = InputPaths.filesIn(sources, name -> name.endsWith(".yaml") || name.endsWith(".yml"),
                "claim file", "claim files", "*.yaml");
        List<Claim> claims = new ArrayList<>();
        Set<String> ids = new java.util.HashSet<>();
        for (Path file : files) {
            Claim claim = read(file);
            if (!ids.add(claim.id())) {
                throw new BadInputException(file.toString(), "another claim file has the same name '" + claim.id() + "'");
            }
            claims.add(claim);
        }
        return claims;
    }

    public static Claim read(Path file) {
        YamlNode root = YamlDocument.load(file).requireMapping();
        String id = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        String title = root.require("title", "the claim in words").text();
        CheckKinds.Kind theorem = CheckKinds.kind(root.require("theorem", "one of " + CheckKinds.NAMES)
                .requireOneOf(CheckKinds.NAMES));
        requireSettingsOf(theorem, root);
        Expectation expected = root.require("expect", "holds or falsified").requireOneOf("holds", "falsified")
                .equals("holds") ? Expectation.HOLDS : Expectation.FALSIFIED;
        int tries = root.optional("tries").map(n -> intBetween(n, "tries", 1, InputLimits.MAX_TRIES)).orElse(100);
        int maxTries = root.optional("max-tries").map(n -> maxTries(n, tries)).orElse(InputLimits.MAX_TRIES);
        CheckKinds.Configured configured = theorem.read(root);
        FieldSource fields = fields(root.require("field", "a field family or a system file"), file);
        requireModelPairing(theorem, configured, fields, root);
        // read even when the theorem ignores them, so that no setting in a claim file goes unchecked
        double[] perturbation = root.optional("perturbation").map(ClaimCatalogue::perturbation)
                .orElse(Claim.DEFAULT_PERTURBATION);
        int[] depth = root.optional("depth").map(ClaimCatalogue::depth).orElse(Claim.DEFAULT_DEPTH);
        Claim claim = Claim.of(id, file, title, configured, fields::starts, fields.describe(), perturbation, depth,
                tries, maxTries, expected);
        return fields.absence().map(claim::withAbsentInput).orElse(claim);
    }

    /** A check on the real checkpoint runs on it and nothing else runs on it. */
    private static void requireModelPairing(CheckKinds.Kind theorem, CheckKinds.Configured configured,
            FieldSource fields, YamlNode root) {
        boolean onModel = fields.isCheckpoint();
        if (onModel != configured.check().runsOnModel()) {
            throw root.require("theorem", "").error(onModel
                    ? "the theorem '" + theorem.name() + "' does not run on a checkpoint; field: {model: ...} takes a"
                            + " check on the model"
                    : "the theorem '" + theorem.name() + "' runs on the real checkpoint: its field is {model: "
                            + Checkpoint.NAME + ", ...}");
        }
    }

    /** Where the claim's fields come from: the checkpoint, a system file, a weights file, or (most claims) a family. */
    private static FieldSource fields(YamlNode node, Path claimFile) {
        node.requireMapping();
        if (node.optional("model").isPresent()) {
            return new FieldSource.ModelSource(ModelInputs.read(node));
        }
        if (node.optional("system").isPresent()) {
            return SystemSource.read(node, claimFile);
        }
        // a family's own "weights" setting (a range of entries) is not a weights file
        if (node.optional("weights").isPresent() && node.optional("family").isEmpty()) {
            return WeightsSource.read(node, claimFile);
        }
        return Families.ALL.read(node);
    }

    /**
     * Every key is a claim's own or a setting of its theorem's check: a setting only another theorem reads
     * would be ignored silently, so it is refused.
     */
    private static void requireSettingsOf(CheckKinds.Kind theorem, YamlNode root) {
        List<String> allowed = new ArrayList<>(CLAIM_KEYS);
        allowed.addAll(theorem.keys());
        for (YamlNode.Entry entry : root.entries()) {
            if (!allowed.contains(entry.key()) && CheckKinds.isSettingOfSomeCheck(entry.key())) {
                throw entry.keyNode().error("'" + entry.key() + "' is not a setting of the theorem '" + theorem.name()
                        + "'; its settings are " + String.join(", ", theorem.keys()));
            }
        }
        root.requireKeysAmong(allowed);
    }

    private static int intBetween(YamlNode node, String key, int least, int most) {
        int value = node.requireInt();
        if (value < least || value > most) {
            throw node.error(key + " must be between " + least + " and " + most + ", got " + node.text());
        }
        return value;
    }

    /**
     * The most tries any run checks ({@code audit --tries N} asks for more in an extended run): at least the file's own
     * {@code tries}, so that the run without {@code --tries} is never cut.
     */
    private static int maxTries(YamlNode node, int tries) {
        int maxTries = intBetween(node, "max-tries", 1, InputLimits.MAX_TRIES);
        if (maxTries < tries) {
            throw node.error("max-tries must be at least the file's tries (" + tries + ", 100 when not given), got "
                    + node.text());
        }
        return maxTries;
    }

    /** A range of perturbation sizes |x0 - y0|: 0 <= min <= max, max > 0. */
    private static double[] perturbation(YamlNode node) {
        double[] range = node.requireRange();
        if (range[0] < 0 || !(range[1] > 0)) {
            throw node.error("perturbation sizes must be at least 0 with a positive maximum, got "
                    + Claim.range(range));
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
}
