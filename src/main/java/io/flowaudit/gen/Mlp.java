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
 * tokens ({@link Fields#ffn()}); both are {@link io.flowaudit.field.transformer.FeedForward}s.
 */
@Target({ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public @interface Mlp {
}
