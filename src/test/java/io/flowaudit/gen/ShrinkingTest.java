package io.flowaudit.gen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.flowaudit.field.Activation;
import io.flowaudit.field.family.AffineField;
import io.flowaudit.field.family.FamilyField;
import io.flowaudit.field.transformer.FeedForward;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Shrinkable;

/**
 * A counterexample shrinks to a textbook one. Shrinking is driven by hand the way jqwik does it:
 * from a failing sample, repeatedly take the first shrink candidate that still fails.
 */
class ShrinkingTest {

    /** A property that fails for every field of dimension 3 or more. */
    private static final Predicate<FamilyField> FAILS_FROM_DIMENSION_3 = field -> field.dimension() >= 3;

    /** A property that fails for every field whose K is above 1, whatever its dimension. */
    private static final Predicate<FamilyField> FAILS_ABOVE_K_1 = field -> field.certificate().lipschitz() > 1;

    private static <F> F shrunk(Arbitrary<F> arbitrary, Predicate<? super F> fails) {
        return shrunk(arbitrary, fails, 7);
    }

    private static <F> F shrunk(Arbitrary<F> arbitrary, Predicate<? super F> fails, long seed) {
        RandomGenerator<F> generator = arbitrary.generator(1000);
        Random random = new Random(seed);
        Shrinkable<F> current = generator.next(random);
        while (!fails.test(current.value())) {
            current = generator.next(random);
        }
        while (true) {
            Optional<Shrinkable<F>> smaller = current.shrink().filter(s -> fails.test(s.value())).findFirst();
            if (smaller.isEmpty()) {
                return current.value();
            }
            current = smaller.get();
        }
    }

    @Example
    void linearCounterexampleShrinksToKTimesTheIdentityInDimension3() {
        AffineField field = shrunk(Fields.affine().dimension(1, 10).lipschitz(0.5, 4), FAILS_FROM_DIMENSION_3);
        assertEquals(3, field.dimension());
        assertArrayEquals(new double[][] {{0.5, 0, 0}, {0, 0.5, 0}, {0, 0, 0.5}}, field.matrix());
        assertArrayEquals(new double[3], field.offset());
    }

    /**
     * A failure that depends on K alone shrinks to dimension 1 and K = 1. Shrinking D redraws the rest of the field
     * from the same seed; when the weights were drawn before K, the redrawn K differed (for the affine family, seeds
     * 1 and 6 stopped at D = 4 and D = 3, every smaller D drawing K below 1; seeds 1 to 6 all reach D = 1 now, the
     * test keeps the two that did not). The time-dependent family shrinks its two components for seconds a seed, so it
     * runs one.
     */
    @Example
    void counterexampleOnKAloneShrinksToDimensionOne() {
        for (long seed : new long[] {1, 6}) {
            assertShrinksToDimensionOneAtKOne(Fields.affine(), seed);
            assertShrinksToDimensionOneAtKOne(Fields.mlp(), seed);
        }
        assertShrinksToDimensionOneAtKOne(Fields.timeDependent(), 1);
    }

    private static void assertShrinksToDimensionOneAtKOne(FieldArbitrary<?, ?> family, long seed) {
        FamilyField field = shrunk(family.dimension(1, 10).lipschitz(0, 4), FAILS_ABOVE_K_1, seed);
        assertEquals(1, field.dimension(), "seed " + seed + ": " + field);
        // K = 1 exactly, certified a few ulps above it by the outward rounding
        assertEquals(1, field.certificate().lipschitz(), 1e-13, "seed " + seed + ": " + field);
    }

    @Example
    void mlpCounterexampleShrinksToOneUnitReadingTheFirstCoordinate() {
        FeedForward field = shrunk(Fields.mlp().dimension(1, 10).hiddenUnits(1, 6).lipschitz(1, 4), FAILS_FROM_DIMENSION_3);
        assertEquals(3, field.dimension());
        assertEquals(1, field.hidden());
        assertEquals(Activation.TANH, field.activation());
        assertEquals(List.of(List.of(1.0, 0.0, 0.0)), field.parameters().get("W1"));
        assertEquals(List.of(List.of(1.0), List.of(0.0), List.of(0.0)), field.parameters().get("W2"));
    }

    @Example
    void anyFamilyShrinksToTheLinearFamily() {
        FamilyField field = shrunk(Fields.any().dimension(1, 10), FAILS_FROM_DIMENSION_3);
        assertEquals(3, field.dimension());
        assertInstanceOf(AffineField.class, field);
        assertEquals(0, field.certificate().lipschitz());
    }

    @Example
    void contractiveCounterexampleShrinksToTheMildestContraction() {
        FamilyField field = shrunk(Fields.contractive().dimension(1, 10).oneSidedLipschitz(-3, -0.5),
                FAILS_FROM_DIMENSION_3);
        assertEquals(3, field.dimension());
        assertEquals(-0.5, field.certificate().oneSidedLipschitz(), 1e-8);
    }
}
