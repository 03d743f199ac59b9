package io.flowaudit.field.family;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.Activation;
import io.flowaudit.field.Certificate;
import io.flowaudit.field.Region;
import io.flowaudit.field.transformer.FeedForward;
import io.flowaudit.num.ApfloatElement;
import io.flowaudit.num.ApfloatSystem;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

/** The perceptron's constants from the rank-one decomposition of its Jacobian, and its activations. */
class MlpProperties {

    private static FeedForward.Mlp scalar(double w1, double b1, Activation activation, double w2) {
        return FeedForward.mlp(new double[][] {{w1}}, new double[] {b1}, activation, new double[][] {{w2}},
                new double[] {0.5});
    }

    /**
     * With one unit in one dimension, {@code F' = w2 w1 act'(w1 x + b1)}: K = a'|w1 w2| and
     * mu = a' max(0, w1 w2), both attained where {@code w1 x + b1 = 0}. The certificate gives exactly these.
     */
    @Property(tries = 100)
    void scalarPerceptronConstantsAreAttained(@ForAll @DoubleRange(min = -3, max = 3) double w1,
            @ForAll @DoubleRange(min = -1, max = 1) double b1, @ForAll @DoubleRange(min = -3, max = 3) double w2,
            @ForAll("bounded") Activation activation, @ForAll Random random) {
        FeedForward.Mlp field = scalar(w1, b1, activation, w2);
        Certificate c = field.certificate();
        double slope = activation.maxSlope();
        assertEquals(slope * Math.abs(w1 * w2), c.lipschitz(), 1e-12 * (1 + Math.abs(w1 * w2)));
        assertEquals(slope * Math.max(0, w1 * w2), c.oneSidedLipschitz(), 1e-12 * (1 + Math.abs(w1 * w2)));
        if (w1 != 0) {
            double[] steepest = {-b1 / w1};
            double[] beside = {steepest[0] + 1e-6};
            double quotient = new EmpiricalConstants(field, random).lipschitzQuotient(0, steepest, beside).getReal();
            assertTrue(c.lipschitz() <= quotient * (1 + 1e-5) + 1e-300, "K " + c.lipschitz() + " vs " + quotient);
        }
    }

    @Provide
    Arbitrary<Activation> bounded() {
        return Arbitraries.of(Activation.bounded());
    }

    /** {@code W1 = [[1, 0]]}, {@code W2 = [[1], [1]]}: mu = (u.v + |u||v|)/2 = (1 + sqrt 2)/2 < K = sqrt 2. */
    @Example
    void oneSidedConstantUsesTheRankTwoEigenvalue() {
        FeedForward field = FeedForward.mlp(new double[][] {{1, 0}}, new double[] {0}, Activation.TANH,
                new double[][] {{1}, {1}}, new double[] {0, 0});
        Certificate c = field.certificate();
        assertEquals(Math.sqrt(2), c.lipschitz(), 1e-12);
        assertEquals((1 + Math.sqrt(2)) / 2, c.oneSidedLipschitz(), 1e-12);
        assertEquals(Math.sqrt(2) * 1, c.bound(), 1e-12);
        assertEquals(Region.wholeSpace(), c.region());
    }

    @Property(tries = 50)
    void sigmoidIsTheLogisticFunction(@ForAll @DoubleRange(min = -40, max = 40) double z) {
        assertEquals(1 / (1 + Math.exp(-z)), Activation.SIGMOID.apply(z), 1e-15);
        ApfloatSystem apfloat = new ApfloatSystem(30);
        ApfloatElement exact = apfloat.one().divide(apfloat.fromDouble(-z).exp().add(1));
        double error = Activation.SIGMOID.apply(apfloat.fromDouble(z)).subtract(exact).abs().getReal();
        assertTrue(error < 1e-28, "apfloat sigmoid off by " + error);
    }

    @Example
    void describesItselfForRebuilding() {
        FeedForward field = scalar(2, 0.25, Activation.SIGMOID, -1);
        assertEquals("mlp-sigmoid", field.family());
        assertEquals(List.of("activation", "W1", "b1", "W2", "b2"), List.copyOf(field.parameters().keySet()));
        assertEquals(List.of(List.of(2.0)), field.parameters().get("W1"));
        assertEquals(Activation.SIGMOID, Activation.parse(field.parameters().get("activation").toString()));
        assertEquals(1, field.hidden());
    }

    @Example
    void rejectsMismatchedLayers() {
        assertThrows(IllegalArgumentException.class, () -> FeedForward.mlp(new double[][] {{1, 0}}, new double[] {0},
                Activation.TANH, new double[][] {{1}}, new double[] {0}));
        assertThrows(IllegalArgumentException.class, () -> FeedForward.mlp(new double[][] {{1}}, new double[] {0},
                Activation.RELU, new double[][] {{1}}, new double[] {0}));
        assertThrows(IllegalArgumentException.class, () -> Activation.parse("softplus"));
    }
}
