package io.flowaudit.gen;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * On a {@code @ForAll} parameter of type {@code FeedForward}: the {@code mlp} family ({@link Fields#mlp()}),
 * the feed-forward map on one state certified on all of {@code R^D}, instead of the transformer's FFN on
 * tokens ({@link Fields#ffn()}); the MLP is {@link io.flowaudit.field.transformer.FeedForward.Mlp}, a
 * {@code FeedForward} on one state, which a parameter of that type gets without the annotation.
 */
@Target({ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public @interface Mlp {
}
