package io.flowaudit.weights;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowaudit.input.BadInputException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * all-MiniLM-L6-v2's tokenizer on texts whose ids were looked up by hand in the file's vocabulary (the oracle
 * comparison is {@link WordPieceOracleTest}), and one test per way a tokenizer.json is refused.
 */
class WordPieceTokenizerTest {

    private static final String FILE = "tokenizer.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static WordPieceTokenizer tokenizer;
    /** The file with its vocabulary cut to ids 0-199 (the special tokens are 0 and 100-103), for quick refusals. */
    private static ObjectNode small;

    @BeforeAll
    static void read() throws IOException {
        byte[] contents = WordPieceOracleTest.tokenizerJson();
        tokenizer = WordPieceTokenizer.parse(FILE, contents);
        small = (ObjectNode) JSON.readTree(contents);
        model(small).<ObjectNode>get("vocab").properties().removeIf(entry -> entry.getValue().intValue() >= 200);
        WordPieceTokenizer.parse(FILE, JSON.writeValueAsBytes(small));
    }

    @Test
    void idsLookedUpByHand() {
        assertEquals(30522, tokenizer.vocabularySize());
        // [CLS] 101 and [SEP] 102 around every text; "hello" 7592, "," 1010, "world" 2088, "!" 999
        assertIds("Hello, world!", 101, 7592, 1010, 2088, 999, 102);
        // accents stripped and lowercased: "cafe" 7668, "naive" 15743, "resume" 13746
        assertIds("Café NAÏVE résumé", 101, 7668, 15743, 13746, 102);
        // CJK ideographs stand alone: 東 1879, 京 1755; 爱 is not in the vocabulary, so [UNK] 100
        assertIds("東京我爱", 101, 1879, 1755, 1855, 100, 102);
        // "xy" is no entry: "x" 1060 then the continuation "##y" 2100
        assertIds("xy", 101, 1060, 2100, 102);
        // [MASK] 103 is an added token, matched before normalization; "[mask]" is three ordinary words
        assertIds("hello [MASK]", 101, 7592, 103, 102);
        assertEquals(List.of("[CLS]", "[", "mask", "]", "[SEP]"), tokenizer.encode("[mask]").tokens());
        assertIds("", 101, 102);
        assertIds(" \t\n\u3000 ", 101, 102);
    }

    @Test
    void wordLengthLimitCountsCodePoints() {
        // max_input_chars_per_word is 100: 100 characters are split into pieces, 101 are one [UNK]
        assertEquals(List.of("[CLS]", "[UNK]", "[SEP]"), tokenizer.encode("x" + "y".repeat(100)).tokens());
        assertEquals("x", tokenizer.encode("x" + "y".repeat(99)).tokens().get(1));
        // 100 supplementary characters are 200 chars but 100 code points: not too long, but uncovered, so [UNK]
        assertEquals(3, tokenizer.encode("\uD83D\uDE00".repeat(100)).size());
    }

    @Test
    void truncationKeepsTheSpecialTokensWithinMaxLength() {
        WordPieceTokenizer.Encoding encoding = tokenizer.encode("word ".repeat(300));
        assertEquals(128, encoding.size());
        assertEquals("[SEP]", encoding.tokens().get(127));
        WordPieceTokenizer.Encoding pair = tokenizer.encode("a ".repeat(200), "b ".repeat(10));
        // longest first: the short second text stays whole, the first gets 128 - 3 - 10
        assertEquals(128, pair.size());
        assertEquals(115, pair.tokens().stream().filter("a"::equals).count());
        assertEquals(11, Arrays.stream(pair.typeIds()).sum(), "ten b and the last [SEP] have type id 1");
    }

    private static void assertIds(String text, int... ids) {
        WordPieceTokenizer.Encoding encoding = tokenizer.encode(text);
        assertArrayEquals(ids, encoding.ids(), text);
        assertArrayEquals(new int[ids.length], encoding.typeIds(), text);
    }

