package dev.rigwatch.ingest.listing;

import dev.rigwatch.events.IngestReject;
import dev.rigwatch.events.kafka.EventProducer;
import dev.rigwatch.ingest.CountedSender;
import dev.rigwatch.ingest.FailureStreak;
import dev.rigwatch.ingest.FetchResult;
import dev.rigwatch.ingest.gpu.TitleNormaliser;
import dev.rigwatch.ingest.resilience.Backoff;
import dev.rigwatch.ingest.resilience.SourceCircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one {@link ListingSource} on a daemon thread, round after round: a round polls each of the source's queries
 * in order, and rounds start every {@code interval} (right after the previous one when it ran longer). Each poll is
 * written by a {@link ListingPollWriter}: admitted listings, then the poll's coverage, and a reject for every item
 * not written. A poll that failed or threw is rejected every time, logged once per streak of one cause, and backs
 * off (1 s doubling with jitter up to the interval, or the source's {@code Retry-After}); failures that say the
 * source is unwell feed its {@link SourceCircuitBreaker}. Meters and details: {@code docs/SOURCES.md}.
 *
 * <p>The {@link EventProducer} belongs to the caller: close this poller first, then the producer.
 */
public final class ListingPoller implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ListingPoller.class);

    /** How long {@link #close()} lets the poll in progress (maybe several pages) finish before interrupting it. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);
    private static final Duration CLOSE_MARGIN = Duration.ofSeconds(1);
    /** The pause after a first failed poll, when the interval is longer. */
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    /** (listing id, reason) pairs already in {@code ingest.rejects}: about 100 bytes each. */
    static final int REMEMBERED_REJECTS = 100_000;

    /** A source that threw rather than returning its fault in the {@link SourcePoll}. */
    private static final String SOURCE_ERROR = "source-error";
    /** How a poll ended, the {@code outcome} tag of {@code rigwatch.listing.polls}. */
    public enum Outcome {
        /** Every page read and every listing written: the coverage proves what the poll did not see is gone. */
        COMPLETE,
        /** Listings written, but not all of the query's (a page cap, a listing Kafka did not take). */
        INCOMPLETE,
        /** A request failed or the source threw: rejected and backed off. */
        FAILED;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Counts so far, for progress lines.
     *
     * @param listingsSent    listings Kafka acknowledged
     * @param skippedByReason items not written, by reason code
     * @param pollsByOutcome  polls made, by how they ended
     * @param rejectsSent     rejects Kafka acknowledged
     * @param sendsFailed     records (listings, coverage copies, rejects) Kafka did not accept
     * @param lastPollAt      when the latest poll ended, or null before the first
     */
    public record Stats(long listingsSent, Map<String, Long> skippedByReason, Map<Outcome, Long> pollsByOutcome,
                        long rejectsSent, long sendsFailed, Instant lastPollAt) {

        /** Items not written, all reasons. */
        public long skipped() {
            return skippedByReason.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final ListingSource source;
    private final Duration interval;
    private final ListingIntake intake;
    private final ListingMeters meters;
    private final ListingPollWriter writer;
    private final Clock clock;
    private final SourceCircuitBreaker breaker;
    private final Backoff backoff;
    private final FailureStreak pollFailures = new FailureStreak();
    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile Instant lastPollAt;

    // the poll thread's own state
    private int consecutiveFailures;
    private Instant notBefore = Instant.MIN;

    private Thread thread;
    private boolean closed;

    /**
     * @param source     the marketplace to poll
     * @param interval   how often a round of its queries starts; at least 1 ms
     * @param normaliser classifies titles as catalogue models
     * @param rates      converts prices to USD; a listing in another currency is skipped
     * @param floor      a listing priced below this share of its model's launch MSRP is skipped
     * @param producer   where listings, coverage and rejects go; owned by the caller
     * @param registry   where the meters are registered
     * @param wallClock  schedules rounds and backoff, times the circuit breaker, stamps failures of a source that threw
     */
    public ListingPoller(ListingSource source, Duration interval, TitleNormaliser normaliser, UsdRates rates,
                         MsrpFloor floor, EventProducer producer, MeterRegistry registry, Clock wallClock) {
        this.source = Objects.requireNonNull(source, "source");
        this.interval = Objects.requireNonNull(interval, "interval");
        if (interval.toMillis() < 1) {
            throw new IllegalArgumentException("the polling interval of " + source.id() + " must be at least 1 ms, was "
                    + interval);
        }
        this.intake = new ListingIntake(normaliser, rates, floor);
        this.meters = new ListingMeters(registry, source.id());
        this.writer = new ListingPollWriter(source.id(), intake,
                new CountedSender(Objects.requireNonNull(producer, "producer"), source.id()), meters,
                REMEMBERED_REJECTS);
        this.clock = Objects.requireNonNull(wallClock, "wallClock");
        this.breaker = new SourceCircuitBreaker(source.id(), SourceCircuitBreaker.Settings.defaults(), registry, wallClock);
        Duration firstPause = interval.compareTo(FIRST_BACKOFF) < 0 ? interval : FIRST_BACKOFF;
        this.backoff = new Backoff(new Backoff.Settings(firstPause, Backoff.Settings.DEFAULT_MULTIPLIER,
                Backoff.Settings.DEFAULT_RANDOMIZATION_FACTOR, interval));
    }

    /** Starts the first round now. */
    public synchronized void start() {
        if (closed || thread != null) {
            throw new IllegalStateException("the " + source.id() + " listing poller was already "
                    + (closed ? "closed" : "started"));
        }
        thread = new Thread(this::pollRounds, "listings-" + source.id());
        thread.setDaemon(true);
        // an Error ends the thread: say so, rather than leave only a trace on stderr
        thread.setUncaughtExceptionHandler((t, e) -> log.error("Polling of {} listings stopped", source.id(), e));
        thread.start();
        log.info("Polling {} listings every {}, prices converted to USD at {}, none below {}", source.id(), interval,
                intake.rates(), intake.floor());
    }

    public String sourceId() {
        return source.id();
    }

    public Stats stats() {
        return meters.stats(lastPollAt);
    }

    /**
     * Stops polling: the poll in progress finishes and is written (waited for up to 30 s, then interrupted), no
     * further poll starts. Does not flush or close the producer, which belongs to the caller.
     */
    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = thread;
        }
        stop.countDown();
        if (running == null) {
            return;
        }
        try {
            running.join(CLOSE_WAIT.toMillis());
            if (running.isAlive()) {
                log.warn("The {} listing poll in progress did not finish within {}; interrupting it", source.id(),
                        CLOSE_WAIT);
                running.interrupt();
                running.join(CLOSE_MARGIN.toMillis());
                if (running.isAlive()) {
                    log.warn("The {} listing poll is still running after close; its thread is a daemon and will not "
                            + "block exit", source.id());
                }
            }
        } catch (InterruptedException e) {
            running.interrupt();
            Thread.currentThread().interrupt();
        }
        log.info("Stopped polling {} listings: {}", source.id(), stats());
    }

    private void pollRounds() {
        Instant nextRound = clock.instant();
        while (sleepUntil(nextRound)) {
            nextRound = clock.instant().plus(interval);
            try {
                pollRound();
            } catch (RuntimeException e) {
                // an exception would silently end polling: log it and start the next round
                log.error("Unexpected error in a round of {} listing polls; polling continues", source.id(), e);
            }
        }
    }

    private void pollRound() {
        List<String> queries = source.queries();
        ListingRound round = new ListingRound(source.id(), queries.size());
        for (String query : queries) {
            if (!sleepUntil(notBefore)) {
                break;
            }
            pollQuery(query, round);
        }
        round.report(log);
    }

    /** Waits until {@code time} on the wall clock; false when the poller is closing. */
    private boolean sleepUntil(Instant time) {
        Duration wait = Duration.between(clock.instant(), time);
        try {
            if (wait.isNegative() || wait.isZero()) {
                return stop.getCount() > 0 && !Thread.currentThread().isInterrupted();
            }
            return !stop.await(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void pollQuery(String query, ListingRound round) {
        if (!breaker.tryAcquire()) {
            round.skippedWhileOpen();
            return;
        }
        long started = System.nanoTime();
        SourcePoll poll = null;
        RuntimeException thrown = null;
        try {
            poll = Objects.requireNonNull(source.poll(query), "the source returned no poll");
        } catch (RuntimeException e) {
            thrown = e;
        } finally {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            if (poll == null) {
                breaker.onFailure(elapsed, SOURCE_ERROR);
            } else if (poll.failure() != null && poll.failure().reason().saysSourceIsUnwell()) {
                breaker.onFailure(elapsed, poll.failure().reason().code());
            } else {
                breaker.onSuccess(elapsed);
            }
        }
        Outcome outcome = thrown == null ? write(query, poll, round) : onThrown(query, thrown);
        meters.polled(outcome);
        round.polled(outcome);
        lastPollAt = clock.instant();
    }

    /** Writes a poll's listings, rejects and coverage; returns how it ended. */
    private Outcome write(String query, SourcePoll poll, ListingRound round) {
        boolean complete = writer.write(query, poll, round);
        FetchResult.Failure failure = poll.failure();
        if (failure != null) {
            onFailure(query, failure);
            return Outcome.FAILED;
        }
        consecutiveFailures = 0;
        FailureStreak.Ended ended = pollFailures.succeeded();
        if (ended.any()) {
            log.info("{} listing polls recovered after {}", source.id(), ended);
        }
        return complete ? Outcome.COMPLETE : Outcome.INCOMPLETE;
    }

    private void onFailure(String query, FetchResult.Failure failure) {
        String cause = failure.httpStatus() == null ? failure.reason().code()
                : failure.reason().code() + " (HTTP " + failure.httpStatus() + ")";
        FailureStreak.Ended ended = pollFailures.failed(cause);
        if (ended != null) {
            log.warn("{} listing poll of \"{}\" failed: {}: {} ({}); {}", source.id(), query, failure.reason().code(),
                    failure.detail(), failure.url(), ended.logSuffix());
        }
        writer.reject(failure.toReject(source.id()));
        backOff(failure.retryAfter());
    }

    /** A source that threw: a failed poll, so a bug in one source's parsing never ends its polling. */
    private Outcome onThrown(String query, RuntimeException e) {
        FailureStreak.Ended ended = pollFailures.failed(SOURCE_ERROR + " " + e.getClass().getName());
        if (ended != null) {
            log.error("{} listing poll of \"{}\" threw; it counts as a failed poll, polling continues, and repeats "
                    + "are logged when the cause changes or clears{}", source.id(), query,
                    ended.any() ? "; this ends " + ended : "", e);
        }
        writer.reject(IngestReject.of(source.id(), writer.polled(query), null, SOURCE_ERROR,
                "poll of \"" + query + "\" threw " + e, null, clock.instant()));
        backOff(null);
        return Outcome.FAILED;
    }

    private void backOff(Duration retryAfter) {
        notBefore = clock.instant().plus(backoff.next(++consecutiveFailures, retryAfter));
    }
}
