package io.flowaudit.audit;

import io.flowaudit.claim.Claim;
import io.flowaudit.claim.Claim.FieldSource;
import io.flowaudit.field.Reach;
import io.flowaudit.input.BadInputException;
import io.flowaudit.input.InputPaths;
import io.flowaudit.input.YamlDocument;
import io.flowaudit.input.YamlNode;
import io.flowaudit.model.ModelInputs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitrary;

/**
 * The claim catalogue: claim files (YAML, one claim each) read and validated into resolved {@link Claim}s.
 * Every file is read before anything runs, so a malformed claim fails the whole audit with its file
 * and line, and never wipes an earlier report. The format is documented in the README.
 */
public final class ClaimCatalogue {

    private ClaimCatalogue() {
    }

    /**
     * Claim files named directly, and every {@code .yaml}/{@code .yml} file of named directories, sorted. The files are
     * read on every processor (each file's reading depends on that file alone; a system claim's may prove its
     * derived constants), then taken in sorted order: whatever the threads did, the claims come in that order and
     * the bad file reported is the first in it.
     */
    public static List<Claim> load(List<Path> sources) {
        List<Path> files = InputPaths.filesIn(sources, name -> name.endsWith(".yaml") || name.endsWith(".yml"),
                "claim file", "claim files", "*.yaml");
        List<Reading> readings = files.parallelStream().map(Reading::of).toList();
        List<Claim> claims = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            Claim claim = readings.get(i).claim();
            if (!ids.add(claim.id())) {
                throw new BadInputException(file.toString(), "another claim file has the same name '" + claim.id() + "'");
            }
            claims.add(claim);
        }
        return claims;
    }

    /** One claim file read: its claim, or what reading it threw, to be thrown in the files' order. */
    private record Reading(Claim read, RuntimeException failure) {

        static Reading of(Path file) {
            try {
                return new Reading(ClaimCatalogue.read(file), null);
            } catch (RuntimeException failure) {
                return new Reading(null, failure);
            }
        }

        Claim claim() {
            if (failure != null) {
                throw failure;
            }
            return read;
        }
    }

    /**
     * The claim of one file: its fields read here (a family of the registry, a system, weights file or the
     * checkpoint), the rest of the claim by {@link Claim#read}.
     */
    public static Claim read(Path file) {
        YamlNode root = YamlDocument.load(file).requireMapping();
        FieldSource fields = fields(root.require("field", "a field family or a system file"), file);
        return Claim.read(root, file, fields);
    }

    /** Where the claim's fields come from: the checkpoint, a system file, a weights file, or (most claims) a family. */
    private static FieldSource fields(YamlNode node, Path claimFile) {
        node.requireMapping();
        if (node.optional("model").isPresent()) {
            return new ModelSource(ModelInputs.read(node));
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

    /** The real checkpoint on the inputs a claim file names ({@link ModelInputs}). */
    private record ModelSource(ModelInputs inputs) implements FieldSource {

        /** Each input starts at its embedding, over t in [0, 1] (depth's unit interval). */
        @Override
        public Arbitrary<Claim.Start> starts(Reach reach) {
            return inputs.inputs().map(input -> new Claim.Start(input, input.initialState(), 1));
        }

        @Override
        public Map<String, String> describe() {
            return inputs.describe();
        }

        @Override
        public boolean isCheckpoint() {
            return true;
        }

        @Override
        public Optional<String> absence() {
            return inputs.absence();
        }
    }
}
