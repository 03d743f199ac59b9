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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.providers.ArbitraryProvider;
import net.jqwik.api.providers.TypeUsage;
import org.apiguardian.api.API;

/**
 * Default arbitraries for {@code @ForAll} field parameters (registered in META-INF/services): the
 * family named by the parameter type (a classic field, {@code SelfAttention}, {@code SphereAttention},
 * {@code FeedForward}, {@code TransformerBlock}), every transformer family for {@code TransformerField},
 * every classic family for {@code VectorField}, {@code CertifiedField} and {@code FamilyField},
 * contractive fields when the parameter carries {@link Contractive}, MLPs for {@code FeedForward.Mlp} or
 * a {@code FeedForward} that carries {@link Mlp} (the MLP is the FFN on one state, so {@code FeedForward}
 * alone names the FFN), and attention of the kind {@link Attention} names on a {@code SelfAttention} or
 * {@code TransformerField}. {@link FieldConfigurator} then applies the other annotations.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class FieldArbitraryProvider implements ArbitraryProvider {

    private static final Map<Class<?>, Supplier<Arbitrary<?>>> BY_TYPE = Map.ofEntries(
            Map.entry(VectorField.class, Fields::any),
            Map.entry(CertifiedField.class, Fields::any),
            Map.entry(FamilyField.class, Fields::any),
            Map.entry(AffineField.class, Fields::affine),
            Map.entry(TimeDependentField.class, Fields::timeDependent),
            Map.entry(ContractiveField.class, Fields::contractive),
            Map.entry(TransformerField.class, FieldArbitraryProvider::anyTransformer),
            Map.entry(SelfAttention.class, Fields::softmaxAttention),
            Map.entry(SphereAttention.class, Fields::sphereAttention),
            Map.entry(FeedForward.class, Fields::ffn),
            Map.entry(FeedForward.Mlp.class, Fields::mlp),
            Map.entry(TransformerBlock.class, Fields::block));

    /** Every transformer family, shrinking toward softmax attention. */
    private static Arbitrary<TransformerField> anyTransformer() {
        return Arbitraries.oneOf(List.of(Fields.softmaxAttention(), Fields.l2Attention(), Fields.sigmoidAttention(),
                Fields.sinkhornAttention(), Fields.sphereAttention(), Fields.ffn(), Fields.block()));
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
        return BY_TYPE.containsKey(targetType.getRawType());
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
        return Set.of(BY_TYPE.get(type).get());
    }
}
