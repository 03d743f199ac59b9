package io.flowaudit.weights.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.flowaudit.flow.DepthStack;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OnnxRuntimeAgreementTest {

    private static OrtEnvironment environment;
    private static OrtSession session;
    private static BertEncoder encoder;

    static byte[] resource(String name) throws IOException {
        try (InputStream in = OnnxRuntimeAgreementTest.class.getResourceAsStream(name)) {
            assertNotNull(in, name + " is missing: it comes from a test-scoped langchain4j model artifact");
            return in.readAllBytes();
        }
    }

    @BeforeContainer
    static void startOnce() throws IOException, OrtException {
        byte[] contents = resource(MiniLmCheckpointTest.RESOURCE);
        encoder = BertEncoder.recover(OnnxModel.parse("all-minilm-l6-v2.onnx", contents));
        environment = OrtEnvironment.getEnvironment();
        session = environment.createSession(contents, new OrtSession.SessionOptions());
    }

    @AfterContainer
    static void closeOnce() throws OrtException {
        session.close();
    }

    static float[][] runtime(OrtSession session, String output, int[] ids) throws OrtException {
        long[][] words = {Arrays.stream(ids).asLongStream().toArray()};
        long[][] mask = {new long[ids.length]};
        Arrays.fill(mask[0], 1);
        long[][] types = {new long[ids.length]};
        try (OnnxTensor w = OnnxTensor.createTensor(environment, words);
             OnnxTensor m = OnnxTensor.createTensor(environment, mask);
             OnnxTensor t = OnnxTensor.createTensor(environment, types);
             OrtSession.Result result = session.run(Map.of("input_ids", w, "attention_mask", m, "token_type_ids", t))) {
            return ((float[][][]) result.get(output).orElseThrow().getValue())[0];
        }
    }

    @Provide
    Arbitrary<int[]> sequences() {
        return encoder.embeddings().tokenIds(1, 16);
    }

    @Example
    void fixed() throws OrtException {
        explore(new int[] {101, 7592, 2088, 102});
        explore(new int[] {101});
    }

    @Property(tries = 6)
    void explore(@ForAll("sequences") int[] ids) throws OrtException {
        String output = encoder.layers().get(encoder.layers().size() - 1).output();
        {
            float[][] expected = runtime(session, output, ids);
            DepthStack stack = encoder.stack(ids.length);
            long t0 = System.nanoTime();
            double[] actual = stack.output(encoder.embeddings().initialState(ids));
            long t1 = System.nanoTime();
            double worst = 0, largest = 0, sumsq = 0;
            for (int i = 0; i < ids.length; i++) {
                for (int k = 0; k < 384; k++) {
                    double e = Math.abs(actual[i * 384 + k] - expected[i][k]);
                    worst = Math.max(worst, e);
                    largest = Math.max(largest, Math.abs(expected[i][k]));
                    sumsq += e * e;
                }
            }
            System.out.printf("%s: max abs %.3e, rms %.3e, largest %.3f, forward %.0f ms%n", Arrays.toString(ids), worst,
                    Math.sqrt(sumsq / (ids.length * 384)), largest, (t1 - t0) / 1e6);
        }
        assertTrue(true);
    }
}
