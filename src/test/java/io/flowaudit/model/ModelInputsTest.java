package io.flowaudit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.audit.ClaimCatalogue;
import io.flowaudit.input.BadInputException;
import io.flowaudit.input.YamlDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A claim file's {@code field: {model: ...}}: its inputs, read and checked before anything runs. */
class ModelInputsTest {

    @TempDir
    Path dir;

    private ModelInputs read(String field) throws Exception {
        Path file = dir.resolve("field.yaml");
        Files.writeString(file, field);
        return ModelInputs.read(YamlDocument.load(file).requireMapping());
    }

    private void assertRefused(String field, String message) {
        BadInputException refused = assertThrows(BadInputException.class, () -> read(field));
        assertTrue(refused.getMessage().contains(message), refused.getMessage());
    }

    @Test
    void sentencesAndRandomSequencesAreDescribed() throws Exception {
        ModelInputs inputs = read("model: all-minilm-l6-v2\nsentences: [\"The cat sat.\", \"Dogs bark.\"]\n"
                + "random-sequences: {tokens: [4, 16]}\n");
        assertEquals("The cat sat. | Dogs bark.", inputs.describe().get("sentences"));
        assertEquals("4..16 token ids, uniform over the vocabulary", inputs.describe().get("random sequences"));
        assertTrue(inputs.describe().get("model").contains(Checkpoint.MODEL_SHA256));
    }

    @Test
    void badSettingsAreRefusedAtTheirLine() {
        assertRefused("model: bert-base\nrandom-sequences: {tokens: 16}\n", "all-minilm-l6-v2");
        assertRefused("model: all-minilm-l6-v2\n", "needs inputs");
        assertRefused("model: all-minilm-l6-v2\nrandom-sequences: {tokens: 129}\n", "between 1 and 128");
        assertRefused("model: all-minilm-l6-v2\nrandom-sequences: {tokens: 0}\n", "between 1 and 128");
        assertRefused("model: all-minilm-l6-v2\nsentences: []\n", "1 to 64 texts");
        assertRefused("model: all-minilm-l6-v2\nsentences: [\" \"]\n", "1 to 1000 characters");
        assertRefused("model: all-minilm-l6-v2\nrandom-sequences: {count: 3}\n", "count");
        assertRefused("model: all-minilm-l6-v2\nrandom-sequences: {tokens: 4}\nheads: 2\n", "heads");
    }

    /** A counterexample names an input, not a field (until 2026-12-02: "all-minilm-l6-v2 field of dimension 768"). */
    @Test
    void anInputIsDescribedByItsTokens() {
        ModelInput input = ModelInputs.ofSentence("Dogs bark.");
        assertEquals("all-minilm-l6-v2 on " + input.tokens() + " tokens (states of dimension " + 384 * input.tokens()
                + ")", input.description());
    }

    /**
     * A sentence of more than 128 tokens is refused, not audited as the prefix the tokenizer's truncation keeps (its
     * max_length is 128, so counted after truncation every sentence passed); one of exactly 128 is taken whole.
     */
    @Test
    void aSentenceLongerThanATruncatedEncodingIsRefused() {
        String longest = "word ".repeat(126).trim();
        assertEquals(128, ModelInputs.ofSentence(longest).tokens());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> ModelInputs.ofSentence(longest + " end."));
        assertTrue(refused.getMessage().contains("has 130 tokens; a claim on the model takes at most 128 (the"
                + " tokenizer would keep 128)"), refused.getMessage());
    }

    /**
     * A sentence too long fails the first draw whichever sentence it draws, so the verdict does not hang on the tries
     * (it held at three tries that missed it, red team 2026-12-01), and the error quotes its start, not all of it.
     */
    @Test
    void aSentenceTooLongFailsTheFirstDrawWhicheverItDraws() throws Exception {
        String tooLong = "word ".repeat(199) + "end.";
        ModelInputs inputs = read("model: all-minilm-l6-v2\nsentences: [\"The cat sat.\", \"" + tooLong + "\"]\n");
        Arbitrary<ModelInput> drawn = inputs.inputs();
        // the first edge case is the short first sentence: drawing it fails on the long one
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> drawn.edgeCases().iterator().next().value());
        assertTrue(refused.getMessage().startsWith("the sentence 'word word") && refused.getMessage().contains(
                "… (999 characters)' has 203 tokens"), refused.getMessage());
    }

    /** Beside random sequences too: a draw of one of them fails on the long sentence as well. */
    @Test
    void aSentenceTooLongFailsADrawOfARandomSequence() throws Exception {
        ModelInputs inputs = read("model: all-minilm-l6-v2\nsentences: [\"" + "word ".repeat(199) + "end.\"]\n"
                + "random-sequences: {tokens: 4}\n");
        for (int draw = 0; draw < 8; draw++) {
            assertThrows(IllegalArgumentException.class, inputs.inputs()::sample);
        }
    }

    /** The model runs only checks written for it, and those run only on it. */
    @Test
    void aFieldTheoremOnTheModelIsRefusedAtTheTheoremLine() throws Exception {
        Path claim = dir.resolve("claim.yaml");
        Files.writeString(claim, "title: t\ntheorem: uniform-bound\nexpect: holds\nfield:\n  model: all-minilm-l6-v2\n"
                + "  random-sequences: {tokens: 4}\n");
        BadInputException refused = assertThrows(BadInputException.class, () -> ClaimCatalogue.read(claim));
        assertTrue(refused.getMessage().contains("claim.yaml:2:") && refused.getMessage().contains("does not run on a"
                + " checkpoint"), refused.getMessage());
    }
}
