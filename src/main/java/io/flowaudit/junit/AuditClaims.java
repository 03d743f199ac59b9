package io.flowaudit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the test class that stands for a project's claim files: when a build or an IDE selects the class, the
 * flowaudit engine ({@link ClaimsTestEngine}) runs every claim file under the folder as its own test. Maven Surefire
 * and Gradle hand the JUnit Platform classes only, never folders, so a class is how claims get into their runs:
 *
 * <pre>{@code
 * @AuditClaims
 * class ClaimsTest {
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface AuditClaims {

    /**
     * The folder of claim files, relative to the working directory (the project's, under Maven and Gradle); empty for
     * the configuration parameter {@code flowaudit.claims.folder}, whose default is {@code src/test/claims}.
     */
    String value() default "";
}
