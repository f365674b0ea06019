package dev.rigwatch.ops.history;

/** A file, or options, that cannot be imported at all: thrown before anything is written. */
public final class ImportRefusedException extends RuntimeException {

    public ImportRefusedException(String message) {
        super(message);
    }
}
