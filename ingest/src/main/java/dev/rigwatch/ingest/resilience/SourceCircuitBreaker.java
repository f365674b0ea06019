package dev.rigwatch.ingest.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops polling a source (an exchange, shared by all its products) while most of its recent polls fail, and
 * probes it again after a while: a Resilience4j {@link CircuitBreaker} over a count-based window of polls.
 * <ul>
 *   <li>CLOSED: every poll goes ahead. Once at least {@code minimumPolls} of the last {@code window} polls are
 *       recorded and {@code failureRatePercent} or more of them failed, it opens.</li>
 *   <li>OPEN: {@link #tryAcquire()} says no, and the poll is skipped and counted, for {@code openWait}.</li>
 *   <li>HALF_OPEN: the first {@code tryAcquire()} after the wait lets {@code halfOpenPolls} polls through as
 *       probes (and skips the rest); when all have reported, it closes if fewer than {@code failureRatePercent}
 *       failed, else opens again.</li>
 * </ul>
 * Contract: every {@code tryAcquire()} that returned true is followed by exactly one {@link #onSuccess} or
 * {@link #onFailure} (use {@code finally}); a probe that never reports keeps the circuit half-open for good.
 * Report what says whether the source is up: a response that is a failure only for one product (a 404 for an
 * unknown product, a price that fails validation) is a success of the source.
 *
 * <p>Each state change is logged once, when it happens. Meters, tagged {@code source}: counter
 * {@code polls.skipped.circuit-open}; gauge {@code circuit.state}, tagged {@code state} ({@code closed},
 * {@code open}, {@code half-open}), 1 for the current state and 0 for the others. Thread-safe.
 */
public final class SourceCircuitBreaker {

    private static final Logger log = LoggerFactory.getLogger(SourceCircuitBreaker.class);

    /**
     * @param window             how many of the latest polls the failure rate is computed over
     * @param minimumPolls       how many polls the window must hold before the rate can open the circuit
     * @param failureRatePercent the failure rate, in percent, at or above which the circuit opens
     * @param openWait           how long an open circuit skips polls before probing
     * @param halfOpenPolls      how many probe polls decide between closing and opening again
     */
    public record Settings(int window, int minimumPolls, double failureRatePercent, Duration openWait,
                           int halfOpenPolls) {

        public static final int DEFAULT_WINDOW = 20;
        public static final int DEFAULT_MINIMUM_POLLS = 10;
        public static final double DEFAULT_FAILURE_RATE_PERCENT = 50;
        public static final Duration DEFAULT_OPEN_WAIT = Duration.ofSeconds(30);
        public static final int DEFAULT_HALF_OPEN_POLLS = 3;

        public Settings {
            Objects.requireNonNull(openWait, "openWait");
            if (window < 1) {
                throw new IllegalArgumentException("window must be at least 1 poll, was " + window);
            }
            if (minimumPolls < 1 || minimumPolls > window) {
                throw new IllegalArgumentException("minimum polls must be between 1 and the window (" + window
                        + "), was " + minimumPolls);
            }
            if (!(failureRatePercent > 0 && failureRatePercent <= 100)) {
                throw new IllegalArgumentException("failure rate must be above 0 and at most 100 %, was "
                        + failureRatePercent);
            }
            if (openWait.isNegative() || openWait.isZero()) {
                throw new IllegalArgumentException("open wait must be positive, was " + openWait);
            }
            if (halfOpenPolls < 1) {
                throw new IllegalArgumentException("half-open polls must be at least 1, was " + halfOpenPolls);
            }
        }

        /** The last 20 polls, at least 10 of them, 50 % failed; skip 30 s, then probe with 3 polls. */
        public static Settings defaults() {
            return new Settings(DEFAULT_WINDOW, DEFAULT_MINIMUM_POLLS, DEFAULT_FAILURE_RATE_PERCENT,
                    DEFAULT_OPEN_WAIT, DEFAULT_HALF_OPEN_POLLS);
        }

        public Settings withOpenWait(Duration wait) {
            return new Settings(window, minimumPolls, failureRatePercent, wait, halfOpenPolls);
        }
    }

    private final String source;
    private final Settings settings;
    private final CircuitBreaker breaker;
    private final Counter skipped;
    private final AtomicReference<String> latestFailure = new AtomicReference<>();

    /**
     * @param source   the source id, e.g. {@code coinbase}: the circuit's name and the meters' tag
     * @param settings window, thresholds and waits
     * @param registry where the meters are registered
     * @param clock    times the open wait
     */
    public SourceCircuitBreaker(String source, Settings settings, MeterRegistry registry, Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.breaker = CircuitBreaker.of(source, CircuitBreakerConfig.custom()
                .slidingWindow(settings.window(), settings.minimumPolls(), SlidingWindowType.COUNT_BASED)
                .failureRateThreshold((float) settings.failureRatePercent())
                .waitDurationInOpenState(settings.openWait())
                .permittedNumberOfCallsInHalfOpenState(settings.halfOpenPolls())
                // no stack traces: a failed poll is an expected outcome, not a bug
                .writableStackTraceEnabled(false)
                .clock(clock)
                .build());
        this.skipped = Counter.builder("polls.skipped.circuit-open")
                .description("Polls not made because the source's circuit was open")
                .tag("source", source)
                .register(registry);
        for (CircuitBreaker.State state : new CircuitBreaker.State[] {
                CircuitBreaker.State.CLOSED, CircuitBreaker.State.OPEN, CircuitBreaker.State.HALF_OPEN}) {
            Gauge.builder("circuit.state", breaker, b -> b.getState() == state ? 1 : 0)
                    .description("1 when the source's circuit is in this state, else 0")
                    .tag("source", source)
                    .tag("state", stateTag(state))
                    .strongReference(true)
                    .register(registry);
        }
        breaker.getEventPublisher().onStateTransition(this::logTransition);
    }

    /**
     * Asks whether to poll now. False while the circuit is open (and for polls beyond the probes while it is
     * half-open): skip the poll; it is counted as {@code polls.skipped.circuit-open}.
     */
    public boolean tryAcquire() {
        if (breaker.tryAcquirePermission()) {
            return true;
        }
        skipped.increment();
        return false;
    }

    /** The poll got an answer from the source; {@code elapsed} is how long it took. */
    public void onSuccess(Duration elapsed) {
        breaker.onSuccess(elapsed.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * The poll failed in a way that says the source is unwell: no answer, a timeout, a 5xx, a 429, a body that
     * is not the API's.
     *
     * @param reason the failure's reason code, e.g. {@code http-5xx}; named in the log line when it opens
     */
    public void onFailure(Duration elapsed, String reason) {
        latestFailure.set(reason);
        breaker.onError(elapsed.toNanos(), TimeUnit.NANOSECONDS, new PollFailed(reason));
    }

    public CircuitBreaker.State state() {
        return breaker.getState();
    }

    private void logTransition(CircuitBreakerOnStateTransitionEvent event) {
        CircuitBreaker.Metrics metrics = breaker.getMetrics();
        String rate = String.format(Locale.ROOT, "%.0f %%", metrics.getFailureRate());
        switch (event.getStateTransition()) {
            case CLOSED_TO_OPEN -> log.warn("Circuit for {} opened: {} of the last {} polls failed (latest: {}); "
                            + "skipping its polls for {}, then probing with {}", source, rate,
                    metrics.getNumberOfBufferedCalls(), latestFailure.get(), settings.openWait(),
                    settings.halfOpenPolls());
            case HALF_OPEN_TO_OPEN -> log.warn("Circuit for {} opened again: {} of {} probe polls failed (latest: {}); "
                            + "skipping its polls for {}", source, rate, metrics.getNumberOfBufferedCalls(),
                    latestFailure.get(), settings.openWait());
            case OPEN_TO_HALF_OPEN -> log.info("Circuit for {} half-open: probing with {} polls", source,
                    settings.halfOpenPolls());
            case HALF_OPEN_TO_CLOSED -> log.info("Circuit for {} closed: the source answered its probe polls; "
                    + "polling resumes", source);
            default -> {
                // the other transitions (disabled, forced, metrics-only) need calls this class never makes
            }
        }
    }

    private static String stateTag(CircuitBreaker.State state) {
        return state.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** What Resilience4j records for a failed poll. */
    private static final class PollFailed extends Exception {
        PollFailed(String reason) {
            super(reason, null, false, false);
        }
    }
}
