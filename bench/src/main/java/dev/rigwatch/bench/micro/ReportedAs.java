package dev.rigwatch.bench.micro;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A benchmark's name in the results table and file, kept on the benchmark itself so that a new benchmark cannot be
 * added without one. {@code {param}} is replaced by the value of that JMH {@code @Param}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ReportedAs {
    String value();
}
