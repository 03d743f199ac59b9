package io.flowaudit.gen;

import io.flowaudit.field.Activation;
import io.flowaudit.field.transformer.FeedForward;
import org.apiguardian.api.API;

/**
 * Generates {@link FeedForward#mlp MLPs} {@code W2 act(W1 x + b1) + b2}: W1 at spectral norm 1, W2 at
 * {@code K / a'} so that the certified K is the drawn one, biases with entries in [-1, 1].
 *
 * <p>Shrinks toward smaller D, fewer hidden units, the first activation listed, K toward the lower
 * end of its range and raw weights toward 0, ending at {@code W1 = E_11}, {@code W2 = (K/a') E_11},
 * zero biases: {@code F(x) = (K/a') act(x_1) e_1}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface MlpFieldArbitrary extends FieldArbitrary<FeedForward.Mlp, MlpFieldArbitrary> {

    /** H, the number of hidden units, in {@code [min, max]} (default [1, 6]); shrinks toward {@code min}. */
    MlpFieldArbitrary hiddenUnits(int min, int max);

    /** Only these activations (default: tanh and sigmoid), shrinking toward the first. */
    MlpFieldArbitrary activation(Activation... activations);
}
