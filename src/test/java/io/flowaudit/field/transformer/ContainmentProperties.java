package io.flowaudit.field.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.Domain;
import io.flowaudit.field.Region;
import io.flowaudit.flow.LayerMap;
import io.flowaudit.flow.LayerStack;
import io.flowaudit.flow.Trajectory;
import io.flowaudit.gen.Fields;
import io.flowaudit.num.DoubleSystem;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.math3.util.Decimal64;
import org.junit.jupiter.api.Test;

/** {@link TransformerField#regionFor} holds every layer iterate of Euler, Heun and RK4 at every depth. */
class ContainmentProperties {

    private static final int[] DEPTHS = {1, 2, 3, 7, 20, 100};

    @Property(tries = 30)
    void layerIteratesStayInTheCertifiedRegion(@ForAll("fields") TransformerField field,
            @ForAll @IntRange(min = 1, max = 1000) int seed) {
        double radius = field.domain().initialRadius();
        double horizon = field.domain().horizon();
        Region region = field.regionFor(new Domain(radius, horizon));
        // tokens on the initial sphere: the start the bound is tightest for
        double[] start = PlainDouble.randomState(field.tokens(), field.width(), radius, radius, new Random(seed));
        double startShortest = PlainDouble.minTokenNorm(start, field.width());
        double tokenBound = field.certificate().bound();
        for (LayerMap map : LayerMap.values()) {
            for (int depth : DEPTHS) {
                Trajectory<Decimal64> layers = LayerStack.run(field, map, DoubleSystem.INSTANCE,
                        DoubleSystem.INSTANCE.fromDoubles(start), new Decimal64(horizon), depth);
                for (int l = 0; l <= depth; l++) {
                    double[] state = layers.stateAsDoubles(l);
                    assertTrue(region.contains(state), map + " layer " + l + " of " + depth + " has a token of norm "
                            + region.normOf(state) + " outside " + region);
                    // the inner shell holds for Euler and Heun only (SphereAttention: RK4 falls inside)
                    if (map != LayerMap.RK4 && field.innerTokenRadius() > 0) {
                        double shortest = PlainDouble.minTokenNorm(state, field.width());
                        assertTrue(shortest >= field.certifiedInnerRadius(), map + " layer " + l + " of " + depth
                                + " has a token of norm " + shortest + " inside the certified "
                                + field.certifiedInnerRadius());
                        double drift = roundingDrift(l, horizon * l / depth, field.width(), tokenBound);
                        assertTrue(shortest >= startShortest * (1 - drift), map + " layer " + l + " of " + depth
                                + ": shortest token " + shortest + " fell more than rounding's " + drift
                                + " below the start's " + startShortest);
                    }
                }
            }
        }
    }

    /**
     * Issue 9: Heun layers on a sphere field whose F is tiny keep norms only up to rounding (their exact
     * growth is O(h^4|F|^4)); the shortest token ended 5 units of 2^-53 below 1 at layer 99, outside
     * the unit shell the certificate covered and beyond a fixed 1e-15.
     */
    @Test
    void heunOnANearlyStillSphereFieldStaysInTheCertifiedShell() {
        SphereAttention field = SphereAttention.fromWeights(4, 2, 1, Map.of("wq", new double[3][2],
                "wk", new double[3][2], "wv", new double[][] {{0, 0}, {0, -7.071067811865475E-4}}));
        double[] start = PlainDouble.randomState(4, 2, 1, 1, new Random(1));
        Trajectory<Decimal64> layers = LayerStack.run(field, LayerMap.HEUN, DoubleSystem.INSTANCE,
                DoubleSystem.INSTANCE.fromDoubles(start), new Decimal64(1), 100);
        double drift = roundingDrift(99, 0.99, 2, field.certificate().bound());
        double shortest = PlainDouble.minTokenNorm(layers.stateAsDoubles(99), 2);
        assertTrue(shortest >= field.certifiedInnerRadius(), "shortest token " + shortest);
        assertTrue(shortest >= PlainDouble.minTokenNorm(start, 2) * (1 - drift), "shortest token " + shortest);
    }

    /**
     * How far rounding can move a sphere token's norm below its start after l Euler or Heun layers over
     * [0, t], relative to the norm ({@link SphereAttention}, "Computed iterates").
     */
    private static double roundingDrift(int layers, double time, int width, double tokenBound) {
        return 0x1p-53 * (2 * layers + (2 * width + 5) * time * tokenBound);
    }

    /**
     * The bound is sharp: with {@code V = c I} and one token, the flow is {@code x(t) = e^{ct} x(0)}, which
     * reaches the certified radius at T up to rounding, and Euler stays below it.
     */
    @Test
    void containmentRadiusIsSharpForAnExpandingValueMap() {
        double c = 0.7;
        SelfAttention field = SelfAttention.fromWeights(1, 2, 1, Map.of("wq", new double[][] {{0.3, -1}},
                "wk", new double[][] {{1, 1}}, "wv", new double[][] {{c, 0}, {0, c}}));
        double radius = field.regionFor(new Domain(1.5, 2)).radius();
        assertEquals(1.5 * Math.exp(2 * c), radius, 1e-7 * radius);
        Trajectory<Decimal64> euler = LayerStack.run(field, LayerMap.EULER, DoubleSystem.INSTANCE,
                DoubleSystem.INSTANCE.fromDoubles(new double[] {1.5, 0}), new Decimal64(2), 50);
        double reached = euler.stateAsDoubles(50)[0];
        assertEquals(1.5 * Math.pow(1 + 2 * c / 50, 50), reached, 1e-12);
        assertTrue(reached < radius);
    }

    @Provide
    Arbitrary<TransformerField> fields() {
        return Arbitraries.oneOf(
                Fields.softmaxAttention().heads(1, 3).eitherMask().weights(-3, 3).horizon(0.5, 2),
                Fields.l2Attention().weights(-2, 2).initialRadius(0.5, 2),
                Fields.sigmoidAttention().weights(-2, 2),
                Fields.sinkhornAttention().weights(-3, 3),
                Fields.sphereAttention().width(2, 4).weights(-3, 3).horizon(1, 3),
                Fields.ffn().weights(-2, 2).horizon(0.5, 2),
                Fields.block().eitherMask().horizon(0.5, 3).initialRadius(0.1, 5));
    }
}
