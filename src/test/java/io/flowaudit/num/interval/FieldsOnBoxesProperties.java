package io.flowaudit.num.interval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.VectorField;
import io.flowaudit.field.family.FamilyField;
import io.flowaudit.field.formula.SystemFile;
import io.flowaudit.field.transformer.TransformerField;
import io.flowaudit.gen.Fields;
import io.flowaudit.num.ApfloatElement;
import io.flowaudit.num.ApfloatSystem;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Every vector field, written once over the generic scalar, evaluates on boxes unchanged: each field of
 * every family (classic, transformer, formula files) is evaluated at 40 digits on the box that encloses
 * a double point (one ulp wide per component, since a double has more decimal digits than 40), and
 * <ul>
 * <li>apfloat's value at 60 digits at the exact point lies in the enclosure, allowing {@code 1e-50·S}
 * for apfloat's own rounding (its per-operation 1e-59 times up to 10^9 operations and amplification);</li>
 * <li>the double path's value lies in it, allowing {@code 1e-12·S}, the agreement the double and
 * generic paths are held to elsewhere (NumberSystemAgreementProperties): double rounding;</li>
 * <li>the enclosure is tight: every component no wider than {@code 1e-30·S}.</li>
 * </ul>
 * S is the size of the terms F sums: the certified bound M of |F| for transformer fields (on the
 * states' ball), {@code |F(0)| + K|x| + 1} for the classic families, {@code 1 + |F|} for formula files.
 */
class FieldsOnBoxesProperties {

    private static final IntervalSystem INTERVALS = new IntervalSystem(40);
    private static final ApfloatSystem APFLOAT = new ApfloatSystem(60);
    private static final BigDecimal APFLOAT_SLACK = new BigDecimal("1e-50");
    private static final BigDecimal DOUBLE_SLACK = new BigDecimal("1e-12");
    private static final BigDecimal WIDTH_LIMIT = new BigDecimal("1e-30");
    private static final double STATE_RADIUS = 2;

    /** The widest enclosure relative to S, for the report. */
    record Widths(String family, BigDecimal widest) {
    }

    /** Evaluates F at (t, x) three ways and checks both point values lie in the box's enclosure. */
    private static BigDecimal assertEnclosed(VectorField field, double t, double[] x, double scale, String what) {
        Interval[] box = field.evaluate(INTERVALS.fromDouble(t), INTERVALS.fromDoubles(x));
        ApfloatElement[] reference = field.evaluate(APFLOAT.fromDouble(t), APFLOAT.fromDoubles(x));
        double[] inDouble = new double[field.dimension()];
        field.evaluate(t, x, inDouble);
        BigDecimal size = new BigDecimal(scale);
        BigDecimal widest = BigDecimal.ZERO;
        for (int i = 0; i < box.length; i++) {
            String where = what + " component " + i + " at t=" + t + ", x=" + Arrays.toString(x) + ": " + box[i];
            assertWithin(box[i], new BigDecimal(reference[i].value().toString(false)), size.multiply(APFLOAT_SLACK),
                    where + " misses apfloat(60)");
            assertWithin(box[i], new BigDecimal(inDouble[i]), size.multiply(DOUBLE_SLACK), where + " misses double");
            // width <= limit S, not width / S: a field with all weights zero has S = 0 and must give the exact box
            assertTrue(box[i].width().compareTo(WIDTH_LIMIT.multiply(size)) <= 0,
                    where + " is " + box[i].width() + " wide, more than " + WIDTH_LIMIT + " S with S = " + scale);
            if (size.signum() > 0) {
                widest = widest.max(box[i].width().divide(size, new MathContext(3, RoundingMode.UP)));
            }
        }
        return widest;
    }

    private static void assertWithin(Interval box, BigDecimal value, BigDecimal slack, String message) {
        assertTrue(box.lo().subtract(slack).compareTo(value) <= 0 && value.compareTo(box.hi().add(slack)) <= 0,
                message + " value " + value.round(new MathContext(45)));
    }

    record FamilyCase(FamilyField field, double t, double[] x) {
    }

    @Provide
    Arbitrary<FamilyCase> familyCases() {
        return Fields.any().dimension(1, 8).flatMap(field -> Combinators.combine(
                Arbitraries.doubles().between(0, 5), Fields.statesInBall(field.dimension(), 100))
                .as((t, x) -> new FamilyCase(field, t, x)));
    }

    @Property(tries = 60)
    void classicFamiliesEvaluateOnBoxes(@ForAll("familyCases") FamilyCase c) {
        FamilyField field = c.field();
        double scale = field.originBound() + field.certificate().lipschitz() * norm(c.x()) + 1;
        assertEnclosed(field, c.t(), c.x(), scale, field.toString());
    }

    @Provide
    Arbitrary<TransformerField> transformerFields() {
        return Arbitraries.oneOf(
                Fields.softmaxAttention().tokens(1, 4).width(1, 3).heads(1, 2).headWidth(1, 3)
                        .eitherMask().weights(-3, 3),
                Fields.l2Attention().eitherMask(),
                Fields.sigmoidAttention().eitherMask(),
                Fields.sinkhornAttention().iterations(1, 4),
                Fields.sphereAttention().width(2, 4),
                Fields.ffn(),
                Fields.block().heads(1, 2).eitherMask().horizon(0.5, 2));
    }

    @Property(tries = 40)
    void transformerFieldsEvaluateOnBoxes(@ForAll("transformerFields") TransformerField field,
            @ForAll @IntRange(min = 1, max = 1000) int seed) {
        Random random = new Random(seed);
        double t = random.nextDouble() * field.domain().horizon();
        double[] x = randomState(field, random);
        double scale = field.certificateOn(STATE_RADIUS, field.domain().horizon()).bound();
        assertEnclosed(field, t, x, scale, field.family());
    }

    /** Every example system file, at random times and states near its initial state. */
    @Property(tries = 20)
    void formulaSystemsEvaluateOnBoxes(@ForAll("exampleSystems") Path file, @ForAll @IntRange(min = 1, max = 1000)
            int seed) {
        VectorField field = SystemFile.load(file);
        Random random = new Random(seed);
        double t = random.nextDouble() * 3;
        double[] x = new double[field.dimension()];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian();
        }
        double[] value = new double[x.length];
        field.evaluate(t, x, value);
        assertEnclosed(field, t, x, 1 + norm(value), file.getFileName().toString());
    }

    @Provide
    Arbitrary<Path> exampleSystems() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("examples"))) {
            List<Path> systems = files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
            assertTrue(systems.size() >= 4, "expected the example systems in examples/, found " + systems);
            return Arbitraries.of(systems);
        }
    }

    /** One field of each transformer family at a fixed seed: prints the widths the property bounds. */
    @Example
    void widthsOfEachTransformerFamily() {
        StringBuilder report = new StringBuilder("widest enclosure / S at 40 digits:");
        List<Arbitrary<? extends TransformerField>> families = List.of(Fields.softmaxAttention(),
                Fields.l2Attention(), Fields.sigmoidAttention(),
                Fields.sinkhornAttention(), Fields.sphereAttention(), Fields.ffn(),
                Fields.block());
        Random random = new Random(16);
        for (Arbitrary<? extends TransformerField> family : families) {
            TransformerField field = family.generator(100).next(random).value();
            double t = random.nextDouble() * field.domain().horizon();
            double scale = field.certificateOn(STATE_RADIUS, field.domain().horizon()).bound();
            BigDecimal widest = assertEnclosed(field, t, randomState(field, random), scale, field.family());
            report.append(' ').append(field.family()).append(' ').append(widest);
        }
        System.out.println(report);
    }

    /** Tokens of norm between the field's inner radius and STATE_RADIUS, in random directions. */
    private static double[] randomState(TransformerField field, Random random) {
        double[] x = new double[field.dimension()];
        for (int token = 0; token < field.tokens(); token++) {
            double[] direction = new double[field.width()];
            for (int k = 0; k < direction.length; k++) {
                direction[k] = random.nextGaussian();
            }
            double length = norm(direction);
            double radius = field.innerTokenRadius() + (STATE_RADIUS - field.innerTokenRadius()) * random.nextDouble();
            for (int k = 0; k < direction.length; k++) {
                x[token * field.width() + k] = radius * direction[k] / length;
            }
        }
        return x;
    }

    private static double norm(double[] v) {
        double sum = 0;
        for (double component : v) {
            sum += component * component;
        }
        return Math.sqrt(sum);
    }
}
