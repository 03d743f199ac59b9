package io.flowaudit.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.flowaudit.weights.onnx.BertEncoder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The continuous-depth families through the real checkpoint contain it: at L = 6 each is the real network bit for bit
 * (the weight path's blend and the branch scale are exact there), so a refinement study starts from the model itself.
 */
class RefinementTest {

    private static BertEncoder encoder;
    private static DepthPath path;

    @BeforeAll
    static void load() {
        encoder = Checkpoint.load().encoder();
        path = new DepthPath(encoder);
    }

    /** Both families are the real network at L = 6, bit for bit. */
    @Test
    void atTheCheckpointsDepthBothFamiliesAreTheRealNetwork() {
        int[] ids = Checkpoint.load().tokenizer().encode("The cat sat on the mat.").ids();
        double[] x0 = encoder.embeddings().initialState(ids);
        double[] real = encoder.stack(ids.length).output(x0);
        for (Refinement family : Refinement.values()) {
            assertArrayEquals(real, family.output(path, ids.length, x0, 6), family.key());
        }
    }

    @Test
    void refinedDepthsAreMultiplesOfTheCheckpointsLayers() {
        double[] x0 = encoder.embeddings().initialState(new int[] {101, 102});
        assertThrows(IllegalArgumentException.class, () -> Refinement.RELAXATION.output(path, 2, x0, 9));
        assertThrows(IllegalArgumentException.class, () -> path.at(1.5, 2, 1));
    }
}
