package io.flowaudit.claim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.CertifiedField;
import io.flowaudit.field.Activation;
import io.flowaudit.field.family.AffineField;
import io.flowaudit.field.transformer.FeedForward;
import io.flowaudit.field.transformer.SelfAttention;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shrinking steps fields take on themselves, and the states that go with them. */
class ReductionsTest {

    /** Component 2 reads nothing and nothing reads it: its column of W1 is zero. */
    private static final FeedForward MLP = FeedForward.mlp(new double[][] {{1.0, 0.5, 0.0}}, new double[] {0.1},
            Activation.TANH, new double[][] {{1.91}, {-0.3}, {0.0}}, new double[] {0.0, -0.06, 0.32});

    @Test
    void aComponentNothingReadsIsDroppedAndTheOthersMoveAsBefore() {
        CertifiedField reduced = MLP.withoutInertComponent(2).orElseThrow();

        assertEquals(2, reduced.dimension());
        double[] full = new double[3];
        double[] smaller = new double[2];
        MLP.evaluate(0.3, new double[] {0.2, -0.4, 7.0}, full);
        reduced.evaluate(0.3, new double[] {0.2, -0.4}, smaller);
        assertArrayEquals(new double[] {full[0], full[1]}, smaller, 0);
        assertTrue(reduced.certificate().lipschitz() <= MLP.certificate().lipschitz() * (1 + 1e-12));
    }

    @Test
    void aComponentOthersReadIsKept() {
        assertTrue(MLP.withoutInertComponent(1).isEmpty());
        assertTrue(MLP.withoutInertComponent(3).isEmpty() && MLP.withoutInertComponent(-1).isEmpty(),
                "no such component");
        AffineField coupled = AffineField.of(new double[][] {{0, 1}, {-1, 0}});
        assertTrue(coupled.withoutInertComponent(0).isEmpty());
    }

    @Test
    void aLinearFieldLosesTheRowAndColumnOfAnInertComponent() {
        AffineField field = AffineField.of(new double[][] {{-1, 0}, {2, 0}}, new double[] {0.5, 1});

        CertifiedField reduced = field.withoutInertComponent(1).orElseThrow();

        double[] out = new double[1];
        reduced.evaluate(0, new double[] {3}, out);
        assertEquals(-3 + 0.5, out[0]);
    }

    /** One token fewer: the same weights on the remaining tokens, which interact as the smaller state says. */
    @Test
    void aTransformerFieldLosesATokenAndKeepsItsWeights() {
        double[][] identity = {{1, 0}, {0, 1}};
        SelfAttention three = SelfAttention.fromWeights(3, 2, 1, Map.of("wq", identity, "wk", identity,
                "wv", new double[][] {{0.5, -0.2}, {0.1, 0.3}}));
        CertifiedField two = three.withOneTokenFewer().orElseThrow();
        assertEquals(4, two.dimension());
        double[] state = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6};
        double[] withoutMiddle = Reductions.withoutToken(state, 1, 2);
        assertArrayEquals(new double[] {0.1, 0.2, 0.5, 0.6}, withoutMiddle, 0);
        double[] expected = new double[4];
        SelfAttention.fromWeights(2, 2, 1, Map.of("wq", identity, "wk", identity,
                "wv", new double[][] {{0.5, -0.2}, {0.1, 0.3}})).evaluate(0, withoutMiddle, expected);
        double[] actual = new double[4];
        two.evaluate(0, withoutMiddle, actual);
        assertArrayEquals(expected, actual, 0);
        assertTrue(two.withOneTokenFewer().orElseThrow().withOneTokenFewer().isEmpty());
        assertTrue(MLP.withOneTokenFewer().isEmpty());
    }
}
