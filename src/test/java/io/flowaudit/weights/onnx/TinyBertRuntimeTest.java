package io.flowaudit.weights.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layer stack against ONNX Runtime on {@link TinyBert}, a graph built here (two heads of 2, a different
 * LayerNorm epsilon in every norm), so the agreement is checked on every build, with or without the real
 * checkpoint. Tolerance as in {@link OnnxRuntimeAgreementTest}: 2·10⁻⁵ of the largest output, for float32
 * rounding of sums of at most 8 terms over two layers.
 */
class TinyBertRuntimeTest {

    @Test
    void theStackReproducesTheRuntimeOnEverySequenceOfUpToFourTokens() throws OrtException {
        TinyBert bert = TinyBert.build();
        byte[] bytes = bert.model().toByteArray();
        BertEncoder encoder = BertEncoder.recover(OnnxModel.parse("tiny-bert.onnx", bytes));
        try (OrtSession session = OrtEnvironment.getEnvironment().createSession(bytes, new OrtSession.SessionOptions())) {
            double worst = 0;
            int sequences = 0;
            for (int length = 1; length <= 4; length++) {
                int[] ids = new int[length];
                for (int code = 0; code < Math.pow(TinyBert.VOCABULARY, length); code++) {
                    int rest = code;
                    for (int i = 0; i < length; i++) {
                        ids[i] = rest % TinyBert.VOCABULARY;
                        rest /= TinyBert.VOCABULARY;
                    }
                    double[] expected = OnnxRuntimeAgreementTest.runtime(session, TinyBert.OUTPUT, ids);
                    double[] actual = encoder.stack(length).output(encoder.embeddings().initialState(ids));
                    double distance = OnnxRuntimeAgreementTest.maxDistance(actual, expected);
                    double tolerance = OnnxRuntimeAgreementTest.RELATIVE_TOLERANCE
                            * OnnxRuntimeAgreementTest.maxAbs(expected);
                    assertTrue(distance <= tolerance, java.util.Arrays.toString(ids) + ": " + distance + " > " + tolerance);
                    worst = Math.max(worst, distance / OnnxRuntimeAgreementTest.maxAbs(expected));
                    sequences++;
                }
            }
            System.out.printf("tiny BERT: %d sequences, worst |flowaudit - runtime| / max|output| = %.3e%n", sequences,
                    worst);
        }
    }
}
