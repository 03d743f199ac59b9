package io.flowaudit.gen;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * On a {@code @ForAll} parameter of attention or of a block: the number of heads lies in {@code [min, max]}
 * (several heads: multi-head attention with an output projection, {@link AttentionArbitrary#heads}).
 */
@Target({ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public @interface Heads {

    int min() default Fields.MIN_HEADS;

    int max() default Fields.MAX_HEADS;
}
