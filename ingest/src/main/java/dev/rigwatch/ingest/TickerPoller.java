package dev.rigwatch.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.IngestReject;
import dev.rigwatch.events.Json;
import dev.rigwatch.events.SourceGap;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.kafka.EventProducer;
import dev.rigwatch.ingest.exchange.ExchangeAdapter;
import dev.rigwatch.ingest.gap.GapTracker;
import dev.rigwatch.ingest.resilience.Backoff;
import dev.rigwatch.ingest.resilience.SourceCircuitBreaker;
import dev.rigwatch.ingest.resilience.TickValidator;
import dev.rigwatch.ingest.resilience.TickVerdict;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
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
 *   <li>a new trade that passes the {@link TickValidator}: a {@link CryptoTick} to {@code crypto.ticks}, stamped
 *       with its event time;</li>
 *   <li>the trade last sent for that symbol again: nothing, counted as unchanged (a repeated poll is not a new
 *       price; a tick without a trade id is always new);</li>
 *   <li>a tick that fails validation (a jump, a stale or skewed time, an impossible price): an {@link IngestReject}
 *       with the check's reason code and the tick as its body, counted in {@code ticks.invalid};</li>
 *   <li>a failed poll: an {@link IngestReject} keyed by source, counted by reason, and logged when a streak of
 *       failures starts, changes cause or ends, not on every poll. The symbol's next poll backs off exponentially
 *       with jitter; a {@code retryAfter} (429, 418) pauses every symbol of the exchange, as rate limits are per
 *       client. Failures that say the source is down (no answer, 5xx, 429, a body that is not the API's) feed the
 *       exchange's circuit breaker: while it is open, polls are skipped and counted.</li>
 *   <li>a symbol without a good tick for {@code staleAfter}: an {@code OPEN} {@link SourceGap} to {@code ingest.gaps};
 *       when good ticks return, the gap is repaired from the exchange's 1-minute candles ({@link GapRepair}) and
 *       closed with what was written. A failed poll never looks like a price change.</li>
 * </ul>
 * Polling and producing are decoupled by a bounded queue (meter {@code ingest.queue.depth}) drained by one sender
 * thread: a slow broker never stalls parsing silently; when the queue is full, polls wait for Kafka and that is
 * logged and counted ({@code ingest.queue.full}). Failed sends (broker down, record rejected) are counted and
 * logged, never thrown; a tick whose send failed is sent again if the next poll returns the same trade.
 *
 * <p>Meters, all tagged {@code source}: {@code ticks.produced}, {@code ticks.unchanged}, {@code ticks.invalid}
 * (tagged {@code reason}), {@code ticks.send.failed}, {@code polls.failed} (tagged {@code reason}),
 * {@code polls.deferred} (skipped while rate-limited), {@code rejects.produced}, {@code rejects.send.failed},
 * {@code gaps.opened}, {@code gaps.closed}, {@code ingest.queue.depth}, {@code ingest.queue.full}; the circuit
 * breaker adds {@code polls.skipped.circuit-open} and {@code circuit.state}. "Produced" counts records the broker
 * acknowledged. Register one poller per source in a registry.
 *
 * <p>The {@link EventProducer} belongs to the caller: {@link #close()} stops polling and hands every queued
 * record to the producer; flush or close the producer after it.
 */
public final class TickerPoller implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TickerPoller.class);

    /** Added to the request timeouts when {@link #close()} waits for polls in flight. */
    private static final Duration CLOSE_MARGIN = Duration.ofSeconds(1);
    /** Staleness is checked ten times per {@code staleAfter}, so a gap is reported at most 10 % late... */
    private static final int GAP_CHECKS_PER_STALE_AFTER = 10;
    /** ...but never more often than this, nor less often than once a second. */
    private static final Duration MIN_GAP_CHECK_INTERVAL = Duration.ofMillis(10);
    private static final Duration MAX_GAP_CHECK_INTERVAL = Duration.ofSeconds(1);
    /** Records waiting for the sender; beyond this, polls wait for Kafka (and say so). */
    static final int QUEUE_CAPACITY = 10_000;

    /** Writes an exchange's candles for a gap; the poller calls it when the gap closes. */
    @FunctionalInterface
    public interface GapRepair {
        /**
         * Writes the exchange's 1-minute candles of {@code symbol} covering [from, to) to {@code crypto.ohlc}.
         *
         * @return how many candles were written
         * @throws Exception with the cause, when the history could not be fetched or written
         */
        int repair(String symbol, Instant from, Instant to) throws Exception;
    }

    /**
     * What every poll of one exchange passes through.
     *
     * @param validator checks ticks before they are produced (may be shared by every exchange's poller)
     * @param breaker   this exchange's circuit breaker
     * @param backoff   the pause before a failing symbol's next poll
     * @param gaps      this exchange's staleness tracker
     * @param repair    how a closed gap is filled from the exchange's history
     */
    public record Guards(TickValidator validator, SourceCircuitBreaker breaker, Backoff backoff, GapTracker gaps,
                         GapRepair repair) {

        /**
         * The standard guards for one exchange: a circuit breaker with its defaults, backoff from the exchange's
         * poll interval, and a gap tracker for its symbols.
         */
        public static Guards forExchange(ExchangeSettings exchange, TickValidator validator, Duration staleAfter,
                                         GapRepair repair, MeterRegistry registry, Clock clock) {
            return new Guards(validator,
                    new SourceCircuitBreaker(exchange.exchange(), SourceCircuitBreaker.Settings.defaults(), registry, clock),
                    new Backoff(Backoff.Settings.forInterval(exchange.interval())),
                    new GapTracker(exchange.exchange(), exchange.symbols(), staleAfter, clock),
                    repair);
        }
    }

    /**
     * Counts so far, for progress lines.
     *
     * @param ticksInvalid  ticks that failed validation, all reasons
     * @param pollsFailed   polls that ended in a failure, all reasons
     * @param pollsDeferred polls skipped while the source had asked us to wait (429, 418)
     */
    public record Stats(long ticksProduced, long ticksUnchanged, long ticksInvalid, long pollsFailed,
                        long pollsDeferred, long rejectsProduced, long ticksSendFailed, long rejectsSendFailed,
                        long gapsOpened, long gapsClosed) {

        public static final Stats ZERO = new Stats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        /** The counts of two pollers together. */
        public Stats plus(Stats other) {
            return new Stats(ticksProduced + other.ticksProduced, ticksUnchanged + other.ticksUnchanged,
                    ticksInvalid + other.ticksInvalid, pollsFailed + other.pollsFailed,
                    pollsDeferred + other.pollsDeferred, rejectsProduced + other.rejectsProduced,
                    ticksSendFailed + other.ticksSendFailed, rejectsSendFailed + other.rejectsSendFailed,
                    gapsOpened + other.gapsOpened, gapsClosed + other.gapsClosed);
        }
    }

    /** A record waiting for the sender thread. */
    private record Outbound<V>(Topic<String, V> topic, String key, V value, Instant eventTime, LongAdder acknowledged,
                               LongAdder failed, Runnable onFailure) {
    }

    private final ExchangeAdapter source;
    private final ExchangeSettings settings;
    private final Duration requestTimeout;
    private final EventProducer producer;
    private final Guards guards;
    private final Clock clock;
    private final List<SymbolPoll> polls;
    private final BlockingQueue<Outbound<?>> outbound = new ArrayBlockingQueue<>(QUEUE_CAPACITY);

    private final LongAdder ticksProduced = new LongAdder();
    private final LongAdder ticksUnchanged = new LongAdder();
    private final LongAdder ticksSendFailed = new LongAdder();
    private final LongAdder pollsDeferred = new LongAdder();
    private final LongAdder rejectsProduced = new LongAdder();
    private final LongAdder rejectsSendFailed = new LongAdder();
    private final LongAdder gapsOpened = new LongAdder();
    private final LongAdder gapsClosed = new LongAdder();
    private final LongAdder gapsProduced = new LongAdder();
    private final LongAdder gapsSendFailed = new LongAdder();
    private final LongAdder queueFull = new LongAdder();
    private final Map<RejectReason, LongAdder> pollsFailed = new EnumMap<>(RejectReason.class);
    private final Map<TickVerdict.Reason, LongAdder> ticksInvalid = new EnumMap<>(TickVerdict.Reason.class);
    private final FailureStreak sendFailures = new FailureStreak();
    private final FailureStreak queueFullStreak = new FailureStreak();

    /** Until when the source asked us not to poll; shared by all symbols. */
    private volatile Instant pausedUntil = Instant.MIN;
    private volatile boolean sending = true;
    private ScheduledExecutorService scheduler;
    private ExecutorService repairs;
    private Thread sender;
    private boolean closed;

    /**
     * @param source         the exchange to poll
     * @param settings       the exchange's symbols and interval
     * @param requestTimeout the longest one request can take (connect and read timeouts), for {@link #close()}
     * @param producer       where ticks, rejects and gaps go; owned by the caller
     * @param guards         validation, circuit breaker, backoff and gap tracking for this exchange
     * @param registry       where the meters are registered
     * @param clock          the wall clock, for rate-limit pauses
     */
    public TickerPoller(ExchangeAdapter source, ExchangeSettings settings, Duration requestTimeout,
                        EventProducer producer, Guards guards, MeterRegistry registry, Clock clock) {
        if (!source.exchange().equals(settings.exchange())) {
            throw new IllegalArgumentException("the " + source.exchange() + " adapter cannot poll the settings of "
                    + settings.exchange());
        }
        this.source = source;
        this.settings = settings;
        this.requestTimeout = requestTimeout;
        this.producer = producer;
        this.guards = guards;
        this.clock = clock;
        this.polls = settings.symbols().stream().map(SymbolPoll::new).toList();
        String src = source.exchange();
        counter(registry, "ticks.produced", ticksProduced, "ticks the broker acknowledged", src);
        counter(registry, "ticks.unchanged", ticksUnchanged, "polls that returned the trade already sent", src);
        counter(registry, "ticks.send.failed", ticksSendFailed, "ticks Kafka did not accept", src);
        counter(registry, "polls.deferred", pollsDeferred, "polls skipped while rate-limited", src);
        counter(registry, "rejects.produced", rejectsProduced, "rejects the broker acknowledged", src);
        counter(registry, "rejects.send.failed", rejectsSendFailed, "rejects Kafka did not accept", src);
        counter(registry, "gaps.opened", gapsOpened, "symbols that went stale", src);
        counter(registry, "gaps.closed", gapsClosed, "stale symbols that recovered", src);
        counter(registry, "gaps.produced", gapsProduced, "gap records the broker acknowledged", src);
        counter(registry, "gaps.send.failed", gapsSendFailed, "gap records Kafka did not accept", src);
        counter(registry, "ingest.queue.full", queueFull, "records that waited for room in the send queue", src);
        Gauge.builder("ingest.queue.depth", outbound, BlockingQueue::size)
                .description("records polled but not yet handed to the Kafka producer")
                .tag("source", src)
                .register(registry);
        for (RejectReason reason : RejectReason.values()) {
            pollsFailed.put(reason, taggedCounter(registry, "polls.failed", "polls that produced no tick, by reason",
                    src, reason.code()));
        }
        for (TickVerdict.Reason reason : TickVerdict.Reason.values()) {
            ticksInvalid.put(reason, taggedCounter(registry, "ticks.invalid", "ticks that failed validation, by reason",
                    src, reason.code()));
        }
    }

    /** Starts polling every symbol now, then {@code interval} after the end of each poll (longer while failing). */
    public synchronized void start() {
        if (closed || scheduler != null) {
            throw new IllegalStateException("the " + source.exchange() + " poller was already " + (closed ? "closed" : "started"));
        }
        AtomicInteger threads = new AtomicInteger();
        scheduler = Executors.newScheduledThreadPool(polls.size() + 1, r -> daemon(r,
                "ingest-" + source.exchange() + "-" + threads.incrementAndGet()));
        repairs = Executors.newSingleThreadExecutor(r -> daemon(r, "ingest-" + source.exchange() + "-gap-repair"));
        sender = daemon(this::sendQueued, "ingest-" + source.exchange() + "-sender");
        sender.start();
        for (SymbolPoll poll : polls) {
            scheduler.execute(poll);
        }
        long checkNanos = gapCheckInterval(guards.gaps().staleAfter()).toNanos();
        scheduler.scheduleWithFixedDelay(this::openGaps, checkNanos, checkNanos, TimeUnit.NANOSECONDS);
        log.info("Polling {} for {} every {}", source, settings.symbols(), settings.interval());
    }

    static Duration gapCheckInterval(Duration staleAfter) {
        Duration tenth = staleAfter.dividedBy(GAP_CHECKS_PER_STALE_AFTER);
        return tenth.compareTo(MIN_GAP_CHECK_INTERVAL) < 0 ? MIN_GAP_CHECK_INTERVAL
                : tenth.compareTo(MAX_GAP_CHECK_INTERVAL) > 0 ? MAX_GAP_CHECK_INTERVAL : tenth;
    }

    public Stats stats() {
        return new Stats(ticksProduced.sum(), ticksUnchanged.sum(), sum(ticksInvalid), sum(pollsFailed),
                pollsDeferred.sum(), rejectsProduced.sum(), ticksSendFailed.sum(), rejectsSendFailed.sum(),
                gapsOpened.sum(), gapsClosed.sum());
    }

    /**
     * Stops polling, waits for polls and gap repairs in flight (bounded; what still runs then is interrupted), and
     * hands every queued record to the producer. Does not flush or close the producer, which belongs to the caller.
     */
    @Override
    public void close() {
        ScheduledExecutorService runningPolls;
        ExecutorService runningRepairs;
        synchronized (this) {
            closed = true;
            runningPolls = scheduler;
            runningRepairs = repairs;
            scheduler = null;
        }
        if (runningPolls == null) {
            return;
        }
        Duration wait = requestTimeout.plus(CLOSE_MARGIN);
        stop(runningPolls, wait, "poll");
        stop(runningRepairs, wait, "gap repair");
        sending = false;
        try {
            sender.join(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!outbound.isEmpty()) {
            log.warn("{} records for {} were still queued when the sender stopped; they are lost", outbound.size(), source);
        }
        log.info("Stopped polling {}: {}", source, stats());
    }

    private void stop(ExecutorService executor, Duration wait, String what) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
                if (!executor.awaitTermination(CLOSE_MARGIN.toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn("A {} {} is still running after close; its thread is a daemon and will not block exit",
                            source.exchange(), what);
                }
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** One poll of one symbol; returns how long to wait before its next poll. */
    private Duration poll(SymbolPoll poll) {
        Instant now = clock.instant();
        if (now.isBefore(pausedUntil)) {
            pollsDeferred.increment();
            return Duration.between(now, pausedUntil);
        }
        if (!guards.breaker().tryAcquire()) {
            return settings.interval();
        }
        long started = System.nanoTime();
        FetchResult result = null;
        try {
            result = source.fetchTicker(poll.symbol);
        } finally {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            if (result instanceof FetchResult.Failure failure && failure.reason().saysSourceIsUnwell()) {
                guards.breaker().onFailure(elapsed, failure.reason().code());
            } else {
                guards.breaker().onSuccess(elapsed);
            }
        }
        if (Thread.currentThread().isInterrupted()) {
            return settings.interval(); // close() cut this poll short: its outcome says nothing about the source
        }
        if (result instanceof FetchResult.Tick fetched) {
            poll.consecutiveFailures = 0;
            onTick(poll, fetched);
            return settings.interval();
        }
        FetchResult.Failure failure = (FetchResult.Failure) result;
        onFailure(poll, failure);
        return guards.backoff().next(++poll.consecutiveFailures, failure.retryAfter());
    }

    private void onTick(SymbolPoll poll, FetchResult.Tick fetched) {
        CryptoTick tick = fetched.tick();
        FailureStreak.Ended ended = poll.failures.succeeded();
        if (ended.any()) {
            log.info("{} {} polls recovered after {}", source.exchange(), poll.symbol, ended);
        }
        String tradeId = tick.tradeId();
        if (tradeId != null && tradeId.equals(poll.lastSentTradeId.get())) {
            ticksUnchanged.increment();
            // a quiet market is not a stale source: the exchange answered, nothing new traded
            noteAlive(tick);
            return;
        }
        if (guards.validator().validate(tick) instanceof TickVerdict.Invalid invalid) {
            onInvalidTick(poll, fetched, invalid);
            return;
        }
        poll.lastSentTradeId.set(tradeId);
        enqueue(new Outbound<>(Topics.CRYPTO_TICKS, tick.key(), tick, tick.eventTime(), ticksProduced, ticksSendFailed,
                // forget it, so that the next poll returning this trade sends it again
                () -> poll.lastSentTradeId.compareAndSet(tradeId, null)));
        noteAlive(tick);
    }

    /** The symbol answered with a valid tick: if it had a gap, the gap closes and is repaired off the poll thread. */
    private void noteAlive(CryptoTick tick) {
        guards.gaps().onGoodTick(tick).ifPresent(closed -> repairs.execute(() -> repairAndClose(closed)));
    }

    private void onInvalidTick(SymbolPoll poll, FetchResult.Tick fetched, TickVerdict.Invalid invalid) {
        ticksInvalid.get(invalid.reason()).increment();
        guards.gaps().recordFailure(poll.symbol, invalid.reasonCode());
        FailureStreak.Ended ended = poll.failures.failed(invalid.reasonCode());
        if (ended != null) {
            log.warn("{} {} tick rejected: {}: {}; {}", source.exchange(), poll.symbol, invalid.reasonCode(),
                    invalid.detail(), ended.any() ? "this ends " + ended
                            : "repeats are counted, and logged when the cause changes or clears");
        }
        CryptoTick tick = fetched.tick();
        IngestReject reject = IngestReject.of(source.exchange(), fetched.url(), 200, invalid.reasonCode(),
                invalid.detail(), asJson(tick), tick.receivedTime());
        enqueue(new Outbound<>(Topics.INGEST_REJECTS, reject.source(), reject, reject.observedTime(), rejectsProduced,
                rejectsSendFailed, () -> { }));
    }

    private void onFailure(SymbolPoll poll, FetchResult.Failure failure) {
        pollsFailed.get(failure.reason()).increment();
        guards.gaps().recordFailure(poll.symbol, failure.reason().code());
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
        enqueue(new Outbound<>(Topics.INGEST_REJECTS, reject.source(), reject, reject.observedTime(), rejectsProduced,
                rejectsSendFailed, () -> { }));
    }

    private void openGaps() {
        try {
            for (SourceGap gap : guards.gaps().checkStale()) {
                gapsOpened.increment();
                log.warn("{} {} has had no good tick for {} (last failure: {}); gap opened", source.exchange(),
                        gap.symbol(), gap.staleAfter(), gap.lastFailure() == null ? "none" : gap.lastFailure());
                enqueue(new Outbound<>(Topics.INGEST_GAPS, gap.key(), gap, gap.detectedAt(), gapsProduced,
                        gapsSendFailed, () -> { }));
            }
        } catch (RuntimeException e) {
            // an exception would silently end the staleness checks: log it and keep checking
            log.error("Unexpected error checking {} for gaps; checks continue", source.exchange(), e);
        }
    }

    /** Fills a closed gap from the exchange's candles and reports it, repaired or with why it could not be. */
    private void repairAndClose(SourceGap gap) {
        Integer written = null;
        String error = null;
        if (gap.lastGoodTime() == null) {
            error = "no good tick before the gap since the worker started: nothing to repair from";
        } else {
            try {
                written = guards.repair().repair(gap.symbol(), gap.lastGoodTime(), gap.recoveredAt());
            } catch (Exception e) {
                error = e.getMessage() == null ? e.toString() : e.getMessage();
            }
        }
        SourceGap closed = new SourceGap(gap.v(), gap.exchange(), gap.symbol(), SourceGap.Status.CLOSED,
                gap.lastGoodTime(), gap.detectedAt(), gap.recoveredAt(), gap.staleAfter(), gap.lastFailure(),
                written, error);
        gapsClosed.increment();
        if (error == null) {
            log.info("{} {} recovered; the gap from {} to {} was filled with {} candles on {}", source.exchange(),
                    gap.symbol(), gap.lastGoodTime(), gap.recoveredAt(), written, Topics.CRYPTO_OHLC);
        } else {
            log.warn("{} {} recovered, but the gap from {} to {} could not be filled: {}", source.exchange(),
                    gap.symbol(), gap.lastGoodTime(), gap.recoveredAt(), error);
        }
        enqueue(new Outbound<>(Topics.INGEST_GAPS, closed.key(), closed, closed.detectedAt(), gapsProduced,
                gapsSendFailed, () -> { }));
    }

    /** Hands a record to the sender; when the queue is full, waits for room and says so once per streak. */
    private void enqueue(Outbound<?> record) {
        if (outbound.offer(record)) {
            if (queueFullStreak.succeeded().any()) {
                log.info("{} send queue has room again", source.exchange());
            }
            return;
        }
        queueFull.increment();
        if (queueFullStreak.failed("full") != null) {
            log.warn("{} send queue is full ({} records): Kafka is slower than the exchange, polls wait for it",
                    source.exchange(), QUEUE_CAPACITY);
        }
        try {
            outbound.put(record);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            record.failed().increment();
            record.onFailure().run();
        }
    }

    /** The sender thread: hands queued records to the producer until closed and drained. */
    private void sendQueued() {
        while (sending || !outbound.isEmpty()) {
            try {
                Outbound<?> record = outbound.poll(100, TimeUnit.MILLISECONDS);
                if (record != null) {
                    send(record);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("Unexpected error sending {} records; sending continues", source.exchange(), e);
            }
        }
    }

    private <V> void send(Outbound<V> record) {
        Callback callback = (metadata, error) -> {
            if (error == null) {
                record.acknowledged().increment();
                FailureStreak.Ended ended = sendFailures.succeeded();
                if (ended.any()) {
                    log.info("Kafka sends recovered after {}", ended);
                }
                return;
            }
            record.failed().increment();
            record.onFailure().run();
            FailureStreak.Ended ended = sendFailures.failed(error.getClass().getName());
            if (ended != null) {
                log.warn("Kafka did not accept a record for {} (key {}): {}; {}", record.topic(), record.key(),
                        error.toString(), ended.any() ? "this ends " + ended
                                : "repeats are counted, and logged when the cause changes or clears");
            }
        };
        try {
            producer.send(record.topic(), record.key(), record.value(), record.eventTime(), callback);
        } catch (RuntimeException e) {
            // the producer throws (rather than calling back) for errors before the record is queued
            callback.onCompletion(null, e);
        }
    }

    private void schedule(SymbolPoll poll, Duration delay) {
        ScheduledExecutorService running;
        synchronized (this) {
            running = scheduler;
        }
        if (running == null) {
            return;
        }
        try {
            running.schedule(poll, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // closing: the poll is not rescheduled
        }
    }

    private static String asJson(CryptoTick tick) {
        try {
            return Json.mapper().writeValueAsString(tick);
        } catch (JsonProcessingException e) {
            return tick.toString();
        }
    }

    private static <K> long sum(Map<K, LongAdder> counts) {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void counter(MeterRegistry registry, String name, LongAdder count, String description,
                                String source) {
        FunctionCounter.builder(name, count, LongAdder::sum)
                .description(description)
                .tag("source", source)
                .register(registry);
    }

    private static LongAdder taggedCounter(MeterRegistry registry, String name, String description, String source,
                                           String reason) {
        LongAdder count = new LongAdder();
        FunctionCounter.builder(name, count, LongAdder::sum)
                .description(description)
                .tag("source", source)
                .tag("reason", reason)
                .register(registry);
        return count;
    }

    /** One symbol's schedule and state; its polls never overlap (each schedules the next), so only callbacks race. */
    private final class SymbolPoll implements Runnable {
        private final String symbol;
        private final AtomicReference<String> lastSentTradeId = new AtomicReference<>();
        private final FailureStreak failures = new FailureStreak();
        private int consecutiveFailures;

        SymbolPoll(String symbol) {
            this.symbol = symbol;
        }

        @Override
        public void run() {
            Duration next = settings.interval();
            try {
                next = poll(this);
            } catch (RuntimeException e) {
                // an exception would silently end this symbol's schedule: log it and keep polling
                log.error("Unexpected error polling {} {}; polling continues", source.exchange(), symbol, e);
            } finally {
                schedule(this, next);
            }
        }
    }
}
