package io.flowaudit.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /**
     * The branch-scaled family's scale reaches both branches: at scale 0 a layer is its two LayerNorms alone, which
     * cannot see a shift of a token along (1, ..., 1) (LayerNorm subtracts each token's mean; the outputs then differ
     * by rounding only, 1e-12 of their size at most), while at scale 1/2 the attention and the FFN, which read the
     * unnormalized state, do see it.
     */
    @Test
    void aBranchScaleReachesBothBranches() {
        double[] x0 = encoder.embeddings().initialState(new int[] {101, 1996, 102});
        double[] shifted = x0.clone();
        for (int k = 0; k < shifted.length; k++) {
            shifted[k] += 0.5;
        }
        double[] off = path.at(0.3, 3, 0).apply(x0);
        double[] offShifted = path.at(0.3, 3, 0).apply(shifted);
        for (int k = 0; k < off.length; k++) {
            assertEquals(off[k], offShifted[k], 1e-12 * (1 + Math.abs(off[k])), "component " + k);
        }
        double[] half = path.at(0.3, 3, 0.5).apply(x0);
        double[] halfShifted = path.at(0.3, 3, 0.5).apply(shifted);
        double moved = 0;
        for (int k = 0; k < half.length; k++) {
            moved = Math.max(moved, Math.abs(half[k] - halfShifted[k]));
        }
        assertTrue(moved > 1e-3, "the branches at scale 1/2 saw the shift: " + moved);
    }

    @Test
    void refinedDepthsAreMultiplesOfTheCheckpointsLayers() {
        double[] x0 = encoder.embeddings().initialState(new int[] {101, 102});
        assertThrows(IllegalArgumentException.class, () -> Refinement.RELAXATION.output(path, 2, x0, 9));
        assertThrows(IllegalArgumentException.class, () -> path.at(1.5, 2, 1));
    }
}
