package dev.rigwatch.ops.replay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * Paces records by their event time: at {@code 60x}, a record stamped one hour after the first one is due one
 * minute after the first one was sent. Being late (a slow broker, a commit) is not made up for by waiting less
 * later, but a later record is never sent before it is due.
 */
public final class Pacer {

    /** Sleeps for a while; tests pass one that moves a test clock instead. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;

        static Sleeper system() {
            return duration -> Thread.sleep(duration.toMillis(), (int) (duration.toNanosPart() % 1_000_000));
        }
    }

    /** The longest single sleep, so that a stop request is noticed within it. */
    static final Duration SLICE = Duration.ofMillis(100);

    private final ReplaySpeed speed;
    private final Clock clock;
    private final Sleeper sleeper;
    private long eventAnchor;
    private Instant wallAnchor;

    public Pacer(ReplaySpeed speed, Clock clock, Sleeper sleeper) {
        this.speed = speed;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * How long until a record of this event time is due; zero when it is due now, or when the speed is
     * {@code max}. The first record asked about is due at once and anchors event time to the wall clock.
     */
    public Duration untilDue(long eventTimeMillis) {
        if (!speed.paced()) {
            return Duration.ZERO;
        }
        if (wallAnchor == null) {
            eventAnchor = eventTimeMillis;
            wallAnchor = clock.instant();
            return Duration.ZERO;
        }
        long wallNanos = (long) ((eventTimeMillis - eventAnchor) * 1_000_000.0 / speed.factor());
        Duration wait = Duration.between(clock.instant(), wallAnchor.plusNanos(wallNanos));
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    /**
     * Waits until a record of this event time is due, in slices of at most {@link #SLICE} so that a stop request
     * ends the wait early.
     *
     * @return true when the record is due; false when stop was requested (or the thread interrupted) first
     */
    public boolean awaitDue(long eventTimeMillis, BooleanSupplier stopRequested) {
        for (Duration wait = untilDue(eventTimeMillis); !wait.isZero(); wait = untilDue(eventTimeMillis)) {
            if (stopRequested.getAsBoolean()) {
                return false;
            }
            try {
                sleeper.sleep(wait.compareTo(SLICE) < 0 ? wait : SLICE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