    @Test
    void refusesWhatIsNotATokenizerJson(@TempDir Path directory) throws IOException {
        Path absent = directory.resolve("absent.json");
        assertEquals(absent + ": file not found",
                assertThrows(BadInputException.class, () -> WordPieceTokenizer.read(absent)).getMessage());
        Path latin1 = Files.write(directory.resolve("latin1.json"), new byte[] {'{', '"', (byte) 0xE9, '"', '}'});
        assertEquals(latin1 + ":1:3: not valid UTF-8 text: byte 0xE9 at offset 2",
                assertThrows(BadInputException.class, () -> WordPieceTokenizer.read(latin1)).getMessage());
        assertEquals("tokenizer.json:1:2: not valid JSON: Unexpected end-of-input: expected close marker for Object"
                + " (start marker at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled);"
                + " line: 1, column: 1])", refusal("{".getBytes(StandardCharsets.UTF_8)));
        assertEquals("tokenizer.json:1:12: not valid JSON: Duplicate field 'a'",
                refusal("{\"a\":1, \"a\":2}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("tokenizer.json: expected a JSON object (a HuggingFace tokenizer.json), found []",
                refusal("[]".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void refusesOtherKindsOfTokenizer() {
        assertEquals("tokenizer.json: model.type is \"BPE\"; flowaudit reads \"WordPiece\" (BERT's subword model)",
                refusal(json -> model(json).put("type", "BPE")));
        assertEquals("tokenizer.json: normalizer is null; expected an object",
                refusal(json -> json.putNull("normalizer")));
        assertEquals("tokenizer.json: normalizer.type is \"NFC\"; flowaudit reads \"BertNormalizer\" (BERT's cleaning,"
                + " CJK spacing, accents and case)", refusal(json -> object(json, "normalizer").put("type", "NFC")));
        assertEquals("tokenizer.json: pre_tokenizer.type is \"Whitespace\"; flowaudit reads \"BertPreTokenizer\""
                + " (BERT's whitespace and punctuation split)",
                refusal(json -> object(json, "pre_tokenizer").put("type", "Whitespace")));
        assertEquals("tokenizer.json: post_processor.type is \"RobertaProcessing\"; flowaudit reads"
                + " \"TemplateProcessing\" or \"BertProcessing\" (BERT's [CLS] A [SEP] layout)",
                refusal(json -> object(json, "post_processor").put("type", "RobertaProcessing")));
        assertEquals("tokenizer.json: added_tokens[4] ('[MASK]') has lstrip: true; flowaudit matches added tokens"
                + " verbatim in the raw text (single_word, lstrip, rstrip and normalized all false)",
                refusal(json -> ((ObjectNode) json.get("added_tokens").get(4)).put("lstrip", true)));
    }

    @Test
    void refusesSettingsThatLie() {
        assertEquals("tokenizer.json: model.vocab: '[unused99]' has id 101; expected the ids 0 to 199, each once"
                + " ('[CLS]' has it too)", refusal(json -> object(model(json), "vocab").put("[unused99]", 101)));
        assertEquals("tokenizer.json: model.vocab: 'hello' has id 201; expected the ids 0 to 200, each once",
                refusal(json -> object(model(json), "vocab").put("hello", 201)));
        assertEquals("tokenizer.json: model.unk_token '<unk>' is not in model.vocab",
                refusal(json -> model(json).put("unk_token", "<unk>")));
        assertEquals("tokenizer.json: model.max_input_chars_per_word is -1; expected a non-negative integer",
                refusal(json -> model(json).put("max_input_chars_per_word", -1)));
        assertEquals("tokenizer.json: normalizer.strip_accents is \"yes\"; expected true, false or null (null: strip"
                + " accents when lowercasing)", refusal(json -> object(json, "normalizer").put("strip_accents", "yes")));
        assertEquals("tokenizer.json: truncation.max_length is 2; the post-processor alone adds 3 tokens",
                refusal(json -> object(json, "truncation").put("max_length", 2)));
        assertEquals("tokenizer.json: truncation.strategy is 'Shortest'; expected LongestFirst, OnlyFirst or OnlySecond",
                refusal(json -> object(json, "truncation").put("strategy", "Shortest")));
        assertEquals("tokenizer.json: post_processor.special_tokens['[CLS]'] is missing; the template names it, so it"
                + " must be defined", refusal(json -> object(object(json, "post_processor"), "special_tokens")
                .remove("[CLS]")));
        assertEquals("tokenizer.json: post_processor.single places A 2 times and B 0 times; expected A once",
                refusal(json -> ((ObjectNode) json.get("post_processor").get("single").get(2)).removeAll()
                        .set("Sequence", JSON.createObjectNode().put("id", "A").put("type_id", 0))));
    }

    private static ObjectNode model(ObjectNode json) {
        return object(json, "model");
    }

    private static ObjectNode object(ObjectNode parent, String field) {
        return (ObjectNode) parent.get(field);
    }

    private static String refusal(Consumer<ObjectNode> change) {
        try {
            ObjectNode json = small.deepCopy();
            change.accept(json);
            return refusal(JSON.writeValueAsBytes(json));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String refusal(byte[] file) {
        BadInputException refused = assertThrows(BadInputException.class, () -> WordPieceTokenizer.parse(FILE, file));
        assertEquals(FILE, refused.file());
        return refused.getMessage();
    }
}
