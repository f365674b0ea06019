package dev.rigwatch.streams.candles;

import java.time.Duration;

/**
 * A windowed aggregation's rule for dropping a late record, for the monitors that report those drops: stream time is
 * the highest record timestamp seen (the aggregation tracks it the same way, and a monitor placed right before it sees
 * the same records of the same task in the same order), and a record is dropped when the end of its window plus the
 * grace is at or before stream time. Windows are tumbling and aligned to the epoch.
 */
final class WindowCloseRule {

    private final long windowMs;
    private final long graceMs;
    private long streamTimeMs = -1;

    WindowCloseRule(Duration window, Duration grace) {
        this.windowMs = window.toMillis();
        this.graceMs = grace.toMillis();
    }

    /** Advances stream time to {@code timeMs} when that is later, then tells whether its window has closed. */
    boolean isLate(long timeMs) {
        streamTimeMs = Math.max(streamTimeMs, timeMs);
        return windowClose(timeMs) <= streamTimeMs;
    }

    long streamTimeMs() {
        return streamTimeMs;
    }

    long windowStart(long timeMs) {
        return timeMs - timeMs % windowMs;
    }

    long windowEnd(long timeMs) {
        return windowStart(timeMs) + windowMs;
    }

    long windowClose(long timeMs) {
        return windowEnd(timeMs) + graceMs;
    }
}
