package io.flowaudit.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.claim.Claim;
import io.flowaudit.cli.Main;
import io.flowaudit.input.BadInputException;
import io.flowaudit.verdict.Rigour;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Malformed claim files fail with file, line and what was expected; they never run and never pass. */
class ClaimCatalogueTest {

    @TempDir
    Path dir;

    private static final String VALID = ClaimFixtures.SMALL_MLP;

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void aValidClaimLoadsWithItsSettings() throws Exception {
        Claim claim = ClaimCatalogue.read(write("ok.yaml", VALID));
        assertEquals("ok", claim.id());
        assertEquals(3, claim.tries());
        assertEquals("1..2", claim.hypothesisSpace().get("dimension"));
    }

    /** Each theorem reads its own settings; the numerics every claim states show in its hypothesis space. */
    @Test
    void aTheoremReadsItsOwnSettings() throws Exception {
        Claim claim = ClaimCatalogue.read(write("order.yaml", VALID.replace("uniform-bound", "observed-order")
                .replace("ladder: [16, 32]", "ladder: [16, 32]\nlayer-map: heun\nclaimed-order: 3")));
        assertTrue(claim.check().statement().contains("For the heun layer map"), claim.check().statement());
        assertTrue(claim.check().statement().endsWith("with p = 3."), claim.check().statement());
        assertEquals("heun", claim.hypothesisSpace().get("layer map"));
        Claim unstated = ClaimCatalogue.read(write("heun.yaml", VALID.replace("uniform-bound", "observed-order")
                .replace("ladder: [16, 32]", "ladder: [16, 32]\nlayer-map: heun")));
        assertTrue(unstated.check().statement().endsWith("with p = 2."), "the layer map's own order when none is stated");
    }

    /** A ladder on which a gap that does not shrink would pass as one that does is refused (docs/theory.md, Theorem 2). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"[128, 256]", "[128, 256, 512]", "[128, 256, 768]"})
    void theLeadingTermRefusesALadderTooShortToTellShrinkingFromConstant(String ladder) throws Exception {
        Path file = write("bad.yaml", VALID.replace("uniform-bound", "leading-term")
                .replace("ladder: [16, 32]", "ladder: " + ladder));
        BadInputException e = assertThrows(BadInputException.class, () -> ClaimCatalogue.read(file));
        assertTrue(e.getMessage().startsWith(file + ":5:9: the leading term's ladder needs three depths or more, the"
                + " deepest beyond twice the sum of the two shallowest"), e.getMessage());
        ClaimCatalogue.read(write("good.yaml", VALID.replace("uniform-bound", "leading-term")
                .replace("ladder: [16, 32]", "ladder: [128, 256, 769]")));
    }

    @Test
    void theReferenceIsAtLeastAsPreciseAsTheLayers() throws Exception {
        Path file = write("bad.yaml", VALID.replace("ladder: [16, 32]", "precision: 30\nreference-precision: 20"));
        BadInputException e = assertThrows(BadInputException.class, () -> ClaimCatalogue.read(file));
        assertTrue(e.getMessage().contains(":6:22: the reference must be at least as precise as the layers (binary(30))"),
                e.getMessage());
    }

    /**
     * Files are read side by side: the claims still come in sorted order, and of several bad files the first in that
     * order is the one reported, with its line, every time (never a later bad file, whether its claim or its field is
     * bad, nor a later duplicate name).
     */
    @Test
    void theFirstBadFileInSortedOrderIsReportedWhateverTheThreadsDid() throws Exception {
        for (int i = 0; i < 12; i++) {
            write(String.format("%02d-ok.yaml", i), VALID);
        }
        write("05-bad.yaml", VALID.replace("ladder: [16, 32]", "precision: 30\nreference-precision: 20"));
        write("07-bad-field.yaml", VALID.replace("family: mlp", "family: resnet"));
        write("08-bad.yaml", VALID.replace("tries: 3", "tries: many"));
        write("10-ok.yml", VALID);
        for (int run = 0; run < 20; run++) {
            BadInputException e = assertThrows(BadInputException.class,
                    () -> Claim.readAll(ClaimCatalogue.read(List.of(dir))));
            assertTrue(e.getMessage().contains("05-bad.yaml:6:22: the reference must be at least as precise"),
                    e.getMessage());
        }
        Files.delete(dir.resolve("05-bad.yaml"));
        Files.delete(dir.resolve("07-bad-field.yaml"));
        Files.delete(dir.resolve("08-bad.yaml"));
        Files.delete(dir.resolve("10-ok.yml"));
        assertEquals(List.of("00-ok", "01-ok", "02-ok", "03-ok", "04-ok", "05-ok"),
                Claim.readAll(ClaimCatalogue.read(List.of(dir))).stream().map(Claim::id).limit(6).toList());
    }

