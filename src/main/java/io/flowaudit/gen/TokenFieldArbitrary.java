package io.flowaudit.gen;

import io.flowaudit.field.transformer.TransformerField;
import net.jqwik.api.Arbitrary;
import org.apiguardian.api.API;

/**
 * The settings every arbitrary of fields on tokens shares. Each method returns a reconfigured copy; the
 * receiver is unchanged (see {@link Fields} for what is generated and how it shrinks).
 *
 * @param <A> the arbitrary's own type, which the setters return
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface TokenFieldArbitrary<F extends TransformerField, A extends TokenFieldArbitrary<F, A>>
        extends Arbitrary<F> {

    /** Number of tokens n. */
    A tokens(int min, int max);

    /** Token width d. */
    A width(int min, int max);

    /** Range of weight entries before the fan-in scaling, within [-1e50, 1e50]. */
    A weights(double min, double max);

    /** Range of the certified domain's initial token radius (default exactly 1). */
    A initialRadius(double min, double max);

    /** Range of the certified domain's horizon T (default exactly 1). */
    A horizon(double min, double max);
}
