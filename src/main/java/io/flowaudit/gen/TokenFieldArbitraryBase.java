package io.flowaudit.gen;

import io.flowaudit.field.transformer.TransformerField;
import net.jqwik.api.arbitraries.ArbitraryDecorator;

/** The settings every token-field arbitrary shares, each setter returning a reconfigured copy. */
abstract class TokenFieldArbitraryBase<F extends TransformerField, A extends TokenFieldArbitrary<F, A>>
        extends ArbitraryDecorator<F> implements TokenFieldArbitrary<F, A> {

    /** The largest weight magnitude a token family draws. */
    static final double MAX_WEIGHT_MAGNITUDE = 1e50;

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
        // beyond, the certificates' matrix norms overflow (an FFN's Gram matrix at 1e100); from about 1e6 on, every
        // bound is infinite and every try vacuous anyway
        if (!(Math.abs(min) <= MAX_WEIGHT_MAGNITUDE && Math.abs(max) <= MAX_WEIGHT_MAGNITUDE)) {
            throw new IllegalArgumentException("weights must lie within [-" + MAX_WEIGHT_MAGNITUDE + ", "
                    + MAX_WEIGHT_MAGNITUDE + "], got [" + min + ", " + max + "]");
        }
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
