package io.flowaudit.gen;

import io.flowaudit.field.Activation;
import io.flowaudit.field.transformer.FeedForward;
import io.flowaudit.gen.TokenSettings.IntRange;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Feed-forward networks. */
final class DefaultFeedForwardArbitrary extends TokenFieldArbitraryBase<FeedForward, FeedForwardArbitrary>
        implements FeedForwardArbitrary {

    private final IntRange hidden;
    private final List<Activation> activations;

    DefaultFeedForwardArbitrary(TokenSettings common, IntRange hidden, Activation... activations) {
        super(common);
        this.hidden = hidden;
        this.activations = Activation.requireAmong(Activation.zeroAtOrigin(), "an FFN", activations);
    }

    @Override
    FeedForwardArbitrary with(TokenSettings common) {
        return new DefaultFeedForwardArbitrary(common, hidden, activations.toArray(new Activation[0]));
    }

    @Override
    public FeedForwardArbitrary hidden(int min, int max) {
        return new DefaultFeedForwardArbitrary(common, new IntRange(min, max), activations.toArray(new Activation[0]));
    }

    @Override
    public FeedForwardArbitrary activation(Activation... choices) {
        return new DefaultFeedForwardArbitrary(common, hidden, choices);
    }

    @Override
    protected Arbitrary<FeedForward> arbitrary() {
        Memoized<FeedForward> byShape = new Memoized<>();
        return Combinators.combine(common.tokens().arbitrary(), common.width().arbitrary(), hidden.arbitrary())
                .flatAs((n, d, m) -> byShape.get(List.of(n, d, m), () -> Combinators.combine(
                        WeightRoles.byRole(WeightRoles.feedForwardRoles(common, d, m, false, false)),
                        WeightRoles.byRole(WeightRoles.feedForwardBiases(common, d, m, false)),
                        Arbitraries.of(activations), common.domains()).as((matrices, vectors, activation, domain) ->
                                FeedForward.fromWeights(n, d, activation, matrices, vectors).certifiedFor(domain))));
    }
}
