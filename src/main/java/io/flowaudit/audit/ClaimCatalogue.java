package io.flowaudit.audit;

import io.flowaudit.claim.Claim;
import io.flowaudit.claim.Claim.FieldSource;
import io.flowaudit.claim.Scheduler;
import io.flowaudit.input.BadInputException;
import io.flowaudit.input.InputPaths;
import io.flowaudit.input.YamlDocument;
import io.flowaudit.input.YamlNode;
import io.flowaudit.model.ModelInputs;
import io.flowaudit.report.PartialSummary;
import io.flowaudit.verdict.AuditRun;
import io.flowaudit.verdict.ClaimVerdict;
import io.flowaudit.verdict.Shard;
import io.flowaudit.weights.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The claim catalogue: claim files (YAML, one claim each) read as far as the fields their {@code field:} names, and
 * handed all at once to the claims' run ({@link Scheduler}), which resolves every claim before any runs, so a
 * malformed claim fails the whole audit with its file and line, and never wipes an earlier report. The format is
 * documented in the README.
 */
public final class ClaimCatalogue {

    private ClaimCatalogue() {
    }

    /** The claim files and directories {@code sources} ({@link #read(List)}), run by {@code scheduler}. */
    public static AuditRun run(List<Path> sources, Scheduler scheduler) {
        return scheduler.run(read(sources), sources);
    }

    /** {@link #run(List, Scheduler)}, handing each verdict to {@code eachVerdict} as soon as it is in. */
    public static AuditRun run(List<Path> sources, Scheduler scheduler, Consumer<ClaimVerdict> eachVerdict) {
        return scheduler.run(read(sources), sources, eachVerdict);
    }

    /** Shard {@code shard} of the claims of {@code sources}, read as {@link #run} reads them. */
    public static PartialSummary runShard(List<Path> sources, Scheduler scheduler, Shard shard) {
        return scheduler.runShard(read(sources), sources, shard);
    }

    /**
     * Claim files named directly, and every {@code .yaml}/{@code .yml} file of named directories at any depth (as the
     * JUnit engine reads a claims folder), sorted, each with
     * its fields. The first file that cannot be read ends the list, with why: the claims before it are resolved
     * first ({@link Claim#readAll}), so the first malformed file in the order is the one reported. The files are read
     * on every processor (each file's reading depends on that file alone; a system claim's may prove its derived
     * constants), in their order whatever the threads did.
     */
    public static List<Claim.File> read(List<Path> sources) {
        List<Path> paths = InputPaths.filesIn(sources, Claim::isClaimFileName, true,
                "claim file", "claim files", "*.yaml");
        List<Claim.File> files = paths.parallelStream().map(ClaimCatalogue::fileOrWhyNot).toList();
        for (int i = 0; i < files.size(); i++) {
            if (files.get(i).unreadable() != null) {
                return files.subList(0, i + 1);
            }
        }
        return files;
    }

    private static Claim.File fileOrWhyNot(Path path) {
        try {
            return file(path);
        } catch (RuntimeException unreadable) {
            return Claim.File.unreadable(path, unreadable);
        }
    }

    /** The claim of one file, resolved alone: for a test engine that reports each claim file as its own test. */
    public static Claim read(Path file) {
        return Claim.read(file(file));
    }

    /** One file's top level, and its fields: a family of the registry, a system, weights file or the checkpoint. */
    private static Claim.File file(Path file) {
        YamlNode root = YamlDocument.load(file).requireMapping();
        FieldSource fields = fields(root.require("field", "a field family or a system file"), file);
        return new Claim.File(file, root, fields, inputsSha256(file, fields.files()));
    }

    /** The SHA-256 of the claim file's bytes followed by those of each file its fields read, each after its length. */
    private static String inputsSha256(Path claimFile, List<Path> fieldFiles) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (Path file : Stream.concat(Stream.of(claimFile), fieldFiles.stream()).toList()) {
                byte[] contents = Files.readAllBytes(file);
                out.writeInt(contents.length); // so no two lists of files hash the same bytes
                out.write(contents);
            }
        } catch (IOException e) {
            throw new BadInputException(claimFile.toString(), "cannot read it again (" + e.getClass().getSimpleName()
                    + ")");
        }
        return Sha256.hex(bytes.toByteArray());
    }

    /** Where the claim's fields come from: the checkpoint, a system file, a weights file, or (most claims) a family. */
    private static FieldSource fields(YamlNode node, Path claimFile) {
        node.requireMapping();
        if (node.optional("model").isPresent()) {
            ModelInputs inputs = ModelInputs.read(node);
            return FieldSource.checkpoint(inputs.inputs(), inputs.describe(), inputs.absence());
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
}
