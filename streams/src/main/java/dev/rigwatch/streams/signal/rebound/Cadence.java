package dev.rigwatch.streams.signal.rebound;

import dev.rigwatch.streams.signal.rebound.ReboundState.Close;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * How the windows of a rebound series are laid out: which windows belong to it, and where a lookback of n windows
 * starts. The rule counts its lookback in time, so that a gap in the series does not stretch it.
 */
sealed interface Cadence {

    /** The series' interval as its signals report it. */
    Duration interval();

    /** Whether {@code close} spans one window of this series. */
    boolean fits(Close close);

    /** The earliest window start a lookback of {@code windows} windows ending at {@code windowEnd} reaches. */
    Instant lookbackStart(Instant windowEnd, int windows);

    /** Windows of one fixed length: candles, GPU statistics. */
    record Fixed(Duration interval) implements Cadence {

        @Override
        public boolean fits(Close close) {
            return Duration.between(close.windowStart(), close.windowEnd()).equals(interval);
        }

        @Override
        public Instant lookbackStart(Instant windowEnd, int windows) {
            return windowEnd.minus(interval.multipliedBy(windows));
        }

        @Override
        public String toString() {
            return interval.toString();
        }
    }

    /**
     * UTC calendar months, 28 to 31 days long: a lookback of n windows is n calendar months. A {@link Duration} cannot
     * say "one month", so signals report {@link #REPORTED_INTERVAL}; their confirming window states the month exactly.
     */
    record CalendarMonths() implements Cadence {

        static final Duration REPORTED_INTERVAL = Duration.ofDays(30);

        @Override
        public Duration interval() {
            return REPORTED_INTERVAL;
        }

        @Override
        public boolean fits(Close close) {
            ZonedDateTime start = close.windowStart().atZone(ZoneOffset.UTC);
            return start.getDayOfMonth() == 1 && start.toLocalTime().toSecondOfDay() == 0 && start.getNano() == 0
                    && start.plusMonths(1).toInstant().equals(close.windowEnd());
        }

        @Override
        public Instant lookbackStart(Instant windowEnd, int windows) {
            return windowEnd.atZone(ZoneOffset.UTC).minusMonths(windows).toInstant();
        }

        @Override
        public String toString() {
            return "calendar-month (UTC)";
        }
    }
}
