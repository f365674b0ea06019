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

    /** {@code windows} windows in the series' own unit, as people say it: {@code 90 days}, {@code 1 hour}, {@code 24 months}. */
    String span(int windows);

    /** {@code 1 day}, {@code 2 days}: a count and its unit, singular for one. */
    static String count(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }

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

        /** In the interval's largest whole unit: 90 windows of 1d are 90 days, 72 of 1h 72 hours, 6 of 4h 24 hours. */
        @Override
        public String span(int windows) {
            for (Unit unit : Unit.values()) {
                if (interval.toSeconds() % unit.length.toSeconds() == 0 && interval.getNano() == 0) {
                    return count(windows * interval.dividedBy(unit.length), unit.name);
                }
            }
            return windows + " windows of " + interval;
        }

        private enum Unit {
            DAY(Duration.ofDays(1), "day"), HOUR(Duration.ofHours(1), "hour"), MINUTE(Duration.ofMinutes(1), "minute"),
            SECOND(Duration.ofSeconds(1), "second");

            private final Duration length;
            private final String name;

            Unit(Duration length, String name) {
                this.length = length;
                this.name = name;
            }
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
        public String span(int windows) {
            return count(windows, "month");
        }

        @Override
        public String toString() {
            return "calendar-month (UTC)";
        }
    }
}
