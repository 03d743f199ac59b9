package io.flowaudit.gen;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/** On a {@code @ForAll} field parameter: the certified Lipschitz constant K lies in {@code [min, max]}. */
@Target({ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public @interface Lipschitz {

    double min() default Fields.MIN_LIPSCHITZ;

    double max() default Fields.MAX_LIPSCHITZ;
}
