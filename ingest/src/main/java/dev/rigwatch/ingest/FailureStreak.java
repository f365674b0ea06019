package dev.rigwatch.ingest;

/**
 * Consecutive failures with the same cause, so that a failure repeating every poll is logged when it starts,
 * changes or ends, with its count, rather than on every poll. Thread-safe: producer callbacks report from the
 * producer's I/O thread.
 */
public final class FailureStreak {

    private String cause;
    private long count;

    /**
     * Counts a failure.
     *
     * @return the streak this failure ended because its cause differs (null cause and 0 count when it follows a
     *         success), or null when it continues the current streak and so needs no log line
     */
    public synchronized Ended failed(String failureCause) {
        if (failureCause.equals(cause)) {
            count++;
            return null;
        }
        Ended previous = new Ended(cause, count);
        cause = failureCause;
        count = 1;
        return previous;
    }

    /** Ends the streak on a success; returns it (count 0 when there was none). */
    public synchronized Ended succeeded() {
        Ended previous = new Ended(cause, count);
        cause = null;
        count = 0;
        return previous;
    }

    /** A finished streak: {@code count} failures with {@code cause}. */
    public record Ended(String cause, long count) {
        public boolean any() {
            return count > 0;
        }

        /** How the log line of a new streak ends: what it ended, or how its repeats will be reported. */
        public String logSuffix() {
            return any() ? "this ends " + this : "repeats are counted, and logged when the cause changes or clears";
        }

        @Override
        public String toString() {
            return count + " x " + cause;
        }
    }
}
