package io.flowaudit.gen;

import io.flowaudit.field.Domain;
import io.flowaudit.field.family.FamilyField;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.arbitraries.ArbitraryDecorator;

/** The {@link AnyFieldArbitrary} of {@link Fields}. */
final class DefaultAnyFieldArbitrary extends ArbitraryDecorator<FamilyField> implements AnyFieldArbitrary {

    private final AffineFieldArbitrary linear;
    private final MlpFieldArbitrary mlp;
    private final TimeDependentFieldArbitrary timeDependent;
    private final ContractiveFieldArbitrary contractive;

    DefaultAnyFieldArbitrary() {
        this(new DefaultAffineFieldArbitrary(), new DefaultMlpFieldArbitrary(),
                new DefaultTimeDependentFieldArbitrary(), new DefaultContractiveFieldArbitrary());
    }

    private DefaultAnyFieldArbitrary(AffineFieldArbitrary linear, MlpFieldArbitrary mlp,
            TimeDependentFieldArbitrary timeDependent, ContractiveFieldArbitrary contractive) {
        this.linear = linear;
        this.mlp = mlp;
        this.timeDependent = timeDependent;
        this.contractive = contractive;
    }

    @Override
    protected Arbitrary<FamilyField> arbitrary() {
        List<Arbitrary<? extends FamilyField>> families = new ArrayList<>(List.of(linear, mlp, timeDependent));
        // every ContractiveFieldArbitrary here is the package's own
        if (((DefaultContractiveFieldArbitrary) contractive).isFeasible()) {
            families.add(contractive);
        }
        return Arbitraries.oneOf(families);
    }

    @Override
    public AnyFieldArbitrary dimension(int min, int max) {
        return new DefaultAnyFieldArbitrary(linear.dimension(min, max), mlp.dimension(min, max),
                timeDependent.dimension(min, max), contractive.dimension(min, max));
    }

    @Override
    public AnyFieldArbitrary lipschitz(double min, double max) {
        return new DefaultAnyFieldArbitrary(linear.lipschitz(min, max), mlp.lipschitz(min, max),
                timeDependent.lipschitz(min, max), contractive.lipschitz(min, max));
    }

    /** Each member's settings checked; an infeasible contractive member is left out of the draws, not an error. */
    @Override
    public AnyFieldArbitrary validated() {
        linear.validated();
        mlp.validated();
        timeDependent.validated();
        return this;
    }

    @Override
    public AnyFieldArbitrary certifiedFor(Domain domain) {
        return new DefaultAnyFieldArbitrary(linear.certifiedFor(domain), mlp.certifiedFor(domain),
                timeDependent.certifiedFor(domain), contractive.certifiedFor(domain));
    }
}
