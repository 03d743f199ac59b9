package io.flowaudit.gen;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * On a {@code @ForAll} parameter of type {@code SelfAttention} or {@code TransformerField}: attention of this kind
 * (the {@link Fields} factory of the same name) instead of the default, softmax. {@link Heads} and {@link Causal}
 * shape it further.
 */
@Target({ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public @interface Attention {

    Kind value();

    /** How scores become weights: {@link Fields#softmaxAttention()}, {@code l2Attention()}, ... */
    enum Kind { SOFTMAX, L2, SIGMOID, SINKHORN }
}
