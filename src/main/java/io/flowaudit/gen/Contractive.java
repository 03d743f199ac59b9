package io.flowaudit.gen;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * On a {@code @ForAll} parameter of type {@code VectorField}, {@code CertifiedField},
 * {@code FamilyField} or {@code ContractiveField}: a {@link io.flowaudit.field.family.ContractiveField}
 * whose certified one-sided Lipschitz constant mu lies in {@code [minMu, maxMu]} (Theorems 3-5).
 */
@Target({ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public @interface Contractive {

    double minMu() default Fields.MIN_CONTRACTION;

    double maxMu() default Fields.MAX_CONTRACTION;
}