    @Test
    void aFamilysWeightRangeIsNotAWeightsFile() throws Exception {
        Claim claim = ClaimCatalogue.read(write("attention.yaml", VALID.replace("  family: mlp\n  dimension: [1, 2]",
                "  family: softmax-attention\n  weights: [-2, 2]")));
        assertEquals("[-2.0, 2.0]", claim.hypothesisSpace().get("weights"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "theorem: uniform-bound | theorem: nonsense | 2:10: expected one of uniform-bound",
        "expect: holds | expect: maybe | 3:9: expected one of holds, falsified",
        "tries: 3 | tries: many | 4:8: expected an integer",
        "tries: 3 | tries: 0 | 4:8: tries must be between 1 and 100000",
        "ladder: [16, 32] | ladder: [32, 16] | 5:14: depths must be increasing, from 1 to 65536",
        "ladder: [16, 32] | ladder: [16] | 5:9: a depth ladder needs at least two depths",
        "ladder: [16, 32] | precision: quad | 5:12: expected an integer",
        "ladder: [16, 32] | colour: red | 5:1: unknown key 'colour'",
        "ladder: [16, 32] | field-epsilon: 0.01 | 5:1: 'field-epsilon' is not a setting of the theorem 'uniform-bound';"
                + " its settings are layer-map, precision, reference-precision, rigour, ladder, constant-factor",
        "ladder: [16, 32] | constant-factor: 0 | 5:18: constant-factor must be positive, got 0",
        "ladder: [16, 32] | rigour: certain | 5:9: expected one of observed, proved",
        "ladder: [16, 32] | reference-precision: quad | 5:22: expected an integer",
        "family: mlp | family: resnet | 7:11: unknown family 'resnet'",
        "dimension: [1, 2] | dimension: [2, 1] | 8:14: expected a range [min, max] with min <= max",
        "dimension: [1, 2] | dimension: [1.5, 2] | 8:15: expected an integer",
        "dimension: [1, 2] | depth: [1, 2] | 8:3: unknown key 'depth'",
        "title: a claim | title: [a, b] | 1:8: expected a single value"})
    void malformedClaimsNameFileLineAndExpectation(String from, String to, String message) throws Exception {
        Path file = write("bad.yaml", VALID.replace(from, to));
        BadInputException e = assertThrows(BadInputException.class, () -> ClaimCatalogue.read(file));
        assertTrue(e.getMessage().startsWith(file.toString() + ":"), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    /**
     * The mean-field checks declare their own settings, each read and checked: the limit's token counts, repetitions
     * (the batches, at least 24) and confidence, the clustering limit's token, the sphere energy's token count and inverse temperature (at most 256 tokens, beta at most 10).
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "mean-field-limit | softmax-attention | token-counts: [4, 16, 8] | 5:23: token counts must be increasing, from 2 to 512, got 8",
        "mean-field-limit | softmax-attention | token-counts: [4, 8, 1024] | 5:22: token counts must be increasing, from 2 to 512, got 1024",
        "mean-field-limit | softmax-attention | token-counts: [8, 16] | 5:15: token-counts needs at least 3 token counts (the rate is fitted with a constant and a 1/n term)",
        "mean-field-limit | softmax-attention | repetitions: 23 | 5:14: repetitions (the draws of the largest token count, one per batch) must be from 24 to 1024, got 23",
        "mean-field-limit | softmax-attention | repetitions: 1025 | 5:14: repetitions (the draws of the largest token count, one per batch) must be from 24 to 1024, got 1025",
        "mean-field-limit | softmax-attention | confidence: 1 | 5:13: confidence must be in [0.5, 0.9999], got 1",
        "clustering | sphere-attention | cluster-at: middle-token | 5:13: ",
        "mean-field-limit | softmax-attention | rate-factor: 0.5 | 5:1: 'rate-factor' is not a setting of the theorem 'mean-field-limit'",
        "sphere-energy | sphere-attention | token-count: 1 | 5:14: token-count must be between 2 and 256, got 1",
        "sphere-energy | sphere-attention | beta: 0 | 5:7: beta must be in (0, 10], got 0",
        "sphere-energy | sphere-attention | beta: 11 | 5:7: beta must be in (0, 10], got 11"})
    void meanFieldSettingsAreChecked(String theorem, String family, String setting, String message) throws Exception {
        Path file = write("bad.yaml", VALID.replace("theorem: uniform-bound", "theorem: " + theorem)
                .replace("ladder: [16, 32]", setting).replace("family: mlp", "family: " + family)
                .replace("dimension: [1, 2]", "width: [2, 3]"));
        BadInputException e = assertThrows(BadInputException.class, () -> ClaimCatalogue.read(file));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    /**
     * A statistical check is made for the run's tries: the mean-field claim's 99.99 % is split over the tries a run
     * gives it (up to its max-tries, 20), and its statement says at what level each try's interval is taken.
     */
    @Test
    void aStatisticalClaimSplitsItsConfidenceOverTheTriesOfTheRun() throws Exception {
        Claim claim = ClaimCatalogue.read(Path.of("properties/mean-field-limit-gaussian.yaml"));
        assertTrue(claim.header(1, claim.tries(), "").statement().contains("the 99.995 % (99.99 % over 2 tries)"));
        assertTrue(claim.header(1, 10_000, "").statement().contains("the 99.9995 % (99.99 % over 20 tries)"));
        assertTrue(claim.header(1, 1, "").statement().contains("r lies in the 99.99 % Student-t interval"));
    }

    @Test
    void rigourProvedIsRefusedWhereTheTheoremHasNoProvedCheck() throws Exception {
        Path file = write("bad.yaml", VALID.replace("theorem: uniform-bound", "theorem: observed-order\nrigour: proved"));
        BadInputException e = assertThrows(BadInputException.class, () -> ClaimCatalogue.read(file));
        assertTrue(e.getMessage().startsWith(file + ":3:9: rigour: proved is not supported by the theorem"
                + " 'observed-order', whose check decides from observed values; expected rigour: observed, or a theorem"
                + " with proved verdicts: uniform-bound"), e.getMessage());
        Path ignored = write("precision.yaml", VALID + "rigour: proved\nprecision: 30\n");
        BadInputException unused = assertThrows(BadInputException.class, () -> ClaimCatalogue.read(ignored));
        assertTrue(unused.getMessage().contains(":10:12: precision is not used by rigour: proved"), unused.getMessage());
        assertEquals(Rigour.OBSERVED, ClaimCatalogue.read(write("observed.yaml", VALID.replace("theorem: uniform-bound",
                "theorem: observed-order\nrigour: observed"))).check().rigour());
        Claim proved = ClaimCatalogue.read(write("proved.yaml", VALID + "rigour: proved\n"));
        assertEquals(Rigour.PROVED, proved.check().rigour());
        assertEquals("layers in intervals of 30 digits; reference of 20 digits, enclosed at 30",
                proved.hypothesisSpace().get("precision"));
    }

    /**
     * A theorem whose check runs Euler layers (or none) refuses another layer map at its line: Theorem 4's check ran
     * Euler layers under {@code layer-map: rk4} and passed a false claim, Euler's rho(h) for RK4 layers (x' = -x with
     * h = 1: rho = 0, RK4 keeps 3/8 of a perturbation), while the report showed "layer map: rk4".
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"layer-perturbation | rk4", "field-perturbation | heun",
        "leading-term | rk4", "flow-perturbation | heun", "sphere-drift | rk4"})
    void aLayerMapTheCheckDoesNotRunIsRefused(String theorem, String layerMap) throws Exception {
        Path file = write("bad.yaml", VALID.replace("theorem: uniform-bound", "theorem: " + theorem
                + "\nlayer-map: " + layerMap).replace("ladder: [16, 32]\n", ""));
        BadInputException e = assertThrows(BadInputException.class, () -> ClaimCatalogue.read(file));
        assertTrue(e.getMessage().startsWith(file + ":3:12: layer-map: " + layerMap + " is not run by the theorem '"
                + theorem + "', whose check runs Euler layers or none; expected layer-map: euler, or a theorem that"
                + " runs any layer map: uniform-bound, observed-order"), e.getMessage());
        assertEquals("euler", ClaimCatalogue.read(write("euler.yaml", VALID.replace("ladder: [16, 32]",
                "ladder: [16, 32]\nlayer-map: euler"))).hypothesisSpace().get("layer map"));
    }

    /** The same for a precision: the structural and mean-field checks compute in double whatever a file states. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"permutation-equivariance | precision", "sphere-drift | reference-precision",
        "clustering | precision"})
    void aPrecisionTheCheckDoesNotComputeAtIsRefused(String theorem, String key) throws Exception {
        Path file = write("bad.yaml", VALID.replace("theorem: uniform-bound", "theorem: " + theorem + "\n" + key
                + ": 40").replace("ladder: [16, 32]\n", ""));
        BadInputException e = assertThrows(BadInputException.class, () -> ClaimCatalogue.read(file));
        assertTrue(e.getMessage().startsWith(file + ":3:" + (key.length() + 3) + ": " + key + ": 40 is not used by the"
                + " theorem '" + theorem + "', whose check computes in double; expected " + key + ": double, or a"
                + " theorem that computes at a stated precision: leading-term, layer-perturbation"), e.getMessage());
    }

    /**
     * A theorem that runs the flow alone computes at the reference's precision, which a lone {@code precision} sets; a
     * {@code precision} beside a {@code reference-precision} names layers that never run, and is refused.
     */
    @ParameterizedTest
    @ValueSource(strings = {"flow-perturbation", "token-norms", "wasserstein-stability"})
    void aLayerPrecisionOfAFlowOnlyTheoremIsRefused(String theorem) throws Exception {
        String claim = VALID.replace("theorem: uniform-bound", "theorem: " + theorem).replace("ladder: [16, 32]\n", "");
        Path file = write("bad.yaml", claim.replace("theorem: " + theorem, "theorem: " + theorem
                + "\nprecision: 30\nreference-precision: 40"));
        BadInputException e = assertThrows(BadInputException.class, () -> ClaimCatalogue.read(file));
        assertTrue(e.getMessage().startsWith(file + ":3:12: precision: 30 is the layers' and the theorem '" + theorem
                + "' runs no layers, only the flow at reference-precision; expected reference-precision alone"),
                e.getMessage());
        assertEquals("layers binary(30), reference binary(30)", ClaimCatalogue.read(write("alone.yaml",
                claim.replace("theorem: " + theorem, "theorem: " + theorem + "\nprecision: 30")))
                .hypothesisSpace().get("precision"));
    }

    @Test
    void aMissingKeyNamesTheKey() throws Exception {
        Path file = write("bad.yaml", VALID.replace("expect: holds\n", ""));
        BadInputException e = assertThrows(BadInputException.class, () -> ClaimCatalogue.read(file));
        assertTrue(e.getMessage().contains("missing key 'expect'"), e.getMessage());
    }

    @Test
    void yamlSyntaxErrorsHaveALine() throws Exception {
        Path file = write("bad.yaml", VALID.replace("ladder: [16, 32]", "ladder: [16, 32"));
        BadInputException e = assertThrows(BadInputException.class, () -> ClaimCatalogue.read(file));
        assertTrue(e.getMessage().contains("YAML syntax error") && e.line() > 0, e.getMessage());
    }

    /**
     * A directory's claim files are read at any depth, in path order, as the JUnit engine reads a claims folder: until
     * 2026-12-01 {@code audit DIR} read only its top level, and a gate on a folder skipped nested claims silently.
     */
    @Test
    void aDirectoryIsReadAtAnyDepth() throws Exception {
        Files.createDirectories(dir.resolve("b/c"));
        write("z.yaml", VALID);
        write("b/c/nested.yaml", VALID);
        write("b/c/notes.txt", "not a claim");
        Files.createDirectories(dir.resolve("folder.yaml"));
        assertEquals(List.of("nested", "z"), ClaimCatalogue.read(List.of(dir)).stream()
                .map(file -> Claim.idOf(file.path())).toList());
    }

    /**
     * A claim saved as X.YAML (by a tool on a file system that ignores case) is read, with id X: until 2026-12-01 a
     * folder's listing skipped it without a word, and a gate on that folder passed without the claim.
     */
    @Test
    void aClaimFileIsKnownByItsSuffixInAnyCase() throws Exception {
        write("Upper.YAML", VALID);
        write("short.Yml", VALID);
        assertEquals(List.of("Upper", "short"), ClaimCatalogue.read(List.of(dir)).stream()
                .map(file -> Claim.idOf(file.path())).toList());
    }

    /**
     * A file named twice, or named and inside a folder named, in either order, is one claim: until 2026-12-01 a file
     * named after its folder was read twice, and refused as two claim files of one name.
     */
    @Test
    void aFileNamedAgainIsReadOnce() throws Exception {
        Path file = write("once.yaml", VALID);
        write("other.yaml", VALID);
        for (List<Path> sources : List.of(List.of(dir, file), List.of(file, dir),
                List.of(dir, dir.resolve("."), Path.of(dir.toAbsolutePath() + "/../" + dir.getFileName())))) {
            assertEquals(List.of("once", "other"), Claim.readAll(ClaimCatalogue.read(sources)).stream()
                    .map(Claim::id).sorted().toList(), sources.toString());
        }
        assertEquals(1, Claim.readAll(ClaimCatalogue.read(List.of(file, file))).size());
    }

    /** The catalogue's weights claim on the example block, with one text replaced. */
    private Path blockClaimWith(String text, String replacement) throws Exception {
        return write("weights.yaml", Files.readString(Path.of("properties/weights-block-observed-order.yaml"))
                .replace("../examples/", Path.of("examples").toAbsolutePath() + "/").replace(text, replacement));
    }

    @Test
    void aMissingTensorIsNamedWithTheTensorsThereAre() throws Exception {
        Path copy = blockClaimWith("wq: block.attn.wq", "wq: block.attn.query");
        BadInputException e = assertThrows(BadInputException.class, () -> ClaimCatalogue.read(copy));
        assertTrue(e.getMessage().contains("block.attn.query") && e.getMessage().contains("block.attn.wq"),
                e.getMessage());
    }

    /** Refused at its own line: until 2026-11-30 the block's constructor refused it, reported at the tensors' line. */
    @Test
    void aLayerNormEpsilonThatIsNotPositiveIsRefusedAtItsLine() throws Exception {
        assertRefusedAtLineOf(blockClaimWith("  horizon: 1\n", "  horizon: 1\n  layer-norm-epsilon: 0\n"),
                "layer-norm-epsilon", "layer-norm-epsilon must be positive, got 0");
    }

    /** An FFN has no heads and attention no activation: a setting the layer would ignore is refused at its line. */
    @Test
    void aSettingTheLayerDoesNotReadIsRefusedAtItsLine() throws Exception {
        assertRefusedAtLineOf(blockClaimWith("layer: block", "layer: ffn"), "heads: 2",
                "'heads' is not a key of a weights claim's ffn layer; its keys are weights, layer, tensors, tokens"
                        + " and its settings activation, initial-radius, horizon");
        assertRefusedAtLineOf(blockClaimWith("layer: block\n  tokens: 3\n  heads: 2\n",
                "layer: attention\n  tokens: 3\n"), "activation: gelu",
                "'activation' is not a key of a weights claim's attention layer");
    }

    @Test
    void aWeightsLayersStartsBeyondTheBallLimitAreRefusedAtTheirLine() throws Exception {
        assertRefusedAtLineOf(blockClaimWith("initial-radius: 1", "initial-radius: 1e200"), "initial-radius",
                "initial-radius must be at most 1.0E100, got 1.0E200");
    }

    @Test
    void headsOutsideTheirRangeAreRefusedAtTheirLine() throws Exception {
        assertRefusedAtLineOf(blockClaimWith("heads: 2", "heads: 0"), "heads: 0",
                "heads must be between 1 and 256, got 0");
    }

    /** Reading {@code file} is refused at its first line holding {@code text}, with a message holding fragment. */
    private static void assertRefusedAtLineOf(Path file, String text, String fragment) throws Exception {
        BadInputException e = assertThrows(BadInputException.class, () -> ClaimCatalogue.read(file));
        assertEquals(Files.readString(file).lines().takeWhile(line -> !line.contains(text)).count() + 1, e.line(),
                e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void aWrongShapeIsReported() throws Exception {
        Path copy = blockClaimWith("wo: block.attn.wo", "wo: block.mlp.w1");
        BadInputException e = assertThrows(BadInputException.class, () -> ClaimCatalogue.read(copy));
        assertTrue(e.getMessage().contains("wo"), e.getMessage());
    }

    /**
     * Of several malformed files, the first in sorted order is reported, whichever reader refuses it: the catalogue
     * (its YAML or its fields) or the claim (its own keys). The catalogue reads every file's fields before the claims
     * resolve, so a later file it cannot read must not hide an earlier claim's error, nor the other way round.
     */
    @Test
    void theFirstMalformedFileInOrderIsReported() throws Exception {
        Path claimError = write("a.yaml", VALID.replace("expect: holds", "expect: perhaps"));
        write("b.yaml", VALID.replace("ladder: [16, 32]", "ladder: [16, 32"));
        BadInputException first = assertThrows(BadInputException.class,
                () -> Claim.readAll(ClaimCatalogue.read(List.of(dir))));
        assertTrue(first.getMessage().startsWith(claimError + ":3:9: expected one of holds, falsified"),
                first.getMessage());

        Path fieldError = write("a.yaml", VALID.replace("family: mlp", "family: resnet"));
        write("b.yaml", VALID.replace("expect: holds", "expect: perhaps"));
        BadInputException before = assertThrows(BadInputException.class,
                () -> Claim.readAll(ClaimCatalogue.read(List.of(dir))));
        assertTrue(before.getMessage().startsWith(fieldError + ":7:11: unknown family 'resnet'"), before.getMessage());
    }

    /** Two claim files of one name, in two folders named, would be one claim id twice: the second is refused. */
    @Test
    void twoClaimFilesOfOneNameAreRefused() throws Exception {
        Files.createDirectories(dir.resolve("more"));
        write("more/same.yaml", VALID);
        Path second = write("same.yaml", VALID);
        BadInputException e = assertThrows(BadInputException.class,
                () -> Claim.readAll(ClaimCatalogue.read(List.of(dir.resolve("more"), dir))));
        assertEquals(second + ": another claim file has the same name 'same'", e.getMessage());
    }

    @Test
    void aMalformedClaimNeverRunsAndLeavesTheEarlierReport() throws Exception {
        Path reports = dir.resolve("reports");
        Files.createDirectories(reports);
        Path index = Files.writeString(reports.resolve("index.html"), "earlier report");
        write("good.yaml", VALID);
        write("zz-bad.yaml", VALID.replace("expect: holds", "expect: perhaps"));
        StringWriter err = new StringWriter();
        int status = Main.execute(new String[] {"audit", dir.toString(), "--report", reports.toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(err, true));
        assertEquals(2, status);
        assertTrue(err.toString().contains("zz-bad.yaml:3:9"), err.toString());
        assertEquals("earlier report", Files.readString(index));
        assertEquals(List.of("index.html"), Files.list(reports).map(p -> p.getFileName().toString()).toList());
    }
}
