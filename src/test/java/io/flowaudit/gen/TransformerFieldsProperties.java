package io.flowaudit.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.transformer.Activation;
import io.flowaudit.field.transformer.FeedForward;
import io.flowaudit.field.transformer.SelfAttention;
import io.flowaudit.field.transformer.SphereAttention;
import io.flowaudit.field.transformer.TransformerBlock;
import io.flowaudit.field.transformer.TransformerField;
import java.util.List;
import java.util.Map;
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
        return TransformerFields.softmaxAttention().tokens(2, 3).width(3, 4).heads(2, 3).headWidth(2, 2).causal(true)
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
        return TransformerFields.ffn().hidden(3, 5).activation(Activation.GELU);
    }

    @Provide
    Arbitrary<TransformerBlock> plainConstant() {
        return TransformerFields.block().width(2, 2).affineLayerNorm(false).depthVarying(false)
                .activation(Activation.RELU);
    }

    @Property(tries = 30)
    void initialStatesLieBetweenTheInnerAndTheInitialRadius(@ForAll("sphere") SphereAttention field) {
        double[] state = field.initialStates(field.domain().initialRadius()).generator(100)
                .next(new Random(field.hashCode())).value();
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
        return TransformerFields.sphereAttention().initialRadius(1, 1.5);
    }

    /** Shrinking goes to the smallest shape the failure needs, with every weight 0. */
    @Example
    void shrinksTowardsFewNarrowTokensAndZeroWeights() {
        SelfAttention minimal = shrink(TransformerFields.softmaxAttention().tokens(1, 6).width(1, 6).heads(1, 3)
                .headWidth(1, 3).weights(-2, 2), field -> field.tokens() >= 2 && field.width() >= 2, 3);
        assertEquals(2, minimal.tokens());
        assertEquals(2, minimal.width());
        assertEquals(1, minimal.heads());
        assertEquals(List.of(List.of(0.0, 0.0)), minimal.parameters().get("wq"), "one query row of zeros");
        assertEquals(List.of(List.of(0.0, 0.0), List.of(0.0, 0.0)), minimal.parameters().get("wv"));

        TransformerBlock block = shrink(TransformerFields.block().tokens(1, 4).width(2, 4).eitherMask(),
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
        assertThrows(IllegalStateException.class, () -> TransformerFields.softmaxAttention().bias(-1, 0));
        assertThrows(IllegalStateException.class, () -> TransformerFields.sigmoidAttention().iterations(1, 2));
        assertThrows(IllegalStateException.class, () -> TransformerFields.sinkhornAttention().causal(true));
        assertThrows(IllegalArgumentException.class, () -> TransformerFields.ffn().tokens(0, 2));
        assertThrows(IllegalArgumentException.class, () -> TransformerFields.ffn().hidden(3, 2));
        assertThrows(IllegalArgumentException.class, () -> TransformerFields.ffn().activation());
    }

    @Example
    void everyFamilyGeneratesItsOwnKindWithDefaults() {
        List<String> names = TransformerFields.families().stream().map(FieldFamily::name).toList();
        assertEquals(List.of("softmax-attention", "multi-head-attention", "causal-attention", "l2-attention",
                "sigmoid-attention", "sinkhorn-attention", "sphere-attention", "ffn", "transformer-block"), names);
        for (FieldFamily family : TransformerFields.families()) {
            Random random = new Random(5);
            for (int sample = 0; sample < 5; sample++) {
                TransformerField field = (TransformerField) family.arbitrary(Map.of()).generator(100).next(random)
                        .value();
                assertEquals(family.name(), field.family(), field.toString());
                assertTrue(field.certificate().lipschitz() >= 0);
            }
        }
    }

    @Example
    void settingsAreAppliedAndValidated() {
        FieldFamily ffn = family("ffn");
        FeedForward field = (FeedForward) ffn.arbitrary(Map.of("tokens", new int[] {3, 3}, "activation", "silu",
                "hidden", new int[] {2, 2}, "horizon", new double[] {2, 2})).generator(100).next(new Random(1)).value();
        assertEquals(3, field.tokens());
        assertEquals(2, field.hidden());
        assertEquals(Activation.SILU, field.activation());
        assertEquals(2, field.domain().horizon());

        FieldFamily block = family("transformer-block");
        TransformerBlock varying = (TransformerBlock) block.arbitrary(Map.of("depth", "varying", "mask", "causal",
                "weights", new double[] {0.5, 1})).generator(100).next(new Random(2)).value();
        assertTrue(!varying.isAutonomous() && (Boolean) varying.parameters().get("causal"));

        assertTrue(assertThrows(IllegalArgumentException.class, () -> ffn.arbitrary(Map.of("heads", new int[] {1, 2})))
                .getMessage().contains("family 'ffn' has no setting 'heads'"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ffn.arbitrary(Map.of("tokens", new double[] {1, 2}))).getMessage()
                .contains("setting 'tokens' of family 'ffn' needs a int[]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ffn.arbitrary(Map.of("activation", "swish")))
                .getMessage().contains("must be one of [tanh, gelu, silu, relu, any], got 'swish'"));
        assertTrue(family("sinkhorn-attention").settings().stream().noneMatch(s -> s.name().equals("mask")),
                "Sinkhorn attention has no causal form");
        assertEquals(FamilySetting.Kind.DOUBLE_RANGE,
                family("sigmoid-attention").settings().stream().filter(s -> s.name().equals("bias")).findFirst()
                        .orElseThrow().kind());
    }

    private static FieldFamily family(String name) {
        return TransformerFields.families().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }
}
