package io.flowaudit.field.transformer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.gen.TransformerFields;
import io.flowaudit.num.ApfloatSystem;
import io.flowaudit.num.DoubleSystem;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * One field, three evaluations: the primitive double fast path, the generic path in double
 * (Decimal64) and the generic path in apfloat at 30 digits must agree to {@code 1e-12} relative to the
 * size of F.
 */
class NumberSystemAgreementProperties {

    private static final ApfloatSystem APFLOAT = new ApfloatSystem(30);

    private static void assertClose(double[] expected, double[] actual, String what) {
        double scale = Math.max(FieldProbe.norm(expected), Double.MIN_NORMAL);
        double error = FieldProbe.norm(FieldProbe.difference(expected, actual));
        assertTrue(error <= 1e-12 * scale, what + ": |difference| / |F| = " + error / scale);
    }

    @Property(tries = 40)
    void fastPathAgreesWithGenericDouble(@ForAll("fields") TransformerField field,
            @ForAll @IntRange(min = 1, max = 1000) int seed) {
        Random random = new Random(seed);
        double t = random.nextDouble() * field.domain().horizon();
        double[] x = FieldProbe.randomState(field.tokens(), field.width(), field.innerTokenRadius(), 2, random);
        assertClose(FieldProbe.evaluate(field, DoubleSystem.INSTANCE, t, x), FieldProbe.evaluate(field, t, x),
                field.family() + " fast path");
    }

    @Property(tries = 25)
    void apfloatAgreesWithDouble(@ForAll("fields") TransformerField field,
            @ForAll @IntRange(min = 1, max = 1000) int seed) {
        Random random = new Random(seed);
        double t = random.nextDouble() * field.domain().horizon();
        double[] x = FieldProbe.randomState(field.tokens(), field.width(), field.innerTokenRadius(), 2, random);
        assertClose(FieldProbe.evaluate(field, APFLOAT, t, x), FieldProbe.evaluate(field, t, x),
                field.family() + " in apfloat(30)");
    }

    @Provide
    Arbitrary<TransformerField> fields() {
        return Arbitraries.oneOf(
                TransformerFields.softmaxAttention().tokens(1, 5).width(1, 4).heads(1, 3).headWidth(1, 3)
                        .eitherMask().weights(-3, 3),
                TransformerFields.l2Attention().eitherMask(),
                TransformerFields.sigmoidAttention().eitherMask(),
                TransformerFields.sinkhornAttention().iterations(1, 4),
                TransformerFields.sphereAttention().width(2, 4),
                TransformerFields.ffn(),
                TransformerFields.block().heads(1, 3).eitherMask().horizon(0.5, 2));
    }
}
