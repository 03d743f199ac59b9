package io.flowaudit.gen;

import io.flowaudit.field.transformer.TransformerField;
import net.jqwik.api.arbitraries.ArbitraryDecorator;

/** The settings every token-field arbitrary shares, each setter returning a reconfigured copy. */
abstract class TokenFieldArbitraryBase<F extends TransformerField, A extends TokenFieldArbitrary<F, A>>
        extends ArbitraryDecorator<F> implements TokenFieldArbitrary<F, A> {

    final TokenSettings common;

    TokenFieldArbitraryBase(TokenSettings common) {
        this.common = common;
    }

    abstract A with(TokenSettings common);

    @Override
    public A tokens(int min, int max) {
        return with(new TokenSettings(new TokenSettings.IntRange(min, max), common.width(), common.weights(),
                common.initialRadius(), common.horizon()));
    }

    @Override
    public A width(int min, int max) {
        return with(new TokenSettings(common.tokens(), new TokenSettings.IntRange(min, max), common.weights(),
                common.initialRadius(), common.horizon()));
    }

    @Override
    public A weights(double min, double max) {
        return with(new TokenSettings(common.tokens(), common.width(), new TokenSettings.DoubleRange(min, max),
                common.initialRadius(), common.horizon()));
    }

    @Override
    public A initialRadius(double min, double max) {
        return with(new TokenSettings(common.tokens(), common.width(), common.weights(),
                new TokenSettings.DoubleRange(min, max), common.horizon()));
    }

    @Override
    public A horizon(double min, double max) {
        return with(new TokenSettings(common.tokens(), common.width(), common.weights(), common.initialRadius(),
                new TokenSettings.DoubleRange(min, max)));
    }
}
