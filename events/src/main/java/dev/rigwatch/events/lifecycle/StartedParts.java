package dev.rigwatch.events.lifecycle;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The parts of a process in the order they started, closed in reverse: a part that fails to close does not keep
 * the others open; the first failure is thrown with the later ones suppressed.
 */
public final class StartedParts implements AutoCloseable {

    private final String what;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    /** @param what names the process in a failure: "stopping the pipeline failed" */
    public StartedParts(String what) {
        this.what = what;
    }

    public <T extends AutoCloseable> T keep(T part) {
        started.push(part);
        return part;
    }

    /** Closes what started after {@code failure} stopped the start, and returns it with any close failure suppressed. */
    public RuntimeException closeAfter(RuntimeException failure) {
        try {
            close();
        } catch (RuntimeException closeFailure) {
            failure.addSuppressed(closeFailure);
        }
        return failure;
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("stopping the " + what + " failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
