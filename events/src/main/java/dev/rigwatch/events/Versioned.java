package dev.rigwatch.events;

/** Every event value carries its schema version in a {@code v} field; readers accept older versions. */
public interface Versioned {
    int v();
}
