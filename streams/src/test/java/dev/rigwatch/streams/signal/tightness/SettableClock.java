package dev.rigwatch.streams.signal.tightness;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests set by hand, to move "now" apart from stream time. */
final class SettableClock extends Clock {

    private Instant now;

    SettableClock(Instant now) {
        this.now = now;
    }

    void set(Instant instant) {
        now = instant;
    }

    void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (!zone.normalized().equals(ZoneOffset.UTC)) {
            throw new IllegalArgumentException("a settable clock is in UTC, not " + zone);
        }
        return this;
    }
}
