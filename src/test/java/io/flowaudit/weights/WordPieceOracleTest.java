package io.flowaudit.weights;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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

    static byte[] tokenizerJson() throws IOException {
        try (InputStream in = WordPieceOracleTest.class.getResourceAsStream(TOKENIZER_RESOURCE)) {
            assertNotNull(in, TOKENIZER_RESOURCE + " is on the test class path through the langchain4j model artifact");
            return in.readAllBytes();
        }
    }

    @BeforeAll
    static void load(@org.junit.jupiter.api.io.TempDir Path directory) throws IOException {
        byte[] json = tokenizerJson();
        tokenizer = WordPieceTokenizer.parse("all-minilm-l6-v2-tokenizer.json", json);
        Path file = Files.write(directory.resolve("tokenizer.json"), json);
        oracle = HuggingFaceTokenizer.newInstance(file);
        assertEquals("0.21.0", oracle.getVersion().split("-")[0], "the tokenizers version this test was written against");
        assertEquals("LONGEST_FIRST", oracle.getTruncation(), "the oracle keeps the file's truncation");
        assertEquals(128, oracle.getMaxLength());
        vocabulary = new ArrayList<>(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json)
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
