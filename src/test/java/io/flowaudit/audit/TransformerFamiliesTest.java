package io.flowaudit.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.Activation;
import io.flowaudit.field.transformer.FeedForward;
import io.flowaudit.field.transformer.TransformerBlock;
import io.flowaudit.field.transformer.TransformerField;
import io.flowaudit.input.BadInputException;
import io.flowaudit.input.YamlDocument;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Example;

/** The transformer families claim files name: each generates its own kind, and applies and checks settings. */
class TransformerFamiliesTest {

    @Example
    void everyFamilyGeneratesItsOwnKindWithDefaults() {
        List<NamedFamily> transformers = Families.ALL.names().stream().skip(4).map(TransformerFamiliesTest::family)
                .toList();
        assertEquals(List.of("softmax-attention", "multi-head-attention", "causal-attention", "l2-attention",
                "sigmoid-attention", "sinkhorn-attention", "sphere-attention", "ffn", "transformer-block"),
                transformers.stream().map(NamedFamily::name).toList());
        for (NamedFamily family : transformers) {
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
        NamedFamily ffn = family("ffn");
        FeedForward field = (FeedForward) ffn.arbitrary(Map.of("tokens", new int[] {3, 3}, "activation", "silu",
                "hidden", new int[] {2, 2})).generator(100).next(new Random(1)).value();
        assertEquals(3, field.tokens());
        assertEquals(2, field.hidden());
        assertEquals(Activation.SILU, field.activation());

        NamedFamily block = family("transformer-block");
        TransformerBlock varying = (TransformerBlock) block.arbitrary(Map.of("depth", "varying", "mask", "causal",
                "weights", new double[] {0.5, 1})).generator(100).next(new Random(2)).value();
        assertTrue(!varying.isAutonomous() && (Boolean) varying.parameters().get("causal"));
        assertTrue(varying.hasCausalMask() && varying.attention().hasCausalMask(), "the block's mask is its attention's");
        assertFalse(field.hasCausalMask(), "a position-wise FFN has no mask");

        assertTrue(assertThrows(IllegalArgumentException.class, () -> ffn.arbitrary(Map.of("heads", new int[] {1, 2})))
                .getMessage().contains("no setting 'heads'"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ffn.arbitrary(Map.of("tokens", new double[] {1, 2}))).getMessage()
                .contains("setting 'tokens' needs a int[]"));
        assertTrue(assertThrows(BadInputException.class, () -> ffn.read(YamlDocument.parse(
                "family: ffn\nactivation: swish\n", "claim.yaml"))).getMessage().contains("claim.yaml:2"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> block.arbitrary(Map.of("epsilon", new double[] {0, 1e-5}))).getMessage().contains("epsilon"));
        for (Map<String, Object> floor : List.of(Map.<String, Object>of("centred-floor", new double[] {-1, -1}),
                Map.<String, Object>of("centred-floor", new double[] {2, 2}),
                Map.<String, Object>of("centred-floor", new double[] {0.5, 0.5}, "width", new int[] {1, 4}))) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> block.arbitrary(floor)).getMessage()
                    .contains("centred-floor"), floor.keySet().toString());
        }
        assertTrue(family("sinkhorn-attention").settings().stream().noneMatch(s -> s.key().equals("mask")),
                "Sinkhorn attention has no causal form");
        assertTrue(family("sigmoid-attention").settings().stream().filter(s -> s.key().equals("bias")).findFirst()
                .orElseThrow().fallback() instanceof double[], "the sigmoid bias is a range of reals");
    }

    private static NamedFamily family(String name) {
        return Families.ALL.find(name).orElseThrow();
    }
}
