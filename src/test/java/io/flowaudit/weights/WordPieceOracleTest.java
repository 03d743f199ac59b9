package io.flowaudit.weights;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowaudit.input.BadInputException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link WordPieceTokenizer} against the reference implementation, HuggingFace tokenizers 0.21 (Rust) through
 * DJL's binding, on all-MiniLM-L6-v2's own {@code tokenizer.json}: tokens, ids and type ids must be equal, for
 * hand-picked texts that reach every rule and for 400 seeded random texts mixing vocabulary words with
 * punctuation, accents, combining marks, CJK, Hangul, emoji, controls, unusual spaces, private-use and
 * unassigned code points, long words and texts past the file's 128-token truncation; and for 100 pairs.
 * The oracle pads to 128 as the file says; only its unpadded part (attention mask 1) is compared.
 */
class WordPieceOracleTest {

    static final String TOKENIZER_RESOURCE = "/all-minilm-l6-v2-tokenizer.json";

    private static WordPieceTokenizer tokenizer;
    private static HuggingFaceTokenizer oracle;
    private static List<String> vocabulary;
    private static final ObjectMapper JSON = new ObjectMapper();

    static byte[] tokenizerJson() throws IOException {
        try (InputStream in = WordPieceOracleTest.class.getResourceAsStream(TOKENIZER_RESOURCE)) {
            assertNotNull(in, TOKENIZER_RESOURCE + " is on the test class path through the langchain4j model artifact");
            return in.readAllBytes();
        }
    }

    @BeforeAll
    static void load(@TempDir Path directory) throws IOException {
        byte[] json = tokenizerJson();
        tokenizer = WordPieceTokenizer.parse("all-minilm-l6-v2-tokenizer.json", json);
        Path file = Files.write(directory.resolve("tokenizer.json"), json);
        oracle = HuggingFaceTokenizer.newInstance(file);
        assertEquals("0.21.0", oracle.getVersion().split("-")[0], "the tokenizers version this test was written against");
        assertEquals("LONGEST_FIRST", oracle.getTruncation(), "the oracle keeps the file's truncation");
        assertEquals(128, oracle.getMaxLength());
        vocabulary = new ArrayList<>(JSON.readTree(json)
                .path("model").path("vocab").properties().stream().map(Map.Entry::getKey).toList());
    }

    @AfterAll
    static void close() {
        oracle.close();
    }

    static final List<String> HAND_PICKED = List.of(
            "",
            " ",
            "   \t\n  ",
            "Hello, world!",
            "The quick brown fox jumps over the lazy dog.",
            "unaffable",
            "UNAFFABLE Unaffable",
            "Café naïve résumé Ångström façade",
            "crème brûlée, jalapeño; Ærøskøbing",
            "İstanbul ΣΊΣΥΦΟΣ Straße",
            "我爱北京天安门",
            "東京タワーは日本にあります",
            "한국어 텍스트입니다",
            "Привет, мир! Здравствуйте",
            "مرحبا بالعالم",
            "emoji 😀👍🏽 and ❤️ hearts",
            "a\u0000b\u0001c\u007fd\ufffde",
            "tabs\tand\nnewlines\r\nand\u00a0no-break\u2003em\u3000ideographic\u200bzero-width",
            "soft\u00adhyphen and\u200djoiner",
            "private \ue000 use and unassigned \u0378 \ud83e\udff0",
            "don't stop-believing (really) [maybe] {ok} <tag> a/b\\c",
            "$100 + 5% = €105 ^_^ `code` |pipe| ~tilde @at #hash &amp",
            "«quotes» „Anführung“ ‘single’ “double” …ellipsis — dash – en",
            "x" + "y".repeat(99),
            "x" + "y".repeat(100),
            "supercalifragilisticexpialidocious antidisestablishmentarianism",
            "hello [MASK] world [CLS][SEP] [PAD]x[UNK]",
            "[mask] [Mask] [MASK",
            "1234567890 3.14159 1,000,000 2nd 21st",
            "word " .repeat(200),
            "ａｂｃ ＡＢＣ １２３ ﬁ ﬀ ½ ² ℌ",
            "e\u0301 a\u0308 n\u0303 combining ̀alone",
            "𠀀𪜀 CJK extension B and 丽 compatibility");

    @Test
    void handPickedTextsAgreeWithTheReference() {
        for (String text : HAND_PICKED) {
            assertSameAsReference(text);
        }
    }

    @Test
    void randomTextsAgreeWithTheReference() {
        randomTexts().forEach(WordPieceOracleTest::assertSameAsReference);
    }

