package io.flowaudit.gen;

import io.flowaudit.field.Activation;
import io.flowaudit.field.transformer.FeedForward;
import org.apiguardian.api.API;

/** Position-wise feed-forward networks, from {@link Fields#ffn()}. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface FeedForwardArbitrary extends TokenFieldArbitrary<FeedForward, FeedForwardArbitrary> {

    /** Hidden width (default 1 to 8). */
    FeedForwardArbitrary hidden(int min, int max);

    /** The activations to draw from, shrinking towards the first (default all four). */
    FeedForwardArbitrary activation(Activation... choices);
}
