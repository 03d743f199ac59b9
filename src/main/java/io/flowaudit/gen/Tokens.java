package io.flowaudit.gen;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/** On a {@code @ForAll} parameter of a transformer field type: the number of tokens n lies in {@code [min, max]}. */
@Target({ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public @interface Tokens {

    int min() default Fields.MIN_TOKENS;

    int max() default Fields.MAX_TOKENS;
}
