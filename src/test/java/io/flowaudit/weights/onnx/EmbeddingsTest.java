package io.flowaudit.weights.onnx;

import io.flowaudit.weights.onnx.BertEncoder.Embeddings;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Initial token states from a graph's own embeddings (TinyBert: 5 words, 6 positions, width 4), and the
 * generator of token-id sequences. That they are the states the graph computes is checked end to end by
 * {@link TinyBertRuntimeTest} (the whole encoder against ONNX Runtime).
 */
class EmbeddingsTest {

    private final Embeddings embeddings = BertEncoder.recover(
            OnnxModel.parse("tiny-bert.onnx", TinyBert.build().model().toByteArray())).embeddings();

    /** Token i is LN(word[id_i] + position[i] + tokenType[0]): the position is the token's place, not its id. */
    @Example
    void eachTokenIsItsWordAtItsPlace() {
        int[] ids = {3, 3, 0};
        double[] state = embeddings.initialState(ids);
        double[][] words = embeddings.words().toMatrix();
        double[][] positions = embeddings.positions().toMatrix();
        double[] type = embeddings.tokenTypes().toMatrix()[0];
        for (int i = 0; i < ids.length; i++) {
            double[] sum = new double[TinyBert.WIDTH];
            for (int k = 0; k < sum.length; k++) {
                sum[k] = words[ids[i]][k] + positions[i][k] + type[k];
            }
            assertArrayEquals(embeddings.norm().apply(sum),
                    Arrays.copyOfRange(state, i * TinyBert.WIDTH, (i + 1) * TinyBert.WIDTH), "token " + i);
        }
        assertTrue(Arrays.stream(state, 0, 4).map(Math::abs).sum() > 0);
        assertTrue(!Arrays.equals(Arrays.copyOfRange(state, 0, 4), Arrays.copyOfRange(state, 4, 8)),
                "the same word at two places differs by its position");
    }

    @Example
    void refusesSequencesTheTablesDoNotCover() {
        assertEquals("token 1 has id 5, outside the vocabulary 0..4", assertThrows(IllegalArgumentException.class,
                () -> embeddings.initialState(new int[] {0, 5})).getMessage());
        assertThrows(IllegalArgumentException.class, () -> embeddings.initialState(new int[] {-1}));
        assertEquals("a sequence needs 1 to 6 tokens, got 7", assertThrows(IllegalArgumentException.class,
                () -> embeddings.initialState(new int[7])).getMessage());
        assertThrows(IllegalArgumentException.class, () -> embeddings.initialState(new int[0]));
        assertThrows(IllegalArgumentException.class, () -> embeddings.tokenIds(1, 7));
        assertThrows(IllegalArgumentException.class, () -> embeddings.tokenIds(0, 3));
    }

    @Provide
    Arbitrary<int[]> sequences() {
        return embeddings.tokenIds(2, 6);
    }

    /** Every draw is a sequence the tables cover. */
    @Property(tries = 200)
    void drawsAreSequencesOfTheVocabulary(@ForAll("sequences") int[] ids) {
        assertTrue(ids.length >= 2 && ids.length <= 6, "length " + ids.length);
        assertTrue(Arrays.stream(ids).allMatch(id -> id >= 0 && id < TinyBert.VOCABULARY), Arrays.toString(ids));
        assertEquals(ids.length * TinyBert.WIDTH, embeddings.initialState(ids).length);
    }
}
