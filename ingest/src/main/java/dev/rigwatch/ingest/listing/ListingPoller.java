package dev.rigwatch.ingest.listing;

import dev.rigwatch.events.IngestReject;
import dev.rigwatch.events.ListingObserved;
import dev.rigwatch.events.PollCoverage;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.kafka.EventProducer;
import dev.rigwatch.ingest.FailureStreak;
import dev.rigwatch.ingest.FetchResult;
import dev.rigwatch.ingest.gpu.Classification;
import dev.rigwatch.events.gpu.GpuModel;
import dev.rigwatch.ingest.gpu.TitleNormaliser;
import dev.rigwatch.ingest.resilience.Backoff;
import dev.rigwatch.ingest.resilience.SourceCircuitBreaker;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one {@link ListingSource} on a daemon thread, round after round: a round polls each of the source's queries
 * in order, and rounds start every {@code interval} (right after the previous one when it ran longer). Each poll is
 * written to Kafka:
 * <ul>
 *   <li>each listing with a title, a positive price (and no negative shipping) in a currency {@link UsdRates} knows,
 *       that the {@link TitleNormaliser} classifies as one catalogue model: a {@link ListingObserved} to
 *       {@code gpu.listings} with its price converted to USD (the original kept), key {@code source:listing-id},
 *       record timestamp when its page arrived;</li>
 *   <li>then, once Kafka has acknowledged those listings, the poll's {@link PollCoverage} on every partition of
 *       {@code gpu.listings}, so each partition holds it after the listings it covers. It is complete only when the
 *       source says so and every listing was acknowledged: a listing Kafka did not take would otherwise look gone
 *       ({@code kafka send failed});</li>
 *   <li>every item not written (a source's {@link SkippedItem}, a listing failing the checks above, a title the
 *       classifier rejects): counted by reason, and an {@link IngestReject} with the item as its body (and its URL,
 *       or {@code source:query} when it has none), but once per listing id and reason per process (the last
 *       {@value #REMEMBERED_REJECTS} remembered), so a want-to-buy post seen on every poll does not flood
 *       {@code ingest.rejects}; items without an id go every time. The first item of each reason is logged with an
 *       example, and each round logs one line with its counts;</li>
 *   <li>a poll that failed ({@link SourcePoll#failure()}) or threw: an {@link IngestReject} every time, logged when a
 *       streak of failures starts, changes cause or ends (an exception with its stack). The next poll waits a
 *       backoff: 1 s (or the interval, when shorter) doubling with ±50 % jitter up to the interval, or the
 *       source's {@code Retry-After} (429, 418) when that is longer. Failures that say the source is unwell (no
 *       answer, 5xx, 429, a body that is not the API's, an exception) feed its {@link SourceCircuitBreaker}: while
 *       open, queries are skipped.</li>
 * </ul>
 * A failed Kafka send is counted and logged once per streak, never thrown; a reject whose send failed is sent again
 * when the item is seen again.
 *
 * <p>Meters, all tagged {@code source}: {@code rigwatch.listings.observed} (listings Kafka acknowledged),
 * {@code rigwatch.listings.skipped} (tagged {@code reason}), {@code rigwatch.listing.polls} (tagged {@code outcome}:
 * {@code complete}, {@code incomplete}, {@code failed}), {@code rigwatch.listing.rejects} (rejects Kafka
 * acknowledged), {@code rigwatch.listing.sends.failed} (tagged {@code topic}); the circuit breaker adds
 * {@code polls.skipped.circuit-open} and {@code circuit.state}.
 *
 * <p>The {@link EventProducer} belongs to the caller: close this poller first, then the producer.
 */
public final class ListingPoller implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ListingPoller.class);

    /** How long {@link #close()} lets the poll in progress (maybe several pages) finish before interrupting it. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);
    private static final Duration CLOSE_MARGIN = Duration.ofSeconds(1);
    /** How long a poll waits for Kafka to acknowledge its listings: beyond the producer's delivery timeout (2 min). */
    private static final Duration ACK_WAIT = Duration.ofMinutes(3);
    /** The pause after a first failed poll, when the interval is longer. */
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    /** (listing id, reason) pairs already in {@code ingest.rejects}: about 100 bytes each. */
    static final int REMEMBERED_REJECTS = 100_000;

    private static final String NO_TITLE = "no-title";
    private static final String INVALID_PRICE = "invalid-price";
    private static final String UNKNOWN_CURRENCY = "unknown-currency";
    /** A source that threw rather than returning its fault in the {@link SourcePoll}. */
    private static final String SOURCE_ERROR = "source-error";
    private static final String KAFKA_SEND_FAILED = "kafka send failed";
    private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");

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

    /** One listing id rejected for one reason. */
    private record RejectedItem(String listingId, String reason) {
    }

    private final ListingSource source;
    private final Duration interval;
    private final TitleNormaliser normaliser;
    private final UsdRates rates;
    private final EventProducer producer;
    private final MeterRegistry registry;
    private final Clock clock;
    private final SourceCircuitBreaker breaker;
    private final Backoff backoff;
    private final LongAdder listingsSent = new LongAdder();
    private final LongAdder rejectsSent = new LongAdder();
    private final LongAdder listingSendsFailed = new LongAdder();
    private final LongAdder rejectSendsFailed = new LongAdder();
    private final Map<String, LongAdder> skipped = new ConcurrentHashMap<>();
    private final Map<Outcome, LongAdder> polls = new EnumMap<>(Outcome.class);
    private final Map<RejectedItem, Boolean> rejected = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<RejectedItem, Boolean> eldest) {
                    return size() > REMEMBERED_REJECTS;
                }
            });
    private final FailureStreak pollFailures = new FailureStreak();
    private final FailureStreak sendFailures = new FailureStreak();
    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile Instant lastPollAt;

    // the poll thread's own state
    private final Set<String> skipReasonsLogged = new HashSet<>();
    private int consecutiveFailures;
    private Instant notBefore = Instant.MIN;

    private Thread thread;
    private boolean closed;

    /**
     * @param source     the marketplace to poll
     * @param interval   how often a round of its queries starts; at least 1 ms
     * @param normaliser classifies titles as catalogue models
     * @param rates      converts prices to USD; a listing in another currency is skipped
     * @param producer   where listings, coverage and rejects go; owned by the caller
     * @param registry   where the meters are registered
     * @param wallClock  schedules rounds and backoff, times the circuit breaker, stamps failures of a source that threw
     */
    public ListingPoller(ListingSource source, Duration interval, TitleNormaliser normaliser, UsdRates rates,
                         EventProducer producer, MeterRegistry registry, Clock wallClock) {
        this.source = Objects.requireNonNull(source, "source");
        this.interval = Objects.requireNonNull(interval, "interval");
        if (interval.toMillis() < 1) {
            throw new IllegalArgumentException("the polling interval of " + source.id() + " must be at least 1 ms, was "
                    + interval);
        }
        this.normaliser = Objects.requireNonNull(normaliser, "normaliser");
        this.rates = Objects.requireNonNull(rates, "rates");
        this.producer = Objects.requireNonNull(producer, "producer");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = Objects.requireNonNull(wallClock, "wallClock");
        this.breaker = new SourceCircuitBreaker(source.id(), SourceCircuitBreaker.Settings.defaults(), registry, wallClock);
        Duration firstPause = interval.compareTo(FIRST_BACKOFF) < 0 ? interval : FIRST_BACKOFF;
        this.backoff = new Backoff(new Backoff.Settings(firstPause, Backoff.Settings.DEFAULT_MULTIPLIER,
                Backoff.Settings.DEFAULT_RANDOMIZATION_FACTOR, interval));
        String src = source.id();
        counter("rigwatch.listings.observed", listingsSent, "listings Kafka acknowledged", "source", src);
        counter("rigwatch.listing.rejects", rejectsSent, "rejects Kafka acknowledged", "source", src);
        counter("rigwatch.listing.sends.failed", listingSendsFailed, "records Kafka did not accept", "source", src,
                "topic", Topics.GPU_LISTINGS.name());
        counter("rigwatch.listing.sends.failed", rejectSendsFailed, "records Kafka did not accept", "source", src,
                "topic", Topics.INGEST_REJECTS.name());
        for (Outcome outcome : Outcome.values()) {
            LongAdder count = new LongAdder();
            polls.put(outcome, count);
            counter("rigwatch.listing.polls", count, "polls made, by how they ended", "source", src,
                    "outcome", outcome.tag());
        }
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
        log.info("Polling {} listings every {}, prices converted to USD at {}", source.id(), interval, rates);
    }

    public String sourceId() {
        return source.id();
    }

    public Stats stats() {
        Map<String, Long> skippedByReason = new TreeMap<>();
        skipped.forEach((reason, count) -> skippedByReason.put(reason, count.sum()));
        Map<Outcome, Long> pollsByOutcome = new EnumMap<>(Outcome.class);
        polls.forEach((outcome, count) -> pollsByOutcome.put(outcome, count.sum()));
        return new Stats(listingsSent.sum(), Collections.unmodifiableMap(skippedByReason),
                Collections.unmodifiableMap(pollsByOutcome), rejectsSent.sum(),
                listingSendsFailed.sum() + rejectSendsFailed.sum(), lastPollAt);
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
        Round round = new Round(queries.size());
        for (String query : queries) {
            if (!sleepUntil(notBefore)) {
                break;
            }
            pollQuery(query, round);
        }
        round.report();
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

    private void pollQuery(String query, Round round) {
        if (!breaker.tryAcquire()) {
            round.skippedWhileOpen++;
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
        polls.get(outcome).increment();
        round.polls.merge(outcome, 1, Integer::sum);
        lastPollAt = clock.instant();
    }

    /** Writes a poll's listings, rejects and coverage; returns how it ended. */
    private Outcome write(String query, SourcePoll poll, Round round) {
        String pollId = source.id() + ":" + query + "@" + poll.startedAt();
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        int skippedItems = 0;
        for (SourceListing listing : poll.listings()) {
            String currency = listing.currency().strip().toUpperCase(Locale.ROOT);
            SkippedItem invalid = invalid(listing, currency);
            Classification classification = invalid == null ? normaliser.classify(listing.title()) : null;
            if (invalid == null && classification.rejectReason() != null) {
                invalid = skippedItem(listing, classification.rejectReason(),
                        "title classified as " + classification.rejectReason() + ": " + listing.title());
            }
            if (invalid != null) {
                skip(invalid, query, round);
                skippedItems++;
                continue;
            }
            ListingObserved observed = observed(listing, currency, classification, query, pollId);
            sends.add(send(Topics.GPU_LISTINGS, observed.key(), observed, observed.eventTime(), listingsSent::increment,
                    listingSendsFailed, () -> { }));
        }
        for (SkippedItem item : poll.skipped()) {
            skip(item, query, round);
            skippedItems++;
        }
        int written = acknowledged(sends);
        round.listings += written;
        boolean allWritten = written == sends.size();
        if (!allWritten) {
            round.notAllWritten++;
        }
        boolean complete = poll.complete() && allWritten;
        String incompleteReason = poll.complete() ? (allWritten ? null : KAFKA_SEND_FAILED)
                : (allWritten ? poll.incompleteReason() : poll.incompleteReason() + "; " + KAFKA_SEND_FAILED);
        PollCoverage coverage = new PollCoverage(PollCoverage.VERSION, source.id(), query, pollId, poll.startedAt(),
                poll.finishedAt(), poll.pages(), written, skippedItems, complete, poll.coveredFrom(), incompleteReason);
        sendCoverage(coverage);

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

    /** Why a listing cannot be written whatever its title says, or null when it can. */
    private SkippedItem invalid(SourceListing listing, String currency) {
        if (listing.title().isBlank()) {
            return skippedItem(listing, NO_TITLE, "the listing has no title");
        }
        if (listing.price().signum() <= 0) {
            return skippedItem(listing, INVALID_PRICE, "price " + listing.price() + " is not positive");
        }
        if (listing.shipping() != null && listing.shipping().signum() < 0) {
            return skippedItem(listing, INVALID_PRICE, "shipping " + listing.shipping() + " is negative");
        }
        if (!CURRENCY_CODE.matcher(currency).matches()) {
            return skippedItem(listing, UNKNOWN_CURRENCY, "currency \"" + listing.currency()
                    + "\" is not an ISO 4217 code");
        }
        if (rates.rate(currency).isEmpty()) {
            return skippedItem(listing, UNKNOWN_CURRENCY, "no USD rate is configured for " + currency + " (known: "
                    + String.join(", ", rates.rates().keySet()) + ")");
        }
        return null;
    }

    private String family(String model) {
        return normaliser.catalogue().find(model).map(GpuModel::family).orElseThrow(
                () -> new IllegalStateException("the normaliser named " + model + ", which its catalogue lacks"));
    }

    private static SkippedItem skippedItem(SourceListing listing, String reason, String detail) {
        return new SkippedItem(listing.listingId(), reason, detail, listing.url(), listing.raw(), listing.observedAt());
    }

    private ListingObserved observed(SourceListing listing, String currency, Classification classification,
                                     String query, String pollId) {
        BigDecimal rate = rates.rate(currency).orElseThrow();
        return new ListingObserved(ListingObserved.VERSION, source.id(), listing.listingId(), query, pollId,
                listing.title(), classification.model(), family(classification.model()),
                classification.confidence(), listing.condition(), listing.auction(), listing.price(), currency,
                listing.shipping(), rate, UsdRates.toUsd(listing.price(), rate),
                listing.shipping() == null ? null : UsdRates.toUsd(listing.shipping(), rate), listing.seller(),
                listing.location(), listing.url(), listing.listedAt(), listing.observedAt());
    }

    /** Counts an item not written and rejects it, unless this listing was already rejected for this reason. */
    private void skip(SkippedItem item, String query, Round round) {
        String url = item.url() == null ? polled(query) : item.url();
        skippedCounter(item.reason()).increment();
        round.skipped.merge(item.reason(), 1, Integer::sum);
        if (skipReasonsLogged.add(item.reason())) {
            log.info("{} skipped an item as {}: {} ({}); such items are counted in each round's line and written to "
                    + "{} once per listing", source.id(), item.reason(), item.detail(), url, Topics.INGEST_REJECTS);
        }
        IngestReject reject = IngestReject.of(source.id(), url, null, item.reason(), item.detail(), item.raw(),
                item.observedAt());
        if (item.listingId() == null) {
            sendReject(reject, () -> { });
            return;
        }
        RejectedItem key = new RejectedItem(item.listingId(), item.reason());
        if (rejected.putIfAbsent(key, Boolean.TRUE) == null) {
            // forget it, so that the next poll seeing the item rejects it again
            sendReject(reject, () -> rejected.remove(key));
        }
    }

    private LongAdder skippedCounter(String reason) {
        return skipped.computeIfAbsent(reason, r -> {
            LongAdder count = new LongAdder();
            counter("rigwatch.listings.skipped", count, "items seen but not written, by reason", "source", source.id(),
                    "reason", r);
            return count;
        });
    }

    private void onFailure(String query, FetchResult.Failure failure) {
        String cause = failure.httpStatus() == null ? failure.reason().code()
                : failure.reason().code() + " (HTTP " + failure.httpStatus() + ")";
        FailureStreak.Ended ended = pollFailures.failed(cause);
        if (ended != null) {
            log.warn("{} listing poll of \"{}\" failed: {}: {} ({}); {}", source.id(), query, failure.reason().code(),
                    failure.detail(), failure.url(), ended.any() ? "this ends " + ended
                            : "repeats are counted, and logged when the cause changes or clears");
        }
        sendReject(failure.toReject(source.id()), () -> { });
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
        sendReject(IngestReject.of(source.id(), polled(query), null, SOURCE_ERROR,
                "poll of \"" + query + "\" threw " + e, null, clock.instant()), () -> { });
        backOff(null);
        return Outcome.FAILED;
    }

    /**
     * What a reject names as its URL when no request URL is known (a source that threw, an item without one):
     * {@code source:query}, as the coverage key. Readers of {@code ingest.rejects} rely on every reject having one.
     */
    private String polled(String query) {
        return source.id() + ":" + query;
    }

    private void backOff(Duration retryAfter) {
        notBefore = clock.instant().plus(backoff.next(++consecutiveFailures, retryAfter));
    }

    /**
     * Waits for Kafka to acknowledge the poll's listings; returns how many it did. One it refused was counted and
     * logged by its callback; one not acknowledged in time, or when close interrupts, counts as not written.
     */
    private int acknowledged(List<Future<RecordMetadata>> sends) {
        long deadline = System.nanoTime() + ACK_WAIT.toNanos();
        int acknowledged = 0;
        for (Future<RecordMetadata> send : sends) {
            try {
                send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged++;
            } catch (ExecutionException e) {
                // refused: counted and logged by the send's callback
            } catch (TimeoutException e) {
                log.warn("Kafka did not acknowledge a {} listing within {}", source.id(), ACK_WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return acknowledged;
    }

    private void sendCoverage(PollCoverage coverage) {
        Callback callback = callback(Topics.GPU_LISTINGS, coverage.key(), () -> { }, listingSendsFailed, () -> { });
        try {
            producer.sendToEveryPartition(Topics.GPU_LISTINGS, coverage.key(), coverage,
                    coverage.eventTime(), callback);
        } catch (RuntimeException e) {
            // the partitions could not be looked up, or the producer refused before queueing
            callback.onCompletion(null, e);
        }
    }

    private void sendReject(IngestReject reject, Runnable onFailure) {
        send(Topics.INGEST_REJECTS, reject.source(), reject, reject.observedTime(), rejectsSent::increment,
                rejectSendsFailed, onFailure);
    }

    private <V> Future<RecordMetadata> send(Topic<String, V> topic, String key, V value, Instant eventTime,
                                            Runnable onAcknowledged, LongAdder failed, Runnable onFailure) {
        Callback callback = callback(topic, key, onAcknowledged, failed, onFailure);
        try {
            return producer.send(topic, key, value, eventTime, callback);
        } catch (RuntimeException e) {
            // the producer throws (rather than calling back) for errors before the record is queued
            callback.onCompletion(null, e);
            return CompletableFuture.failedFuture(e);
        }
    }

    private Callback callback(Topic<?, ?> topic, String key, Runnable onAcknowledged, LongAdder failed,
                              Runnable onFailure) {
        return (metadata, error) -> {
            if (error == null) {
                onAcknowledged.run();
                FailureStreak.Ended ended = sendFailures.succeeded();
                if (ended.any()) {
                    log.info("Kafka sends of {} listings recovered after {}", source.id(), ended);
                }
                return;
            }
            failed.increment();
            onFailure.run();
            FailureStreak.Ended ended = sendFailures.failed(error.getClass().getName());
            if (ended != null) {
                log.warn("Kafka did not accept a {} record for {} (key {}): {}; {}", source.id(), topic, key,
                        error.toString(), ended.any() ? "this ends " + ended
                                : "repeats are counted, and logged when the cause changes or clears");
            }
        };
    }

    private void counter(String name, LongAdder count, String description, String... tags) {
        FunctionCounter.builder(name, count, LongAdder::sum)
                .description(description)
                .tags(tags)
                .register(registry);
    }

    /** What one round did, for its log line; used by the poll thread only. */
    private final class Round {
        private final int queries;
        private final Map<Outcome, Integer> polls = new EnumMap<>(Outcome.class);
        private final Map<String, Integer> skipped = new TreeMap<>();
        private int skippedWhileOpen;
        private int listings;
        private int notAllWritten;

        Round(int queries) {
            this.queries = queries;
        }

        void report() {
            StringBuilder line = new StringBuilder();
            polls.forEach((outcome, count) -> line.append(line.isEmpty() ? "" : ", ").append(count).append(' ')
                    .append(outcome.tag()));
            if (skippedWhileOpen > 0) {
                line.append(line.isEmpty() ? "" : ", ").append(skippedWhileOpen)
                        .append(" skipped while the circuit was open");
            }
            line.append("; ").append(listings).append(" listings written");
            if (notAllWritten > 0) {
                line.append(" (").append(notAllWritten).append(" polls incomplete as Kafka did not take every listing)");
            }
            if (!skipped.isEmpty()) {
                line.append("; ").append(skipped.values().stream().mapToInt(Integer::intValue).sum())
                        .append(" items skipped ").append(skipped);
            }
            log.info("{} round of {} queries: {}", source.id(), queries, line);
        }
    }
}
