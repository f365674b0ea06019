package dev.rigwatch.events;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A UTC {@link Clock} whose time is whatever {@code now} says: a simulated market's compressed time, a load's event
 * time, so that whatever stamps receipts with a clock lives in the same time as what it receives.
 */
public final class SuppliedClock extends Clock {

    private final Supplier<Instant> now;
    private final String what;

    /** @param what the time it tells, for the message when a zone is asked for ({@code the simulated clock}) */
    public SuppliedClock(Supplier<Instant> now, String what) {
        this.now = Objects.requireNonNull(now, "now");
        this.what = what;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException(what + " is UTC only");
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
