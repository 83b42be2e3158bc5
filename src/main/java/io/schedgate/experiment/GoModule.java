package io.schedgate.experiment;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a test class with {@link SchedgateExtension}: the Go module (the directory holding its
 * {@code go.mod}, relative to the working directory) built once for the class into a
 * {@code FROM scratch} image, handed to tests as a {@link ServiceImage} parameter and removed after the
 * class, however it ended.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface GoModule {
    /** The module's directory, e.g. {@code service}. */
    String value();
}
