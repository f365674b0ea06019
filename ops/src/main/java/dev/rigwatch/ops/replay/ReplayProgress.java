package dev.rigwatch.ops.replay;

import java.time.Duration;
import java.time.Instant;

/**
 * How far a replay is, after a committed transaction.
 *
 * @param records      records copied by this run
 * @param offsetsDone  offsets of the range behind the replay's position, over every run of it
 * @param offsetsTotal offsets in the whole range; a little more than its records when the source holds
 *                     transaction markers or aborted records
 * @param eventTime    the timestamp of the last record copied; null before the first
 * @param elapsed      wall-clock time since this run started
 */
public record ReplayProgress(long records, long offsetsDone, long offsetsTotal, Instant eventTime, Duration elapsed) {

    public double percent() {
        return offsetsTotal == 0 ? 100.0 : 100.0 * offsetsDone / offsetsTotal;
    }

    /** Records per second of this run. */
    public double rate() {
        return records / Math.max(elapsed.toNanos() / 1e9, 1e-3);
    }
}
