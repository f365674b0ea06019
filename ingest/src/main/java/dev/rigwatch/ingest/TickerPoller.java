package dev.rigwatch.ingest;

import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.IngestReject;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.kafka.EventProducer;
import dev.rigwatch.ingest.exchange.ExchangeAdapter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one exchange's ticker for each configured symbol, each on its own schedule so that one symbol's
 * failures or slow responses never hold up the others, and writes every outcome to Kafka:
 * <ul>
 *   <li>a new trade: a {@link CryptoTick} to {@code crypto.ticks}, stamped with its event time;</li>
 *   <li>the trade last sent for that symbol again: nothing, counted as unchanged (a repeated poll is not a
 *       new price; a tick without a trade id is always new);</li>
 *   <li>a failure: an {@link IngestReject} to {@code ingest.rejects} keyed by source, counted by reason, and
 *       logged when a streak of failures starts, changes cause or ends, not on every poll. A failure with a
 *       {@code retryAfter} (429, 418) pauses every symbol of the exchange (rate limits are per client, not per
 *       symbol) for that long.</li>
 * </ul>
 * Failed sends to Kafka (broker down, record rejected) are counted and logged, never thrown; a tick whose send
 * failed is sent again if the next poll returns the same trade.
 *
 * <p>Meters, all tagged {@code source}: {@code ticks.produced}, {@code ticks.unchanged}, {@code ticks.send.failed},
 * {@code polls.failed} (tagged {@code reason}), {@code polls.deferred} (skipped while rate-limited),
 * {@code rejects.produced}, {@code rejects.send.failed}. "Produced" counts records the broker acknowledged.
 * The meters read this poller's own counts, so register one poller per source in a registry.
 *
 * <p>The {@link EventProducer} belongs to the caller: {@link #close()} stops polling only; flush or close the
 * producer after it.
 */
public final class TickerPoller implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TickerPoller.class);

    /** Added to the request timeouts when {@link #close()} waits for polls in flight. */
    private static final Duration CLOSE_MARGIN = Duration.ofSeconds(1);

    /**
     * Counts so far, for progress lines.
     *
     * @param pollsFailed   polls that ended in a failure, all reasons
     * @param pollsDeferred polls skipped while the source had asked us to wait (429, 418)
     */
    public record Stats(long ticksProduced, long ticksUnchanged, long pollsFailed, long pollsDeferred,
                        long rejectsProduced, long ticksSendFailed, long rejectsSendFailed) {

        /** The counts of two pollers together. */
        public Stats plus(Stats other) {
            return new Stats(ticksProduced + other.ticksProduced, ticksUnchanged + other.ticksUnchanged,
                    pollsFailed + other.pollsFailed, pollsDeferred + other.pollsDeferred,
                    rejectsProduced + other.rejectsProduced, ticksSendFailed + other.ticksSendFailed,
                    rejectsSendFailed + other.rejectsSendFailed);
        }
    }

    private final ExchangeAdapter source;
    private final ExchangeSettings settings;
    private final Duration requestTimeout;
    private final EventProducer producer;
    private final Clock clock;
    private final List<SymbolPoll> polls;

    private final LongAdder ticksProduced = new LongAdder();
    private final LongAdder ticksUnchanged = new LongAdder();
    private final LongAdder ticksSendFailed = new LongAdder();
    private final LongAdder pollsDeferred = new LongAdder();
    private final LongAdder rejectsProduced = new LongAdder();
    private final LongAdder rejectsSendFailed = new LongAdder();
    private final Map<RejectReason, LongAdder> pollsFailed = new EnumMap<>(RejectReason.class);
    private final FailureStreak sendFailures = new FailureStreak();

    /** Until when the source asked us not to poll; shared by all symbols. */
    private volatile Instant pausedUntil = Instant.MIN;
    private ScheduledExecutorService scheduler;
    private boolean closed;

    /**
     * @param source         the exchange to poll
     * @param settings       the exchange's symbols and interval
     * @param requestTimeout the longest one request can take (connect and read timeouts), for {@link #close()}
     * @param producer       where ticks and rejects go; owned by the caller
     * @param registry       where the meters are registered
     * @param clock          the wall clock, for rate-limit pauses
     */
    public TickerPoller(ExchangeAdapter source, ExchangeSettings settings, Duration requestTimeout,
                        EventProducer producer, MeterRegistry registry, Clock clock) {
        if (!source.exchange().equals(settings.exchange())) {
            throw new IllegalArgumentException("the " + source.exchange() + " adapter cannot poll the settings of "
                    + settings.exchange());
        }
        this.source = source;
        this.settings = settings;
        this.requestTimeout = requestTimeout;
        this.producer = producer;
        this.clock = clock;
        this.polls = settings.symbols().stream().map(SymbolPoll::new).toList();
        String src = source.exchange();
        counter(registry, "ticks.produced", ticksProduced, "ticks the broker acknowledged", src);
        counter(registry, "ticks.unchanged", ticksUnchanged, "polls that returned the trade already sent", src);
        counter(registry, "ticks.send.failed", ticksSendFailed, "ticks Kafka did not accept", src);
        counter(registry, "polls.deferred", pollsDeferred, "polls skipped while rate-limited", src);
        counter(registry, "rejects.produced", rejectsProduced, "rejects the broker acknowledged", src);
        counter(registry, "rejects.send.failed", rejectsSendFailed, "rejects Kafka did not accept", src);
        for (RejectReason reason : RejectReason.values()) {
            LongAdder count = new LongAdder();
            pollsFailed.put(reason, count);
            FunctionCounter.builder("polls.failed", count, LongAdder::sum)
                    .description("polls that produced no tick, by reason")
                    .tag("source", src)
                    .tag("reason", reason.code())
                    .register(registry);
        }
    }

    /** Starts polling every symbol now, then {@code interval} after the end of each poll. */
    public synchronized void start() {
        if (closed || scheduler != null) {
            throw new IllegalStateException("the " + source.exchange() + " poller was already " + (closed ? "closed" : "started"));
        }
        AtomicInteger threads = new AtomicInteger();
        scheduler = Executors.newScheduledThreadPool(polls.size(), r -> {
            Thread t = new Thread(r, "ingest-" + source.exchange() + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        long intervalNanos = settings.interval().toNanos();
        for (SymbolPoll poll : polls) {
            scheduler.scheduleWithFixedDelay(poll, 0, intervalNanos, TimeUnit.NANOSECONDS);
        }
        log.info("Polling {} for {} every {}", source, settings.symbols(), settings.interval());
    }

    public Stats stats() {
        long failed = pollsFailed.values().stream().mapToLong(LongAdder::sum).sum();
        return new Stats(ticksProduced.sum(), ticksUnchanged.sum(), failed, pollsDeferred.sum(),
                rejectsProduced.sum(), ticksSendFailed.sum(), rejectsSendFailed.sum());
    }

    /**
     * Stops polling and waits for polls in flight (at most the request timeouts); a poll still running then is
     * interrupted. Does not flush or close the producer, which belongs to the caller.
     */
    @Override
    public void close() {
        ScheduledExecutorService running;
        synchronized (this) {
            closed = true;
            running = scheduler;
            scheduler = null;
        }
        if (running == null) {
            return;
        }
        running.shutdown();
        Duration wait = requestTimeout.plus(CLOSE_MARGIN);
        try {
            if (!running.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                running.shutdownNow();
                if (!running.awaitTermination(CLOSE_MARGIN.toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn("A {} poll is still running after close; its thread is a daemon and will not block exit",
                            source.exchange());
                }
            }
        } catch (InterruptedException e) {
            running.shutdownNow();
            Thread.currentThread().interrupt();
        }
        log.info("Stopped polling {}: {}", source, stats());
    }

    private void poll(SymbolPoll poll) {
        if (clock.instant().isBefore(pausedUntil)) {
            pollsDeferred.increment();
            return;
        }
        FetchResult result = source.fetchTicker(poll.symbol);
        if (Thread.currentThread().isInterrupted()) {
            return; // close() cut this poll short: its outcome says nothing about the source
        }
        if (result instanceof FetchResult.Tick fetched) {
            onTick(poll, fetched.tick());
        } else {
            onFailure(poll, (FetchResult.Failure) result);
        }
    }

    private void onTick(SymbolPoll poll, CryptoTick tick) {
        FailureStreak.Ended ended = poll.failures.succeeded();
        if (ended.any()) {
            log.info("{} {} polls recovered after {}", source.exchange(), poll.symbol, ended);
        }
        String tradeId = tick.tradeId();
        if (tradeId != null && tradeId.equals(poll.lastSentTradeId.get())) {
            ticksUnchanged.increment();
            return;
        }
        poll.lastSentTradeId.set(tradeId);
        send(Topics.CRYPTO_TICKS, tick.key(), tick, tick.eventTime(), ticksProduced, ticksSendFailed,
                // forget it, so that the next poll returning this trade sends it again
                () -> poll.lastSentTradeId.compareAndSet(tradeId, null));
    }

    private void onFailure(SymbolPoll poll, FetchResult.Failure failure) {
        pollsFailed.get(failure.reason()).increment();
        if (failure.retryAfter() != null) {
            pausedUntil = clock.instant().plus(failure.retryAfter());
        }
        FailureStreak.Ended ended = poll.failures.failed(failure.cause());
        if (ended != null) {
            log.warn("{} {} poll failed: {}: {} ({}); {}", source.exchange(), poll.symbol, failure.reason().code(),
                    failure.detail(), failure.url(), ended.any()
                            ? "this ends " + ended
                            : "repeats are counted, and logged when the cause changes or clears");
        }
        IngestReject reject = failure.toReject(source.exchange());
        send(Topics.INGEST_REJECTS, reject.source(), reject, reject.observedTime(), rejectsProduced, rejectsSendFailed,
                () -> { });
    }

    private <V> void send(Topic<String, V> topic, String key, V value, Instant eventTime, LongAdder acknowledged,
                          LongAdder failed, Runnable onFailure) {
        Callback callback = (metadata, error) -> {
            if (error == null) {
                acknowledged.increment();
                FailureStreak.Ended ended = sendFailures.succeeded();
                if (ended.any()) {
                    log.info("Kafka sends recovered after {}", ended);
                }
                return;
            }
            failed.increment();
            onFailure.run();
            FailureStreak.Ended ended = sendFailures.failed(error.getClass().getName());
            if (ended != null) {
                log.warn("Kafka did not accept a record for {} (key {}): {}; {}", topic, key, error.toString(),
                        ended.any() ? "this ends " + ended : "repeats are counted, and logged when the cause changes or clears");
            }
        };
        try {
            producer.send(topic, key, value, eventTime, callback);
        } catch (RuntimeException e) {
            // the producer throws (rather than calling back) for errors before the record is queued
            callback.onCompletion(null, e);
        }
    }

    private static void counter(MeterRegistry registry, String name, LongAdder count, String description,
                                String source) {
        FunctionCounter.builder(name, count, LongAdder::sum)
                .description(description)
                .tag("source", source)
                .register(registry);
    }

    /** One symbol's schedule and state; its runs never overlap (fixed delay), so only the callback races. */
    private final class SymbolPoll implements Runnable {
        private final String symbol;
        private final AtomicReference<String> lastSentTradeId = new AtomicReference<>();
        private final FailureStreak failures = new FailureStreak();

        SymbolPoll(String symbol) {
            this.symbol = symbol;
        }

        @Override
        public void run() {
            try {
                poll(this);
            } catch (RuntimeException e) {
                // an exception would silently end this symbol's schedule: log it and keep polling
                log.error("Unexpected error polling {} {}; polling continues", source.exchange(), symbol, e);
            }
        }
    }
}
