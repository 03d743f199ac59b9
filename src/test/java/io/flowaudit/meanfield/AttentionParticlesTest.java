package io.flowaudit.meanfield;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** The velocity's short cuts against the plain formula. */
class AttentionParticlesTest {

    /**
     * With A = V = I, SA and USA (masked or not) take their logits from the tokens' Gram matrix, each pair once, and
     * sum each weighted mean in a local; A and V = I given as matrices take the plain path (each logit its own inner
     * product, of x_i copied through I exactly). The velocities are the same doubles, bit for bit (assertArrayEquals
     * compares doubles exactly): the short cut changes no number.
     */
    @Property(tries = 400)
    void theIdentityPathGivesThePlainVelocityBitForBit(@ForAll long seed, @ForAll @IntRange(min = 1, max = 8) int tokens,
            @ForAll @IntRange(min = 1, max = 5) int width, @ForAll @DoubleRange(min = 0.1, max = 10) double beta,
            @ForAll boolean softmax, @ForAll boolean causal) {
        RandomDraws draws = new RandomDraws(seed);
        double[] x = new double[tokens * width];
        for (int c = 0; c < x.length; c++) {
            x[c] = draws.gaussian();
        }
        AttentionParticles unmasked = softmax ? AttentionParticles.sphere(tokens, width, beta)
                : AttentionParticles.unnormalisedSphere(tokens, width, beta);
        AttentionParticles identityPath = causal ? unmasked.causal() : unmasked;
        double[][] identity = new double[width][width];
        for (int r = 0; r < width; r++) {
            identity[r][r] = 1;
        }
        assertArrayEquals(identityPath.withQueryKey(identity).withValue(identity).velocity(x), identityPath.velocity(x));
    }
}
