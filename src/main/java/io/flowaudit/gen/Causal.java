package io.flowaudit.gen;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * On a {@code @ForAll} parameter of attention or of a block: under a causal mask, token i attending to tokens
 * {@code j <= i} only ({@link AttentionArbitrary#causal}). Sinkhorn attention has no causal form and refuses it.
 */
@Target({ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public @interface Causal {
}
