package io.flowaudit.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.Activation;
import io.flowaudit.field.transformer.FeedForward;
import io.flowaudit.field.transformer.SelfAttention;
import io.flowaudit.field.transformer.SphereAttention;
import io.flowaudit.field.transformer.TransformerBlock;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Shrinkable;

class TransformerFieldsProperties {

    @Property(tries = 50)
    void attentionRespectsItsRanges(@ForAll("configuredAttention") SelfAttention field) {
        assertTrue(field.tokens() >= 2 && field.tokens() <= 3, "tokens " + field.tokens());
        assertTrue(field.width() >= 3 && field.width() <= 4, "width " + field.width());
        assertTrue(field.heads() >= 2 && field.heads() <= 3, "heads " + field.heads());
        assertTrue(field.variant().causal());
        assertTrue(field.domain().initialRadius() >= 0.5 && field.domain().initialRadius() <= 2);
        assertEquals(3, field.domain().horizon());
        // entries in [-0.5, 0.25] before division by sqrt(fan-in)
        @SuppressWarnings("unchecked")
        List<List<Double>> queries = (List<List<Double>>) field.parameters().get("wq");
        assertEquals(2 * field.heads(), queries.size(), "head width 2");
        for (List<Double> row : queries) {
            for (double entry : row) {
                double unscaled = entry * Math.sqrt(field.width());
                assertTrue(unscaled >= -0.5 - 1e-12 && unscaled <= 0.25 + 1e-12, "entry " + unscaled);
            }
        }
    }

    @Provide
    Arbitrary<SelfAttention> configuredAttention() {
        return Fields.softmaxAttention().tokens(2, 3).width(3, 4).heads(2, 3).headWidth(2, 2).causal(true)
                .weights(-0.5, 0.25).initialRadius(0.5, 2).horizon(3, 3);
    }

    @Property(tries = 30)
    void feedForwardAndBlockRespectTheirChoices(@ForAll("gelu") FeedForward ffn,
            @ForAll("plainConstant") TransformerBlock block) {
        assertEquals(Activation.GELU, ffn.activation());
        assertTrue(ffn.hidden() >= 3 && ffn.hidden() <= 5);
        assertTrue(block.isAutonomous(), "constant weights");
        assertEquals(List.of(1.0, 1.0), block.parameters().get("ln1.gamma"));
        assertEquals(Activation.RELU, block.feedForward().activation());
        assertEquals(2, block.width());
    }

    @Provide
    Arbitrary<FeedForward> gelu() {
        return Fields.ffn().hidden(3, 5).activation(Activation.GELU);
    }

    @Provide
    Arbitrary<TransformerBlock> plainConstant() {
        return Fields.block().width(2, 2).affineLayerNorm(false).depthVarying(false)
                .activation(Activation.RELU);
    }

    @Property(tries = 30)
    void initialStatesLieBetweenTheInnerAndTheInitialRadius(@ForAll("sphere") SphereAttention field) {
        double[] state = field.initialStates(field.domain().initialRadius()).generator(100)
                .next(new Random(20261129)).value(); // a fixed seed: an identity hash differs per run
        for (int i = 0; i < field.tokens(); i++) {
            double sum = 0;
            for (int k = i * field.width(); k < (i + 1) * field.width(); k++) {
                sum += state[k] * state[k];
            }
            double norm = Math.sqrt(sum);
            assertTrue(norm >= 1 - 1e-12 && norm <= field.domain().initialRadius() + 1e-12, "token norm " + norm);
        }
    }

    @Provide
    Arbitrary<SphereAttention> sphere() {
        return Fields.sphereAttention().initialRadius(1, 1.5);
    }

    /** Shrinking goes to the smallest shape the failure needs, with every weight 0. */
    @Example
    void shrinksTowardsFewNarrowTokensAndZeroWeights() {
        SelfAttention minimal = shrink(Fields.softmaxAttention().tokens(1, 6).width(1, 6).heads(1, 3)
                .headWidth(1, 3).weights(-2, 2), field -> field.tokens() >= 2 && field.width() >= 2, 3);
        assertEquals(2, minimal.tokens());
        assertEquals(2, minimal.width());
        assertEquals(1, minimal.heads());
        assertEquals(List.of(List.of(0.0, 0.0)), minimal.parameters().get("wq"), "one query row of zeros");
        assertEquals(List.of(List.of(0.0, 0.0), List.of(0.0, 0.0)), minimal.parameters().get("wv"));

        TransformerBlock block = shrink(Fields.block().tokens(1, 4).width(2, 4).eitherMask(),
                field -> field.tokens() >= 2, 4);
        assertEquals(2, block.tokens());
        assertEquals(2, block.width());
        assertTrue(block.isAutonomous(), "slopes shrink to 0");
        assertEquals(false, block.parameters().get("causal"));
        assertEquals(Activation.TANH, block.feedForward().activation());
    }

    /** Greedy shrinking: from a sample that satisfies {@code failing}, take the first smaller one that still does. */
    private static <T> T shrink(Arbitrary<? extends T> arbitrary, Predicate<T> failing, long seed) {
        Random random = new Random(seed);
        Shrinkable<? extends T> current = arbitrary.generator(1000).next(random);
        while (!failing.test(current.value())) {
            current = arbitrary.generator(1000).next(random);
        }
        for (int step = 0; step < 10_000; step++) {
            Optional<? extends Shrinkable<? extends T>> smaller = current.shrink()
                    .filter(candidate -> failing.test(candidate.value())).findFirst();
            if (smaller.isEmpty()) {
                return current.value();
            }
            current = smaller.get();
        }
        throw new AssertionError("shrinking did not terminate");
    }

    @Example
    void settingsThatDoNotApplyAreRejected() {
        assertThrows(IllegalStateException.class, () -> Fields.softmaxAttention().bias(-1, 0));
        assertThrows(IllegalStateException.class, () -> Fields.sigmoidAttention().iterations(1, 2));
        assertThrows(IllegalStateException.class, () -> Fields.sinkhornAttention().causal(true));
        assertThrows(IllegalArgumentException.class, () -> Fields.ffn().tokens(0, 2));
        assertThrows(IllegalArgumentException.class, () -> Fields.ffn().hidden(3, 2));
        assertThrows(IllegalArgumentException.class, () -> Fields.ffn().activation());
    }
}
