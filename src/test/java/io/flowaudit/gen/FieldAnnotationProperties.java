package io.flowaudit.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowaudit.field.Certificate;
import io.flowaudit.field.CertifiedField;
import io.flowaudit.field.VectorField;
import io.flowaudit.field.family.ContractiveField;
import io.flowaudit.field.transformer.FeedForward;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/** The annotations reach the arbitraries through jqwik's provider and configurator SPI. */
class FieldAnnotationProperties {

    @Property(tries = 100)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void dimensionAndLipschitzConfigureEveryFamily(
            @ForAll @Dimension(min = 2, max = 16) @Lipschitz(min = 0.1, max = 4) CertifiedField field) {
        Certificate c = field.certificate();
        assertTrue(field.dimension() >= 2 && field.dimension() <= 16, "D = " + field.dimension());
        assertTrue(c.lipschitz() >= 0.1 && c.lipschitz() <= 4, "K = " + c.lipschitz());
        Statistics.collect(field.family().replaceAll("-(tanh|sigmoid)", ""));
        Statistics.coverage(coverage -> {
            for (String family : new String[] {"linear", "mlp", "time-dependent", "contractive"}) {
                coverage.check(family).count(count -> count > 0);
            }
        });
    }

    @Property(tries = 100)
    void contractiveGivesNegativeMu(@ForAll @Contractive(maxMu = -0.1) CertifiedField field) {
        assertInstanceOf(ContractiveField.class, field);
        assertTrue(field.certificate().oneSidedLipschitz() <= -0.1, "mu = " + field.certificate().oneSidedLipschitz());
    }

    @Property(tries = 50)
    void contractiveRangeAndDimensionCombine(
            @ForAll @Contractive(minMu = -2, maxMu = -1) @Dimension(min = 3, max = 3) VectorField field) {
        double mu = ((ContractiveField) field).certificate().oneSidedLipschitz();
        assertTrue(mu >= -2 && mu <= -1, "mu = " + mu);
        assertTrue(field.dimension() == 3);
    }

    @Property(tries = 50)
    void annotationsConfigureProvidedArbitraries(@ForAll("tanh") @Dimension(min = 5, max = 6) FeedForward.Mlp field) {
        assertTrue(field.dimension() >= 5 && field.dimension() <= 6, "D = " + field.dimension());
        assertTrue(field.family().equals("mlp-tanh"));
    }

    /**
     * The MLP is the FFN on one state: {@code FeedForward} alone gives the FFN on tokens, {@code @Mlp} or the
     * type {@code FeedForward.Mlp} the mlp family, which the annotations of the classic families then configure.
     */
    @Property(tries = 30)
    void feedForwardIsTheFfnUnlessMarkedMlp(@ForAll FeedForward ffn,
            @ForAll @Mlp @Dimension(min = 3, max = 3) FeedForward mlp,
            @ForAll @Dimension(min = 2, max = 2) FeedForward.Mlp typed) {
        assertTrue(ffn.family().equals("ffn"), ffn.family());
        assertTrue(mlp.family().startsWith("mlp-") && mlp.dimension() == 3, mlp.toString());
        assertTrue(typed.family().startsWith("mlp-") && typed.dimension() == 2, typed.toString());
    }

    @SuppressWarnings("unused")
    private static void misplaced(@Lipschitz(max = 0.001) @Dimension(min = 7, max = 7) @Tokens(min = 1, max = 1)
            @Width(min = 2, max = 2) @Heads(min = 2, max = 2) @Causal @Attention(Attention.Kind.L2) Object parameter) {
    }

    /**
     * An annotation of the other kind of field fails with a message instead of being skipped: until 2026-11-30
     * {@code @ForAll @Lipschitz(max = 0.001) SelfAttention a} drew attention with K of order 1, and
     * {@code @Dimension(min = 7, max = 7)} on a {@code TransformerField} drew dimensions 4, 6 and 12, silently.
     */
    @Example
    void annotationsOfTheOtherKindOfFieldAreRefused() throws NoSuchMethodException {
        java.lang.reflect.Parameter parameter = FieldAnnotationProperties.class
                .getDeclaredMethod("misplaced", Object.class).getParameters()[0];
        FieldConfigurator configurator = new FieldConfigurator();
        assertThrows(IllegalArgumentException.class, () -> configurator.configure(Fields.softmaxAttention(),
                parameter.getAnnotation(Lipschitz.class)));
        assertThrows(IllegalArgumentException.class, () -> configurator.configure(Fields.block(),
                parameter.getAnnotation(Dimension.class)));
        assertThrows(IllegalArgumentException.class, () -> configurator.configure(Fields.affine(),
                parameter.getAnnotation(Tokens.class)));
        assertThrows(IllegalArgumentException.class, () -> configurator.configure(Fields.any(),
                parameter.getAnnotation(Width.class)));
        assertThrows(IllegalArgumentException.class, () -> configurator.configure(Fields.ffn(),
                parameter.getAnnotation(Heads.class)));
        assertThrows(IllegalArgumentException.class, () -> configurator.configure(Fields.ffn(),
                parameter.getAnnotation(Causal.class)));
        assertThrows(IllegalArgumentException.class, () -> configurator.configure(Fields.affine(),
                parameter.getAnnotation(Heads.class)));
        assertThrows(IllegalArgumentException.class, () -> configurator.configure(Fields.mlp(),
                parameter.getAnnotation(Causal.class)));
        // a provided arbitrary of another kind than the annotation names
        assertThrows(IllegalArgumentException.class, () -> configurator.configure(Fields.sigmoidAttention(),
                parameter.getAnnotation(Attention.class)));
        // Sinkhorn has no causal form
        assertThrows(IllegalStateException.class, () -> configurator.configure(Fields.sinkhornAttention(),
                parameter.getAnnotation(Causal.class)));
    }

    @Example
    void aFieldOfEitherKindTakesTheAnnotationsOfOneKind() {
        assertEquals(FieldArbitraryProvider.Kinds.BOTH, FieldArbitraryProvider.kindsFor(annotation -> false));
        assertEquals(FieldArbitraryProvider.Kinds.CLASSIC,
                FieldArbitraryProvider.kindsFor(annotation -> annotation == Lipschitz.class));
        assertEquals(FieldArbitraryProvider.Kinds.TRANSFORMER,
                FieldArbitraryProvider.kindsFor(annotation -> annotation == Causal.class));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> FieldArbitraryProvider
                .kindsFor(annotation -> annotation == Dimension.class || annotation == Width.class));
        assertTrue(refused.getMessage().endsWith("not both"), refused.getMessage());
    }

    @Example
    void theAttentionAnnotationNamesAttentionTypesOnly() {
        for (Class<?> type : List.of(io.flowaudit.field.transformer.TransformerBlock.class, FeedForward.class,
                io.flowaudit.field.transformer.SphereAttention.class, io.flowaudit.field.CertifiedField.class)) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> FieldArbitraryProvider.attentionOf(type, Attention.Kind.L2));
            assertTrue(refused.getMessage().startsWith("@Attention cannot generate a"), refused.getMessage());
        }
    }

    @Provide
    Arbitrary<FeedForward.Mlp> tanh() {
        return Fields.mlp().activation(io.flowaudit.field.Activation.TANH);
    }
}
