package io.flowaudit.weights;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.flowaudit.input.BadInputException;
import io.flowaudit.input.InputFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A BERT WordPiece tokenizer read from a HuggingFace {@code tokenizer.json}, computing what the HuggingFace
 * tokenizers library computes for that file: added tokens (such as {@code [MASK]}) matched in the raw text,
 * then on the text between them the {@code BertNormalizer} and {@code BertPreTokenizer} ({@link BertText}) and
 * the {@code WordPiece} model (longest vocabulary match first, {@code ##} continuations, a word that cannot be
 * covered or is longer than {@code max_input_chars_per_word} becomes the unknown token), then the file's
 * truncation and its post-processor's template ({@code [CLS] A [SEP]}, with token type ids). Every setting is
 * read from the file; a file of another kind (a BPE model, another normalizer, ...) is refused with what was
 * expected.
 *
 * <p>The file's padding is not applied: flowaudit's fields attend to every token, so pad tokens would change
 * the states. An encoding is the unpadded sequence, the tokens HuggingFace's attention mask marks with 1.
 */
public final class WordPieceTokenizer {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final int JSON_SHOWN_CHARS = 60;
    /** The largest BERT vocabularies take a few MB. */
    static final int MAX_FILE_BYTES = 100_000_000;

    /** A token sequence as the model takes it: vocabulary ids, their strings, and token type (segment) ids. */
    public record Encoding(List<String> tokens, int[] ids, int[] typeIds) {
        public int size() {
            return ids.length;
        }
    }

    /** One token before post-processing. */
    private record Token(String text, int id) {
    }

    /** A template piece: fixed special tokens, or the first (A) or second (B) sequence, with a type id. */
    private record Piece(List<Token> special, boolean first, int typeId) {
    }

    private enum Strategy { LONGEST_FIRST, ONLY_FIRST, ONLY_SECOND }

    /** The file's truncation: at most {@code maxLength} tokens in all, special tokens included. */
    private record Truncation(int maxLength, Strategy strategy, boolean fromLeft) {
    }

    private final String fileName;
    private final String sha256;
    private final Map<String, Integer> vocabulary;
    private final List<Token> addedTokens;
    private final BertText.Normalization normalization;
    private final Token unknown;
    private final String continuingPrefix;
    private final int maxInputCharsPerWord;
    private final List<Piece> single;
    private final List<Piece> pair;
    private final Truncation truncation;

    private WordPieceTokenizer(Reader file) {
        this.fileName = file.fileName;
        this.sha256 = file.sha256;
        JsonNode model = file.object(file.root.path("model"), "model");
        file.expectType(model, "model", "WordPiece", "BERT's subword model");
        this.vocabulary = file.vocabulary(model);
        this.continuingPrefix = file.text(model.path("continuing_subword_prefix"), "model.continuing_subword_prefix");
        this.maxInputCharsPerWord = file.count(model.path("max_input_chars_per_word"), "model.max_input_chars_per_word");
        String unknownToken = file.text(model.path("unk_token"), "model.unk_token");
        Integer unknownId = vocabulary.get(unknownToken);
        if (unknownId == null) {
            throw file.bad("model.unk_token '" + unknownToken + "' is not in model.vocab");
        }
        this.unknown = new Token(unknownToken, unknownId);
        this.addedTokens = file.addedTokens();
        this.normalization = file.normalization();
        file.expectType(file.object(file.root.path("pre_tokenizer"), "pre_tokenizer"), "pre_tokenizer", "BertPreTokenizer",
                "BERT's whitespace and punctuation split");
        JsonNode postProcessor = file.object(file.root.path("post_processor"), "post_processor");
        this.single = file.template(postProcessor, false);
        this.pair = file.template(postProcessor, true);
        this.truncation = file.truncation(Math.max(specialCount(single), specialCount(pair)));
    }

    /**
     * Reads and checks a {@code tokenizer.json}.
     *
     * @throws BadInputException if the file is absent, unreadable or not a BERT WordPiece tokenizer this class
     *                           reproduces
     */
    public static WordPieceTokenizer read(Path file) {
        // strict UTF-8 within the limit, so the bytes parsed are the file's, for its hash too
        String text = InputFiles.readUtf8(file, MAX_FILE_BYTES);
        return parse(file.toString(), text.getBytes(StandardCharsets.UTF_8));
    }

    /** Checks the bytes of a {@code tokenizer.json} that was not read from a file (a resource). */
    public static WordPieceTokenizer parse(String fileName, byte[] contents) {
        return new WordPieceTokenizer(new Reader(fileName, contents));
    }

    /** The file as the user named it. */
    public String fileName() {
        return fileName;
    }

    /** The SHA-256 of the file's bytes, in lowercase hex. */
    public String sha256() {
        return sha256;
    }

    /** The number of entries in the WordPiece vocabulary (ids 0 to size − 1). */
    public int vocabularySize() {
        return vocabulary.size();
    }

    /** One text as the model takes it: the single-sequence template around its tokens, truncated as the file says. */
    public Encoding encode(String text) {
        return postProcess(tokenize(text), null);
    }

    /**
     * How many tokens {@link #encode(String)} gives the text before the file's truncation: more than its encoding's
     * size when truncation cut the text.
     */
    public int untruncatedSize(String text) {
        return tokenize(text).size() + specialCount(single);
    }

    /** Two texts as one input (the pair template: type id 0 for the first, 1 for the second, in BERT). */
    public Encoding encode(String first, String second) {
        return postProcess(tokenize(first), tokenize(second));
    }

    private List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        int segmentStart = 0;
        int position = 0;
        while (position < text.length()) {
            Token added = addedTokenAt(text, position);
            if (added == null) {
                position++;
                continue;
            }
            tokenizeSegment(text.substring(segmentStart, position), tokens);
            tokens.add(added);
            position += added.text().length();
            segmentStart = position;
        }
        tokenizeSegment(text.substring(segmentStart), tokens);
        return tokens;
    }

    /** The longest added token starting at {@code position}, as HuggingFace matches them (leftmost, longest). */
    private Token addedTokenAt(String text, int position) {
        Token longest = null;
        for (Token added : addedTokens) {
            if (text.startsWith(added.text(), position)
                    && (longest == null || added.text().length() > longest.text().length())) {
                longest = added;
            }
        }
        return longest;
    }

    private void tokenizeSegment(String segment, List<Token> tokens) {
        for (String word : BertText.preTokenize(BertText.normalize(segment, normalization))) {
            wordPieces(word, tokens);
        }
    }

    /** Greedy longest-match-first: each piece is the longest vocabulary entry at its start, "##" after the first. */
    private void wordPieces(String word, List<Token> tokens) {
        if (word.codePointCount(0, word.length()) > maxInputCharsPerWord) {
            tokens.add(unknown);
            return;
        }
        List<Token> pieces = new ArrayList<>();
        int start = 0;
        while (start < word.length()) {
            Token piece = null;
            for (int end = word.length(); end > start; end = word.offsetByCodePoints(end, -1)) {
                String candidate = start == 0 ? word.substring(0, end) : continuingPrefix + word.substring(start, end);
                Integer id = vocabulary.get(candidate);
                if (id != null) {
                    piece = new Token(candidate, id);
                    start = end;
                    break;
                }
            }
            if (piece == null) {
                tokens.add(unknown);
                return;
            }
            pieces.add(piece);
        }
        tokens.addAll(pieces);
    }

    private Encoding postProcess(List<Token> first, List<Token> second) {
        List<Piece> template = second == null ? single : pair;
        if (truncation != null) {
            int[] lengths = truncatedLengths(first.size(), second == null ? -1 : second.size(),
                    truncation.maxLength() - specialCount(template));
            first = truncated(first, lengths[0]);
            second = second == null ? null : truncated(second, lengths[1]);
        }
        List<String> tokens = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        List<Integer> typeIds = new ArrayList<>();
        for (Piece piece : template) {
            for (Token token : piece.special() != null ? piece.special() : piece.first() ? first : second) {
                tokens.add(token.text());
                ids.add(token.id());
                typeIds.add(piece.typeId());
            }
        }
        return new Encoding(List.copyOf(tokens), ids.stream().mapToInt(Integer::intValue).toArray(),
                typeIds.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * How many tokens of each sequence stay (HuggingFace's truncate_encodings); {@code secondLength} is −1 without
     * a second sequence. Longest-first with two sequences keeps the shorter whole when the longer can absorb the
     * cut, and otherwise halves the budget (the odd token to the longer).
     */
    private int[] truncatedLengths(int firstLength, int secondLength, int budget) {
        int total = firstLength + Math.max(secondLength, 0);
        if (total <= budget) {
            return new int[] {firstLength, secondLength};
        }
        int excess = total - budget;
        switch (truncation.strategy()) {
            case ONLY_FIRST, ONLY_SECOND -> {
                boolean cutFirst = truncation.strategy() == Strategy.ONLY_FIRST;
                if (!cutFirst && secondLength < 0) {
                    throw new BadInputException(fileName, "truncation.strategy OnlySecond needs a second sequence");
                }
                int cut = cutFirst ? firstLength : secondLength;
                if (cut <= excess) {
                    throw new BadInputException(fileName, "truncation (" + truncation.strategy() + ", max_length "
                            + truncation.maxLength() + ") cannot shorten " + (cutFirst ? "the first" : "the second")
                            + " sequence of " + cut + " tokens enough: " + excess + " must go");
                }
                return cutFirst ? new int[] {firstLength - excess, secondLength}
                        : new int[] {firstLength, secondLength - excess};
            }
            default -> {
                if (secondLength < 0) {
                    return new int[] {budget, -1};
                }
                int shorter = Math.min(firstLength, secondLength);
                int longer = shorter > budget ? shorter : Math.max(shorter, budget - shorter);
                if (shorter + longer > budget) {
                    shorter = budget / 2;
                    longer = shorter + budget % 2;
                }
                return firstLength > secondLength ? new int[] {longer, shorter} : new int[] {shorter, longer};
            }
        }
    }

    private List<Token> truncated(List<Token> tokens, int length) {
        if (tokens.size() <= length) {
            return tokens;
        }
        return truncation.fromLeft() ? tokens.subList(tokens.size() - length, tokens.size()) : tokens.subList(0, length);
    }

    private static int specialCount(List<Piece> template) {
        return template.stream().filter(piece -> piece.special() != null).mapToInt(piece -> piece.special().size()).sum();
    }

    @Override
    public String toString() {
        return fileName + " (WordPiece, " + vocabulary.size() + " entries, " + normalization + ", truncation "
                + truncation + ")";
    }

    /** Reads the settings from the JSON tree; every problem names the file and the JSON path. */
    private static final class Reader {

        private final String fileName;
        private final String sha256;
        private final JsonNode root;

        Reader(String fileName, byte[] contents) {
            this.fileName = fileName;
            this.sha256 = Sha256.hex(contents);
            try {
                this.root = JSON.readTree(contents);
            } catch (JsonProcessingException e) {
                JsonLocation at = e.getLocation();
                String problem = String.valueOf(e.getOriginalMessage()).replaceAll("\\s*\\R\\s*", " ");
                throw at == null ? bad("not valid JSON: " + problem)
                        : new BadInputException(fileName, at.getLineNr(), at.getColumnNr(), "not valid JSON: " + problem);
            } catch (IOException e) {
                throw new IllegalStateException("reading an array fails only on malformed JSON", e);
            }
            if (root == null || !root.isObject()) {
                throw bad("expected a JSON object (a HuggingFace tokenizer.json), found " + show(root));
            }
        }

        JsonNode object(JsonNode node, String path) {
            if (!node.isObject()) {
                throw bad(path + " is " + show(node) + "; expected an object");
            }
            return node;
        }

        void expectType(JsonNode node, String path, String type, String meaning) {
            if (!type.equals(node.path("type").asText(null))) {
                throw bad(path + ".type is " + show(node.path("type")) + "; flowaudit reads \"" + type + "\" ("
                        + meaning + ")");
            }
        }

        String text(JsonNode node, String path) {
            if (!node.isTextual()) {
                throw bad(path + " is " + show(node) + "; expected a string");
            }
            return node.textValue();
        }

        int count(JsonNode node, String path) {
            if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 0) {
                throw bad(path + " is " + show(node) + "; expected a non-negative integer");
            }
            return node.intValue();
        }

        boolean flag(JsonNode node, String path) {
            if (!node.isBoolean()) {
                throw bad(path + " is " + show(node) + "; expected true or false");
            }
            return node.booleanValue();
        }

        /** Token to id; ids must number the entries 0 to n − 1, each once, as BERT vocabularies do. */
        Map<String, Integer> vocabulary(JsonNode model) {
            JsonNode vocab = object(model.path("vocab"), "model.vocab");
            Map<String, Integer> vocabulary = new HashMap<>(vocab.size() * 2);
            String[] byId = new String[vocab.size()];
            for (Map.Entry<String, JsonNode> entry : vocab.properties()) {
                JsonNode id = entry.getValue();
                if (!id.isIntegralNumber() || !id.canConvertToInt() || id.intValue() < 0 || id.intValue() >= byId.length
                        || byId[id.intValue()] != null) {
                    throw bad("model.vocab: '" + entry.getKey() + "' has id " + show(id) + "; expected the ids 0 to "
                            + (byId.length - 1) + ", each once" + (id.canConvertToInt() && id.intValue() >= 0
                            && id.intValue() < byId.length ? " ('" + byId[id.intValue()] + "' has it too)" : ""));
                }
                byId[id.intValue()] = entry.getKey();
                vocabulary.put(entry.getKey(), id.intValue());
            }
            return vocabulary;
        }

        /** The added tokens, matched verbatim in the raw text; other matching rules are refused. */
        List<Token> addedTokens() {
            JsonNode list = root.path("added_tokens");
            if (!list.isArray()) {
                throw bad("added_tokens is " + show(list) + "; expected an array");
            }
            List<Token> tokens = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                String path = "added_tokens[" + i + "]";
                JsonNode added = object(list.get(i), path);
                String content = text(added.path("content"), path + ".content");
                if (content.isEmpty()) {
                    throw bad(path + ".content is empty; expected the token's text");
                }
                for (String rule : List.of("single_word", "lstrip", "rstrip", "normalized")) {
                    if (flag(added.path(rule), path + "." + rule)) {
                        throw bad(path + " ('" + content + "') has " + rule + ": true; flowaudit matches added tokens"
                                + " verbatim in the raw text (single_word, lstrip, rstrip and normalized all false)");
                    }
                }
                tokens.add(new Token(content, count(added.path("id"), path + ".id")));
            }
            return List.copyOf(tokens);
        }

        BertText.Normalization normalization() {
            JsonNode normalizer = object(root.path("normalizer"), "normalizer");
            expectType(normalizer, "normalizer", "BertNormalizer", "BERT's cleaning, CJK spacing, accents and case");
            boolean lowercase = flag(normalizer.path("lowercase"), "normalizer.lowercase");
            JsonNode stripAccents = normalizer.path("strip_accents");
            if (!stripAccents.isNull() && !stripAccents.isBoolean()) {
                throw bad("normalizer.strip_accents is " + show(stripAccents) + "; expected true, false or null"
                        + " (null: strip accents when lowercasing)");
            }
            return new BertText.Normalization(flag(normalizer.path("clean_text"), "normalizer.clean_text"),
                    flag(normalizer.path("handle_chinese_chars"), "normalizer.handle_chinese_chars"),
                    stripAccents.isNull() ? lowercase : stripAccents.booleanValue(), lowercase);
        }

        /** A TemplateProcessing template, or BertProcessing's fixed [CLS] A [SEP] (B [SEP]) written as one. */
        List<Piece> template(JsonNode postProcessor, boolean forPair) {
            String type = postProcessor.path("type").asText("");
            if (type.equals("BertProcessing")) {
                Token cls = specialPair(postProcessor, "cls");
                Token sep = specialPair(postProcessor, "sep");
                List<Piece> template = new ArrayList<>(List.of(new Piece(List.of(cls), false, 0),
                        new Piece(null, true, 0), new Piece(List.of(sep), false, 0)));
                if (forPair) {
                    template.addAll(List.of(new Piece(null, false, 1), new Piece(List.of(sep), false, 1)));
                }
                return template;
            }
            if (!type.equals("TemplateProcessing")) {
                throw bad("post_processor.type is " + show(postProcessor.path("type")) + "; flowaudit reads"
                        + " \"TemplateProcessing\" or \"BertProcessing\" (BERT's [CLS] A [SEP] layout)");
            }
            String path = "post_processor." + (forPair ? "pair" : "single");
            JsonNode items = postProcessor.path(forPair ? "pair" : "single");
            if (!items.isArray()) {
                throw bad(path + " is " + show(items) + "; expected an array of SpecialToken and Sequence items");
            }
            List<Piece> template = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                String itemPath = path + "[" + i + "]";
                JsonNode item = items.get(i);
                if (item.has("SpecialToken") && item.size() == 1) {
                    JsonNode special = object(item.path("SpecialToken"), itemPath + ".SpecialToken");
                    template.add(new Piece(specialTokens(postProcessor, text(special.path("id"), itemPath + ".SpecialToken.id")),
                            false, count(special.path("type_id"), itemPath + ".SpecialToken.type_id")));
                } else if (item.has("Sequence") && item.size() == 1) {
                    JsonNode sequence = object(item.path("Sequence"), itemPath + ".Sequence");
                    String id = text(sequence.path("id"), itemPath + ".Sequence.id");
                    if (!id.equals("A") && !(forPair && id.equals("B"))) {
                        throw bad(itemPath + ".Sequence.id is '" + id + "'; expected " + (forPair ? "A or B" : "A"));
                    }
                    template.add(new Piece(null, id.equals("A"), count(sequence.path("type_id"), itemPath + ".Sequence.type_id")));
                } else {
                    throw bad(itemPath + " is " + show(item) + "; expected {\"SpecialToken\": ...} or {\"Sequence\": ...}");
                }
            }
            long sequences = template.stream().filter(piece -> piece.special() == null).count();
            long firsts = template.stream().filter(piece -> piece.special() == null && piece.first()).count();
            if (firsts != 1 || sequences != (forPair ? 2 : 1)) {
                throw bad(path + " places A " + firsts + " times and B " + (sequences - firsts) + " times; expected "
                        + (forPair ? "A and B once each" : "A once"));
            }
            return List.copyOf(template);
        }

        private List<Token> specialTokens(JsonNode postProcessor, String name) {
            String path = "post_processor.special_tokens['" + name + "']";
            JsonNode special = postProcessor.path("special_tokens").path(name);
            if (!special.isObject()) {
                throw bad(path + " is " + show(special) + "; the template names it, so it must be defined");
            }
            JsonNode ids = special.path("ids");
            JsonNode tokens = special.path("tokens");
            if (!ids.isArray() || !tokens.isArray() || ids.size() != tokens.size() || ids.isEmpty()) {
                throw bad(path + " has ids " + show(ids) + " and tokens " + show(tokens)
                        + "; expected arrays of the same non-zero length");
            }
            List<Token> result = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                result.add(new Token(text(tokens.get(i), path + ".tokens[" + i + "]"),
                        count(ids.get(i), path + ".ids[" + i + "]")));
            }
            return List.copyOf(result);
        }

        private Token specialPair(JsonNode postProcessor, String field) {
            JsonNode pair = postProcessor.path(field);
            if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isTextual() || !pair.get(1).canConvertToInt()
                    || !pair.get(1).isIntegralNumber() || pair.get(1).intValue() < 0) {
                throw bad("post_processor." + field + " is " + show(pair) + "; expected [token, id]");
            }
            return new Token(pair.get(0).textValue(), pair.get(1).intValue());
        }

        /** Null when the file does not truncate; {@code specialTokens} must fit within max_length. */
        Truncation truncation(int specialTokens) {
            JsonNode truncation = root.path("truncation");
            if (truncation.isNull() || truncation.isMissingNode()) {
                return null;
            }
            if (!truncation.isObject()) {
                throw bad("truncation is " + show(truncation) + "; expected null or an object");
            }
            int maxLength = count(truncation.path("max_length"), "truncation.max_length");
            if (maxLength < specialTokens) {
                throw bad("truncation.max_length is " + maxLength + "; the post-processor alone adds "
                        + specialTokens + " tokens");
            }
            String strategy = text(truncation.path("strategy"), "truncation.strategy");
            Strategy parsed = switch (strategy) {
                case "LongestFirst" -> Strategy.LONGEST_FIRST;
                case "OnlyFirst" -> Strategy.ONLY_FIRST;
                case "OnlySecond" -> Strategy.ONLY_SECOND;
                default -> throw bad("truncation.strategy is '" + strategy
                        + "'; expected LongestFirst, OnlyFirst or OnlySecond");
            };
            // The file's stride only shapes the overflowing pieces, which an encoding here does not keep.
            String direction = truncation.has("direction") ? text(truncation.path("direction"), "truncation.direction") : "Right";
            if (!direction.equals("Right") && !direction.equals("Left")) {
                throw bad("truncation.direction is '" + direction + "'; expected Right or Left");
            }
            return new Truncation(maxLength, parsed, direction.equals("Left"));
        }

        BadInputException bad(String problem) {
            return new BadInputException(fileName, problem);
        }

        /** A JSON value as the file has it, shortened to keep messages on one line. */
        private static String show(JsonNode node) {
            if (node == null || node.isMissingNode()) {
                return "missing";
            }
            String text = node.toString();
            return text.length() <= JSON_SHOWN_CHARS ? text : text.substring(0, JSON_SHOWN_CHARS) + "...";
        }
    }
}
