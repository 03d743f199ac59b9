package io.flowaudit.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The shipped example weights are exactly what the project's own generator writes. */
class ExampleWeightsTest {

    @Test
    void committedExampleIsWhatTheGeneratorWrites() throws Exception {
        assertArrayEquals(ExampleWeights.bytes(), Files.readAllBytes(ExampleWeights.FILE),
                "regenerate with ExampleWeights.main");
    }
}
