package dev.rigwatch.simulator;

import dev.rigwatch.events.SuppliedClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Simulated market time, compressed: {@code start + (realNow - realStart) * speed}. At the default 60x a
 * 60-minute {@link PricePath} cycle passes in one real minute.
 *
 * <p>It starts in the past (by default a day ago) and never runs ahead of the wall clock: once it has caught up
 * (after {@code (realStart - start) / (speed - 1)} of real time, 24 real minutes for the defaults) it follows the
 * wall clock at 1x. The reason is Kafka: ticks carry the exchange's time as their record timestamp, and the
 * broker rejects timestamps more than an hour ahead of its own clock ({@code log.message.timestamp.after.max.ms},
 * 3600000 by default in Kafka 4), so a simulated future would be lost at the broker.
 *
 * <p>It is also monotonic: if the real clock steps back, simulated time stands still until it has caught up
 * again, so trade ids and trade times never go backwards.
 */
public final class SimulatedClock {

    public static final double DEFAULT_SPEED = 60;
    /** How far in the past the default simulation starts. */
    public static final Duration DEFAULT_HEAD_START = Duration.ofHours(24);

    private final Clock real;
    /** The real time simulated time started running; null while the clock is held at its start. */
    private volatile Instant realStart;
    private final Instant start;
    private final double speed;
    private final AtomicReference<Instant> latest;

    /**
     * @param real  the wall clock
     * @param start the simulated time at this moment; not after {@code real}'s now
     * @param speed simulated seconds per real second until the simulation catches up with the wall clock
     */
    public SimulatedClock(Clock real, Instant start, double speed) {
        this(real, start, speed, true);
    }

    private SimulatedClock(Clock real, Instant start, double speed, boolean running) {
        this.real = Objects.requireNonNull(real, "real");
        this.start = Objects.requireNonNull(start, "start");
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be a positive number, was " + speed);
        }
        this.speed = speed;
        Instant realNow = real.instant();
        if (start.isAfter(realNow)) {
            throw new IllegalArgumentException("the simulation cannot start in the future: start " + start
                    + " is after the real time " + realNow);
        }
        this.realStart = running ? realNow : null;
        this.latest = new AtomicReference<>(start);
    }

    /**
     * A clock that stands at {@code start} until {@link #release()}: a simulation whose market must not move while
     * the stages that watch it are still starting (the simulator releases it when it starts serving).
     */
    public static SimulatedClock held(Clock real, Instant start, double speed) {
        return new SimulatedClock(real, start, speed, false);
    }

    /**
     * The same simulated time as a clock that started running from {@code start} at the real time {@code since}:
     * how another process follows a simulator's time, from what that simulator prints.
     */
    public static SimulatedClock runningSince(Clock real, Instant start, double speed, Instant since) {
        SimulatedClock clock = new SimulatedClock(real, start, speed, false);
        clock.realStart = Objects.requireNonNull(since, "since");
        return clock;
    }

    /** The real time simulated time started running at; null while it is held. */
    public Instant runningSince() {
        return realStart;
    }

    /**
     * {@code START,SPEED,SINCE}: how {@code rigwatch simulate} prints this clock and serves it at
     * {@link SimulatorServer#CLOCK_PATH}, and what {@link #runningSince} takes back in another process.
     *
     * @throws IllegalStateException while it is held: it has no real start yet
     */
    public String describe() {
        Instant since = realStart;
        if (since == null) {
            throw new IllegalStateException("the simulated clock is held: it has no real start yet");
        }
        return start + "," + java.math.BigDecimal.valueOf(speed).stripTrailingZeros().toPlainString() + "," + since;
    }

    /** Starts simulated time running from {@link #start()}, if it is held; does nothing when it already runs. */
    public void release() {
        if (realStart != null) {
            return; // running already: the common case, called on every request of a server that held it
        }
        synchronized (this) {
            if (realStart == null) {
                realStart = real.instant();
            }
        }
    }

    /** Starts {@value #DEFAULT_SPEED}x compressed, {@link #DEFAULT_HEAD_START} in the past. */
    public static SimulatedClock startingDayAgo(Clock real) {
        return new SimulatedClock(real, real.instant().minus(DEFAULT_HEAD_START), DEFAULT_SPEED);
    }

    public Instant now() {
        Instant runningSince = realStart;
        if (runningSince == null) {
            return start;
        }
        Instant realNow = real.instant();
        long elapsedNanos = Math.max(0, Duration.between(runningSince, realNow).toNanos());
        Instant compressed = start.plusNanos(Math.round(elapsedNanos * speed));
        Instant candidate = compressed.isAfter(realNow) ? realNow : compressed;
        return latest.accumulateAndGet(candidate, (a, b) -> a.isAfter(b) ? a : b);
    }

    public Instant start() {
        return start;
    }

    public double speed() {
        return speed;
    }

    /** The wall clock this one compresses: what lives in real time (an eBay token's expiry) reads it. */
    public Clock real() {
        return real;
    }

    /**
     * This simulated time as a {@link Clock}, for whatever observes the simulated market: a poller stamps the
     * ticks it receives with it, so a tick's receipt time lives in the same (compressed) time as the exchange's.
     */
    public Clock asClock() {
        return new SuppliedClock(this::now, "the simulated clock");
    }
}
