package dev.rigwatch.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.IngestReject;
import dev.rigwatch.events.Json;
import dev.rigwatch.events.SourceGap;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.kafka.EventProducer;
import dev.rigwatch.ingest.exchange.ExchangeAdapter;
import dev.rigwatch.ingest.gap.GapTracker;
import dev.rigwatch.ingest.resilience.Backoff;
import dev.rigwatch.ingest.resilience.SourceCircuitBreaker;
import dev.rigwatch.ingest.resilience.TickValidator;
import dev.rigwatch.ingest.resilience.TickVerdict;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one exchange's ticker for each configured symbol, each on its own schedule so that one symbol's failures
 * or slow responses never hold up the others, and writes every outcome to Kafka: a new valid trade as a
 * {@link CryptoTick}, a repeated trade as nothing (counted unchanged), an invalid tick or a failed poll as an
 * {@link IngestReject}, a stale symbol as a {@link SourceGap} ({@link GapWatch}). Failing symbols back off, a
 * {@code Retry-After} pauses the whole exchange (rate limits are per client), and the circuit breaker skips polls
 * while the source is down. The producer's buffer is the only queue: when Kafka is slower than the exchange,
 * sends block and so slow the polls. Meters and behaviour in detail: {@code docs/SOURCES.md}.
 *
 * <p>The {@link EventProducer} belongs to the caller: flush or close it after {@link #close()}.
 */
public final class TickerPoller implements TickerSource {

    private static final Logger log = LoggerFactory.getLogger(TickerPoller.class);

    /** Added to the request timeouts when {@link #close()} waits for polls in flight. */
    private static final Duration CLOSE_MARGIN = Duration.ofSeconds(1);
    /** Staleness is checked ten times per {@code staleAfter}, so a gap is reported at most 10 % late... */
    private static final int GAP_CHECKS_PER_STALE_AFTER = 10;
    /** ...but never more often than this, nor less often than once a second. */
    private static final Duration MIN_GAP_CHECK_INTERVAL = Duration.ofMillis(10);
    private static final Duration MAX_GAP_CHECK_INTERVAL = Duration.ofSeconds(1);
    private static final Runnable NOTHING = () -> { };
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
     * Counts so far, for progress lines: a poller's or a WebSocket feed's ({@link WsTickerFeed}).
     *
     * @param ticksInvalid     ticks that failed validation, all reasons
     * @param pollsFailed      polls that ended in a failure, all reasons; for a feed, frames dead-lettered
     * @param pollsDeferred    polls skipped while the source had asked us to wait (429, 418)
     * @param reconnects       a feed's connections dropped and tried again; 0 for a poller
     * @param outagesRepaired  a feed's outages (a reconnect, a skipped sequence number) whose candles were fetched
     *                         over REST afterwards, per symbol; 0 for a poller
     */
    public record Stats(long ticksProduced, long ticksUnchanged, long ticksInvalid, long pollsFailed,
                        long pollsDeferred, long rejectsProduced, long ticksSendFailed, long rejectsSendFailed,
                        long gapsOpened, long gapsClosed, long reconnects, long outagesRepaired) {

        public static final Stats ZERO = new Stats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        /** The counts of two pollers together. */
        public Stats plus(Stats other) {
            return new Stats(ticksProduced + other.ticksProduced, ticksUnchanged + other.ticksUnchanged,
                    ticksInvalid + other.ticksInvalid, pollsFailed + other.pollsFailed,
                    pollsDeferred + other.pollsDeferred, rejectsProduced + other.rejectsProduced,
                    ticksSendFailed + other.ticksSendFailed, rejectsSendFailed + other.rejectsSendFailed,
                    gapsOpened + other.gapsOpened, gapsClosed + other.gapsClosed, reconnects + other.reconnects,
                    outagesRepaired + other.outagesRepaired);
        }
    }

    private final ExchangeAdapter source;
    private final ExchangeSettings settings;
    private final Duration requestTimeout;
    private final Guards guards;
    private final Clock clock;
    private final List<SymbolPoll> polls;
    private final TickIntake intake;
    private final CountedSender sender;
    private final TickerMeters meters;

    /** Until when the source asked us not to poll; shared by all symbols. */
    private volatile Instant pausedUntil = Instant.MIN;
    private ScheduledExecutorService scheduler;
    private ExecutorService repairs;
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
        this.guards = guards;
        this.clock = clock;
        this.polls = settings.symbols().stream().map(SymbolPoll::new).toList();
        this.intake = new TickIntake(source.exchange(), settings.symbols(), producer, guards, registry);
        this.sender = intake.sender();
        this.meters = intake.meters();
    }

    /** Starts polling every symbol now, then {@code interval} after the end of each poll (longer while failing). */
    @Override
    public synchronized void start() {
        if (closed || scheduler != null) {
            throw new IllegalStateException("the " + source.exchange() + " poller was already " + (closed ? "closed" : "started"));
        }
        AtomicInteger threads = new AtomicInteger();
        scheduler = Executors.newScheduledThreadPool(polls.size() + 1, r -> daemon(r,
                "ingest-" + source.exchange() + "-" + threads.incrementAndGet()));
        repairs = Executors.newSingleThreadExecutor(r -> daemon(r, "ingest-" + source.exchange() + "-gap-repair"));
        for (SymbolPoll poll : polls) {
            scheduler.execute(poll);
        }
        long checkNanos = gapCheckInterval(guards.gaps().staleAfter()).toNanos();
        scheduler.scheduleWithFixedDelay(intake.gapWatch()::openGaps, checkNanos, checkNanos, TimeUnit.NANOSECONDS);
        log.info("Polling {} for {} every {}", source, settings.symbols(), settings.interval());
    }

    static Duration gapCheckInterval(Duration staleAfter) {
        Duration tenth = staleAfter.dividedBy(GAP_CHECKS_PER_STALE_AFTER);
        return tenth.compareTo(MIN_GAP_CHECK_INTERVAL) < 0 ? MIN_GAP_CHECK_INTERVAL
                : tenth.compareTo(MAX_GAP_CHECK_INTERVAL) > 0 ? MAX_GAP_CHECK_INTERVAL : tenth;
    }

    @Override
    public Stats stats() {
        return meters.stats();
    }

    /**
     * Stops polling and waits for polls and gap repairs in flight (bounded; what still runs then is interrupted).
     * Does not flush or close the producer, which belongs to the caller.
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
            meters.pollsDeferred.increment();
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
        FailureStreak.Ended ended = poll.failures.succeeded();
        if (ended.any()) {
            log.info("{} {} polls recovered after {}", source.exchange(), poll.symbol, ended);
        }
        if (intake.accept(fetched.tick(), NOTHING, repairs) instanceof TickIntake.Invalid invalid) {
            onInvalidTick(poll, fetched, invalid.verdict());
        }
    }

    private void onInvalidTick(SymbolPoll poll, FetchResult.Tick fetched, TickVerdict.Invalid invalid) {
        FailureStreak.Ended ended = poll.failures.failed(invalid.reasonCode());
        if (ended != null) {
            log.warn("{} {} tick rejected: {}: {}; {}", source.exchange(), poll.symbol, invalid.reasonCode(),
                    invalid.detail(), ended.logSuffix());
        }
        CryptoTick tick = fetched.tick();
        IngestReject reject = IngestReject.of(source.exchange(), fetched.url(), 200, invalid.reasonCode(),
                invalid.detail(), asJson(tick), tick.receivedTime());
        sender.send(Topics.INGEST_REJECTS, reject.source(), reject, reject.observedTime(),
                meters.rejects(reject.reason()));
    }

    private void onFailure(SymbolPoll poll, FetchResult.Failure failure) {
        meters.pollFailed(failure.reason());
        guards.gaps().recordFailure(poll.symbol, failure.reason().code());
        if (failure.retryAfter() != null) {
            pausedUntil = clock.instant().plus(failure.retryAfter());
        }
        FailureStreak.Ended ended = poll.failures.failed(failure.cause());
        if (ended != null) {
            log.warn("{} {} poll failed: {}: {} ({}); {}", source.exchange(), poll.symbol, failure.reason().code(),
                    failure.detail(), failure.url(), ended.logSuffix());
        }
        IngestReject reject = failure.toReject(source.exchange());
        sender.send(Topics.INGEST_REJECTS, reject.source(), reject, reject.observedTime(),
                meters.rejects(reject.reason()));
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

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    /** One symbol's schedule and state; its polls never overlap (each schedules the next), so only callbacks race. */
    private final class SymbolPoll implements Runnable {
        private final String symbol;
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
