package io.flowaudit.gen;

import io.flowaudit.field.Domain;
import io.flowaudit.field.family.FamilyField;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.arbitraries.ArbitraryDecorator;

/**
 * Generates members of every family: linear, MLP, time-dependent and contractive (the last only when
 * the K range admits a negative mu). Each configuration applies to every family. Shrinks toward the
 * linear family, then within the family.
 */
final class AnyFieldArbitrary extends ArbitraryDecorator<FamilyField> implements FieldArbitrary<FamilyField> {

    private final LinearFieldArbitrary linear;
    private final MlpFieldArbitrary mlp;
    private final TimeDependentFieldArbitrary timeDependent;
    private final ContractiveFieldArbitrary contractive;

    AnyFieldArbitrary() {
        this(new LinearFieldArbitrary(), new MlpFieldArbitrary(), new TimeDependentFieldArbitrary(),
                new ContractiveFieldArbitrary());
    }

    private AnyFieldArbitrary(LinearFieldArbitrary linear, MlpFieldArbitrary mlp,
            TimeDependentFieldArbitrary timeDependent, ContractiveFieldArbitrary contractive) {
        this.linear = linear;
        this.mlp = mlp;
        this.timeDependent = timeDependent;
        this.contractive = contractive;
    }

    @Override
    protected Arbitrary<FamilyField> arbitrary() {
        List<Arbitrary<? extends FamilyField>> families = new ArrayList<>(List.of(linear, mlp, timeDependent));
        if (contractive.isFeasible()) {
            families.add(contractive);
        }
        return Arbitraries.oneOf(families);
    }

    @Override
    public AnyFieldArbitrary dimension(int min, int max) {
        return new AnyFieldArbitrary(linear.dimension(min, max), mlp.dimension(min, max),
                timeDependent.dimension(min, max), contractive.dimension(min, max));
    }

    @Override
    public AnyFieldArbitrary lipschitz(double min, double max) {
        return new AnyFieldArbitrary(linear.lipschitz(min, max), mlp.lipschitz(min, max),
                timeDependent.lipschitz(min, max), contractive.lipschitz(min, max));
    }

    @Override
    public AnyFieldArbitrary certifiedFor(Domain domain) {
        return new AnyFieldArbitrary(linear.certifiedFor(domain), mlp.certifiedFor(domain),
                timeDependent.certifiedFor(domain), contractive.certifiedFor(domain));
    }
}
