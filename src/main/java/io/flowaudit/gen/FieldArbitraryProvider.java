package io.flowaudit.gen;

import io.flowaudit.field.CertifiedField;
import io.flowaudit.field.VectorField;
import io.flowaudit.field.family.AffineField;
import io.flowaudit.field.family.ContractiveField;
import io.flowaudit.field.family.FamilyField;
import io.flowaudit.field.family.TimeDependentField;
import io.flowaudit.field.transformer.FeedForward;
import io.flowaudit.field.transformer.SelfAttention;
import io.flowaudit.field.transformer.SphereAttention;
import io.flowaudit.field.transformer.TransformerBlock;
import io.flowaudit.field.transformer.TransformerField;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.providers.ArbitraryProvider;
import net.jqwik.api.providers.TypeUsage;
import org.apiguardian.api.API;

/**
 * Default arbitraries for {@code @ForAll} field parameters (registered in META-INF/services): the
 * family named by the parameter type (a classic field, {@code SelfAttention}, {@code SphereAttention},
 * {@code FeedForward}, {@code TransformerBlock}), every transformer family for {@code TransformerField} (those with
 * attention under {@link Heads} or {@link Causal}), every classic family for {@code FamilyField}, every family of
 * both kinds for {@code VectorField} and {@code CertifiedField} (one kind when the annotations are of that kind),
 * contractive fields when the parameter carries {@link Contractive}, MLPs for {@code FeedForward.Mlp} or
 * a {@code FeedForward} that carries {@link Mlp} (the MLP is the FFN on one state, so {@code FeedForward}
 * alone names the FFN), and attention of the kind {@link Attention} names on a {@code SelfAttention} or
 * {@code TransformerField}. {@link FieldConfigurator} then applies the other annotations.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class FieldArbitraryProvider implements ArbitraryProvider {

    private static final Map<Class<?>, Supplier<Arbitrary<?>>> BY_TYPE = Map.ofEntries(
            Map.entry(FamilyField.class, Fields::any),
            Map.entry(AffineField.class, Fields::affine),
            Map.entry(TimeDependentField.class, Fields::timeDependent),
            Map.entry(ContractiveField.class, Fields::contractive),
            Map.entry(SelfAttention.class, Fields::softmaxAttention),
            Map.entry(SphereAttention.class, Fields::sphereAttention),
            Map.entry(FeedForward.class, Fields::ffn),
            Map.entry(FeedForward.Mlp.class, Fields::mlp),
            Map.entry(TransformerBlock.class, Fields::block));

    /** The types that stand for a field of either kind, classic or transformer. */
    private static final Set<Class<?>> EITHER_KIND = Set.of(VectorField.class, CertifiedField.class);
    private static final List<Class<? extends Annotation>> CLASSIC_ANNOTATIONS = List.of(Dimension.class,
            Lipschitz.class);
    private static final List<Class<? extends Annotation>> TOKEN_ANNOTATIONS = List.of(Tokens.class, Width.class,
            Heads.class, Causal.class);

    /**
     * Every transformer family, shrinking toward softmax attention; under {@link Heads} or {@link Causal} those with
     * attention only, and under {@link Causal} those with a causal form (not Sinkhorn).
     */
    private static Arbitrary<TransformerField> anyTransformer(TypeUsage usage) {
        boolean causal = usage.isAnnotated(Causal.class);
        boolean attention = causal || usage.isAnnotated(Heads.class);
        List<Arbitrary<? extends TransformerField>> families = new ArrayList<>(List.of(Fields.softmaxAttention(),
                Fields.l2Attention(), Fields.sigmoidAttention()));
        if (!causal) {
            families.add(Fields.sinkhornAttention());
        }
        families.add(Fields.sphereAttention());
        if (!attention) {
            families.add(Fields.ffn());
        }
        families.add(Fields.block());
        return Arbitraries.oneOf(families);
    }

    /** Which kinds of field a parameter of either kind's type gets. */
    enum Kinds { CLASSIC, TRANSFORMER, BOTH }

    /**
     * The classic families under their annotations, the transformer ones under theirs, and without either both;
     * annotations of both kinds are refused.
     */
    static Kinds kindsFor(Predicate<Class<? extends Annotation>> annotated) {
        boolean classic = CLASSIC_ANNOTATIONS.stream().anyMatch(annotated);
        boolean tokens = TOKEN_ANNOTATIONS.stream().anyMatch(annotated);
        if (classic && tokens) {
            throw new IllegalArgumentException("a field parameter takes the annotations of classic fields"
                    + " (@Dimension, @Lipschitz) or of transformer fields (@Tokens, @Width, @Heads, @Causal), not both");
        }
        return classic ? Kinds.CLASSIC : tokens ? Kinds.TRANSFORMER : Kinds.BOTH;
    }

    /** A field of the kinds {@link #kindsFor} gives; both kinds classic first (shrinking toward the simplest). */
    private static Arbitrary<? extends CertifiedField> eitherKind(TypeUsage usage) {
        switch (kindsFor(usage::isAnnotated)) {
            case CLASSIC:
                return Fields.any();
            case TRANSFORMER:
                return anyTransformer(usage);
            default:
                return Arbitraries.oneOf(List.of(Fields.any(), anyTransformer(usage)));
        }
    }

    /** Attention of this kind, for a parameter of this type that carries {@link Attention}. */
    static AttentionArbitrary<SelfAttention> attentionOf(Class<?> type, Attention.Kind kind) {
        if (type != SelfAttention.class && type != TransformerField.class) {
            throw new IllegalArgumentException("@Attention cannot generate a " + type.getSimpleName()
                    + "; use SelfAttention or TransformerField");
        }
        switch (kind) {
            case L2:
                return Fields.l2Attention();
            case SIGMOID:
                return Fields.sigmoidAttention();
            case SINKHORN:
                return Fields.sinkhornAttention();
            default:
                return Fields.softmaxAttention();
        }
    }

    private static final Set<Class<?>> CAN_BE_CONTRACTIVE = Set.of(VectorField.class, CertifiedField.class,
            FamilyField.class, ContractiveField.class);

    @Override
    public boolean canProvideFor(TypeUsage targetType) {
        Class<?> type = targetType.getRawType();
        return BY_TYPE.containsKey(type) || EITHER_KIND.contains(type) || type == TransformerField.class;
    }

    @Override
    public Set<Arbitrary<?>> provideFor(TypeUsage targetType, SubtypeProvider subtypeProvider) {
        Class<?> type = targetType.getRawType();
        if (targetType.isAnnotated(Contractive.class)) {
            if (!CAN_BE_CONTRACTIVE.contains(type)) {
                throw new IllegalArgumentException("@Contractive cannot generate a " + type.getSimpleName()
                        + "; use VectorField, CertifiedField, FamilyField or ContractiveField");
            }
            return Set.of(Fields.contractive());
        }
        Optional<Attention> attention = targetType.findAnnotation(Attention.class);
        if (attention.isPresent()) {
            return Set.of(attentionOf(type, attention.get().value()));
        }
        if (targetType.isAnnotated(Mlp.class)) {
            if (type != FeedForward.class && type != FeedForward.Mlp.class) {
                throw new IllegalArgumentException("@Mlp cannot generate a " + type.getSimpleName()
                        + "; use FeedForward or FeedForward.Mlp");
            }
            return Set.of(Fields.mlp());
        }
        if (type == TransformerField.class) {
            return Set.of(anyTransformer(targetType));
        }
        if (EITHER_KIND.contains(type)) {
            return Set.of(eitherKind(targetType));
        }
        return Set.of(BY_TYPE.get(type).get());
    }
}
