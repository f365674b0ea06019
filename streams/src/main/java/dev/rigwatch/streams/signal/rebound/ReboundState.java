package dev.rigwatch.streams.signal.rebound;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What the rebound rule remembers of one series: its closes since the last signal (that signal's close first, as the
 * first candidate for a new peak) that are still within the lookback, oldest first. At most the lookback's number of
 * windows, so the state of a key is bounded.
 */
record ReboundState(List<Close> closes) {

    ReboundState {
        closes = List.copyOf(closes);
    }

    /** One window's close: the price the series closed it at. */
    record Close(Instant windowStart, Instant windowEnd, BigDecimal price) {
    }

    Close last() {
        return closes.get(closes.size() - 1);
    }
}
