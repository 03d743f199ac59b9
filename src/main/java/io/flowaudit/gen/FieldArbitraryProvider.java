package io.flowaudit.gen;

import io.flowaudit.field.CertifiedField;
import io.flowaudit.field.VectorField;
import io.flowaudit.field.family.ContractiveField;
import io.flowaudit.field.family.FamilyField;
import io.flowaudit.field.family.LinearField;
import io.flowaudit.field.family.MlpField;
import io.flowaudit.field.family.TimeDependentField;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.providers.ArbitraryProvider;
import net.jqwik.api.providers.TypeUsage;

/**
 * Default arbitraries for {@code @ForAll} field parameters (registered in META-INF/services): the
 * family named by the parameter type, every family for {@code VectorField}, {@code CertifiedField}
 * and {@code FamilyField}, and contractive fields when the parameter carries {@link Contractive}.
 * {@link FieldConfigurator} then applies {@link Dimension}, {@link Lipschitz} and {@link Contractive}.
 */
public final class FieldArbitraryProvider implements ArbitraryProvider {

    private static final Map<Class<?>, Supplier<FieldArbitrary<?>>> BY_TYPE = Map.of(
            VectorField.class, Fields::any,
            CertifiedField.class, Fields::any,
            FamilyField.class, Fields::any,
            LinearField.class, Fields::linear,
            MlpField.class, Fields::mlp,
            TimeDependentField.class, Fields::timeDependent,
            ContractiveField.class, Fields::contractive);

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
        return Set.of(BY_TYPE.get(type).get());
    }
}