    /** 400 seeded texts of 1 to 30 pieces, every tenth of 200 pieces (past the 128-token truncation). */
    private static List<String> randomTexts() {
        Random random = new Random(15);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            texts.add(randomText(random, i % 10 == 9 ? 200 : 1 + random.nextInt(30)));
        }
        return texts;
    }

    @Test
    void randomPairsAgreeWithTheReference() {
        Random random = new Random(16);
        for (int i = 0; i < 100; i++) {
            String first = randomText(random, random.nextInt(i % 3 == 0 ? 120 : 20));
            String second = randomText(random, random.nextInt(i % 4 == 0 ? 120 : 20));
            WordPieceTokenizer.Encoding mine = tokenizer.encode(first, second);
            assertSame(first + " || " + second, mine, oracle.encode(first, second));
        }
    }

    private static void assertSameAsReference(String text) {
        assertSame(text, tokenizer.encode(text), oracle.encode(text));
    }

    private static void assertSame(String text, WordPieceTokenizer.Encoding mine, ai.djl.huggingface.tokenizers.Encoding reference) {
        long[] mask = reference.getAttentionMask();
        int length = (int) Arrays.stream(mask).sum();
        for (int i = 0; i < mask.length; i++) {
            assertEquals(i < length ? 1 : 0, mask[i], "padding only at the end");
        }
        String shown = "'" + text.replace("\n", "\\n") + "'";
        assertEquals(List.of(reference.getTokens()).subList(0, length), mine.tokens(), shown);
        assertEquals(Arrays.toString(Arrays.copyOf(reference.getIds(), length)),
                Arrays.toString(Arrays.stream(mine.ids()).asLongStream().toArray()), shown);
        assertEquals(Arrays.toString(Arrays.copyOf(reference.getTypeIds(), length)),
                Arrays.toString(Arrays.stream(mine.typeIds()).asLongStream().toArray()), shown);
    }

    /** Code point ranges the random texts draw single characters from, each with what it exercises. */
    private static final int[][] RANGES = {
            {0x21, 0x7e},       // ASCII letters, digits, punctuation and symbols
            {0x00, 0x20},       // controls, tab, newline, space
            {0x7f, 0xa0},       // DEL, C1 controls (U+0085 is both control and whitespace), no-break space
            {0xa1, 0x24f},      // Latin-1 and Latin Extended: accents, ß, ligatures, symbols
            {0x300, 0x36f},     // combining diacritical marks (Mn)
            {0x370, 0x52f},     // Greek and Cyrillic, final sigma, unassigned gaps
            {0x590, 0x6ff},     // Hebrew and Arabic with their marks
            {0x900, 0x97f},     // Devanagari: spacing and non-spacing marks
            {0x2000, 0x206f},   // general punctuation, the odd spaces, zero-width and format characters
            {0x20a0, 0x23ff},   // currency, letterlike, number forms, arrows, math
            {0x3000, 0x30ff},   // CJK punctuation, ideographic space, kana
            {0x4e00, 0x9fff},   // CJK ideographs (spaced out)
            {0xac00, 0xd7a3},   // Hangul syllables (decomposed by NFD)
            {0xe000, 0xf8ff},   // private use
            {0xf900, 0xfaff},   // CJK compatibility ideographs (spaced out, changed by NFD)
            {0xfe00, 0xffff},   // variation selectors, presentation forms, fullwidth forms, specials
            {0x1f300, 0x1faff}, // emoji and pictographs, some assigned only in recent Unicode versions
            {0x20000, 0x2a6df}, // CJK extension B
            {0xe0000, 0xe007f}, // tags (format characters)
    };

    /** Words from the vocabulary (whole, cased at random, or glued together) and single characters. */
    private static String randomText(Random random, int pieces) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            switch (random.nextInt(6)) {
                case 0, 1 -> text.append(vocabulary.get(random.nextInt(vocabulary.size())));
                case 2 -> {
                    String word = vocabulary.get(random.nextInt(vocabulary.size()))
                            + vocabulary.get(random.nextInt(vocabulary.size())).replace("##", "");
                    text.append(random.nextBoolean() ? word.toUpperCase() : word);
                }
                case 3 -> text.append(" ".repeat(1 + random.nextInt(3)));
                default -> {
                    int[] range = RANGES[random.nextInt(RANGES.length)];
                    text.appendCodePoint(range[0] + random.nextInt(range[1] - range[0] + 1));
                }
            }
            if (random.nextInt(3) > 0) {
                text.append(' ');
            }
        }
        return text.toString();
    }

    /**
     * The same comparison with the file's settings changed one at a time: every setting is read from the file,
     * none is hard-coded to all-MiniLM-L6-v2's values. DJL replaces the file's truncation strategy and length by
     * its own options (it keeps the direction), so the reference is told those through its builder.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void changedSettingsAgreeWithTheReference(String name, Consumer<ObjectNode> change,
                                              UnaryOperator<HuggingFaceTokenizer.Builder> truncation,
                                              @TempDir Path directory) throws IOException {
        ObjectNode json = (ObjectNode) JSON.readTree(tokenizerJson());
        change.accept(json);
        byte[] contents = JSON.writeValueAsBytes(json);
        WordPieceTokenizer variant = WordPieceTokenizer.parse(name, contents);
        Path file = Files.write(directory.resolve("tokenizer.json"), contents);
        try (HuggingFaceTokenizer reference = truncation.apply(HuggingFaceTokenizer.builder().optTokenizerPath(file)).build()) {
            List<String> texts = new ArrayList<>(HAND_PICKED);
            texts.addAll(randomTexts().subList(0, 100));
            for (String text : texts) {
                assertSameOrBothRefuse(text, () -> variant.encode(text), () -> reference.encode(text));
            }
            Random random = new Random(17);
            for (int i = 0; i < 30; i++) {
                String first = randomText(random, random.nextInt(40));
                String second = randomText(random, random.nextInt(40));
                assertSameOrBothRefuse(first + " || " + second, () -> variant.encode(first, second),
                        () -> reference.encode(first, second));
            }
        }
    }

    /** Equal encodings, or both refuse (a truncation that cannot cut the sequence it may cut enough). */
    private static void assertSameOrBothRefuse(String text, Supplier<WordPieceTokenizer.Encoding> mine,
                                               Supplier<ai.djl.huggingface.tokenizers.Encoding> reference) {
        ai.djl.huggingface.tokenizers.Encoding expected;
        try {
            expected = reference.get();
        } catch (RuntimeException refused) {
            assertThrows(BadInputException.class, mine::get, () -> text + ": the reference refused: " + refused.getMessage());
            return;
        }
        assertSame(text, mine.get(), expected);
    }

    static Stream<Arguments> variants() {
        UnaryOperator<HuggingFaceTokenizer.Builder> asTheFile = builder -> builder.optMaxLength(128);
        return Stream.of(
                variant("cased, accents kept (strip_accents null follows lowercase)",
                        json -> normalizer(json).put("lowercase", false), asTheFile),
                variant("lowercase without stripping accents",
                        json -> normalizer(json).put("strip_accents", false), asTheFile),
                variant("accents stripped without lowercasing",
                        json -> normalizer(json).put("lowercase", false).put("strip_accents", true), asTheFile),
                variant("CJK not spaced out", json -> normalizer(json).put("handle_chinese_chars", false), asTheFile),
                variant("text not cleaned", json -> normalizer(json).put("clean_text", false), asTheFile),
                variant("no truncation", json -> json.putNull("truncation"), builder -> builder.optTruncation(false)),
                variant("longest first from the left at 11",
                        json -> truncation(json).put("max_length", 11).put("direction", "Left"),
                        builder -> builder.optMaxLength(11)),
                variant("only first at 24", json -> truncation(json).put("max_length", 24).put("strategy", "OnlyFirst"),
                        builder -> builder.optTruncateFirstOnly().optMaxLength(24)),
                variant("only second at 30 from the left", json -> truncation(json).put("max_length", 30)
                        .put("strategy", "OnlySecond").put("direction", "Left"),
                        builder -> builder.optTruncateSecondOnly().optMaxLength(30)),
                variant("BertProcessing", json -> json.set("post_processor", JSON.createObjectNode()
                        .put("type", "BertProcessing")
                        .<ObjectNode>set("sep", JSON.createArrayNode().add("[SEP]").add(102))
                        .set("cls", JSON.createArrayNode().add("[CLS]").add(101))), asTheFile),
                variant("words of at most 6 characters", json -> model(json).put("max_input_chars_per_word", 6), asTheFile),
                variant("continuations marked @@", json -> model(json).put("continuing_subword_prefix", "@@"), asTheFile),
                variant("unknown token [MASK]", json -> model(json).put("unk_token", "[MASK]"), asTheFile));
    }

    private static Arguments variant(String name, Consumer<ObjectNode> change,
                                     UnaryOperator<HuggingFaceTokenizer.Builder> truncation) {
        return Arguments.of(name, change, truncation);
    }

    private static ObjectNode normalizer(ObjectNode json) {
        return (ObjectNode) json.get("normalizer");
    }

    private static ObjectNode truncation(ObjectNode json) {
        return (ObjectNode) json.get("truncation");
    }

    private static ObjectNode model(ObjectNode json) {
        return (ObjectNode) json.get("model");
    }

    @Test
    void theCorpusReachesEveryRule() {
        // Guards against a corpus that agrees only because it never reaches a rule.
        boolean unknown = false;
        boolean continuation = false;
        boolean truncated = false;
        for (String text : randomTexts()) {
            WordPieceTokenizer.Encoding encoding = tokenizer.encode(text);
            unknown |= encoding.tokens().contains("[UNK]");
            continuation |= encoding.tokens().stream().anyMatch(token -> token.startsWith("##"));
            truncated |= encoding.size() == 128;
        }
        assertTrue(unknown && continuation && truncated, "unknown " + unknown + ", ## " + continuation + ", truncated " + truncated);
    }
}
