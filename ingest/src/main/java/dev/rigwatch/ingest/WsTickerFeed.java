package dev.rigwatch.ingest;

import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.IngestReject;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.kafka.EventProducer;
import dev.rigwatch.ingest.ws.FeedConnection;
import dev.rigwatch.ingest.ws.FeedListener;
import dev.rigwatch.ingest.ws.FeedMessage;
import dev.rigwatch.ingest.ws.WsProtocol;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One exchange's WebSocket feed written to Kafka, beside or instead of its {@link TickerPoller}: each tick pushed
 * is validated and produced to {@code crypto.ticks} like a polled one (a trade sent already is counted unchanged),
 * an exchange's error or a frame that cannot be read goes to {@code ingest.rejects} with the frame as its body, and
 * a symbol that stays silent is reported on {@code ingest.gaps} by the same {@link GapWatch}.
 *
 * <p>A feed loses what the exchange sent while it was down. So after each outage (a reconnection, or a skipped
 * sequence number) every symbol's candles from its last tick before the outage to its first after it are fetched
 * over REST ({@link TickerPoller.GapRepair}, the gap repair of the poller), and a reconnection loses no candle.
 * Listener calls come one at a time from the socket's reader, so the per-symbol state needs no lock of its own.
 */
public final class WsTickerFeed implements TickerSource {

    private static final Logger log = LoggerFactory.getLogger(WsTickerFeed.class);

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
    /**
     * The exchange's candle of the minute an outage ended in is still open at the repair, so it is fetched again
     * once that minute is over by the receipt clock, plus this margin for the exchange to close it; checked every
     * {@link #FOLLOW_UP_CHECK} (the receipt clock may run faster than the wall clock, against a simulator).
     */
    private static final Duration CANDLE_CLOSE_MARGIN = Duration.ofSeconds(5);
    private static final Duration FOLLOW_UP_CHECK = Duration.ofMillis(500);

    private final String exchange;
    private final String uri;
    private final TickerPoller.Guards guards;
    private final TickIntake intake;
    private final CountedSender sender;
    private final TickerMeters meters;
    private final FeedConnection connection;
    private final Timer kafkaLatency;
    /** Per symbol, set by an outage to the last good tick's time: the next sent tick ends it, and the candles in between are fetched. */
    private final Map<String, Instant> repairFrom = new HashMap<>();
    private final FailureStreak badFrames = new FailureStreak();
    private ScheduledExecutorService gapChecks;
    private ScheduledExecutorService repairs;
    private final Clock clock;
    private final List<String> symbols;

    /**
     * @param protocol   the exchange's WebSocket API
     * @param settings   the exchange's symbols (its interval is the REST poller's, unused here)
     * @param connection where to connect, backoff and frame limit
     * @param http       the application's client, shared
     * @param producer   where ticks, rejects and gaps go; owned by the caller
     * @param guards     validation, backoff-free gap tracking and the REST repair for this exchange
     * @param registry   where the meters are registered
     * @param clock      stamps each frame's arrival: the receipt clock, as for polled ticks
     */
    public WsTickerFeed(WsProtocol protocol, ExchangeSettings settings, FeedConnection.Settings connection,
                        OkHttpClient http, EventProducer producer, TickerPoller.Guards guards, MeterRegistry registry,
                        Clock clock) {
        if (!protocol.exchange().equals(settings.exchange())) {
            throw new IllegalArgumentException("the " + protocol.exchange() + " feed cannot read the settings of "
                    + settings.exchange());
        }
        this.exchange = protocol.exchange();
        this.clock = clock;
        this.uri = connection.uri().toString();
        this.guards = guards;
        this.symbols = settings.symbols();
        this.intake = new TickIntake(exchange, symbols, producer, guards, registry);
        this.sender = intake.sender();
        this.meters = intake.meters();
        this.kafkaLatency = Timer.builder("ws.kafka.latency")
                .description("from a tick read off the socket to Kafka's acknowledgement of it")
                .tag("exchange", exchange).publishPercentiles(0.5, 0.99).register(registry);
        FunctionCounter.builder("ws.outages.repaired", meters.outagesRepaired, LongAdder::sum)
                .description("symbols' outages whose candles were fetched over REST").tag("exchange", exchange)
                .register(registry);
        this.connection = new FeedConnection(protocol, settings.symbols(), connection, http, new Listener(), registry,
                clock);
    }

    @Override
    public synchronized void start() {
        if (gapChecks != null) {
            throw new IllegalStateException("the " + exchange + " feed was already started");
        }
        gapChecks = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "ingest-" + exchange + "-ws-gaps"));
        ScheduledThreadPoolExecutor repairThread = new ScheduledThreadPoolExecutor(1,
                r -> daemon(r, "ingest-" + exchange + "-ws-repair"));
        // at close, a follow-up still waiting for its minute to end is dropped, not run
        repairThread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        repairs = repairThread;
        long checkNanos = TickerPoller.gapCheckInterval(guards.gaps().staleAfter()).toNanos();
        gapChecks.scheduleWithFixedDelay(intake.gapWatch()::openGaps, checkNanos, checkNanos, TimeUnit.NANOSECONDS);
        connection.start();
        log.info("Streaming {} for {} from {}", exchange, symbols, uri);
    }

    @Override
    public TickerPoller.Stats stats() {
        return meters.stats();
    }

    @Override
    public void close() {
        connection.close();
        ScheduledExecutorService runningRepairs;
        synchronized (this) {
            if (gapChecks == null) {
                return;
            }
            gapChecks.shutdownNow();
            runningRepairs = repairs;
            gapChecks = null;
        }
        runningRepairs.shutdown();
        try {
            if (!runningRepairs.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                runningRepairs.shutdownNow();
                log.warn("A {} outage repair was still running at close; its thread is a daemon", exchange);
            }
        } catch (InterruptedException e) {
            runningRepairs.shutdownNow();
            Thread.currentThread().interrupt();
        }
        log.info("Stopped streaming {}: {}", exchange, stats());
    }

    private final class Listener implements FeedListener {

        @Override
        public void onMessages(List<FeedMessage> messages) {
            for (FeedMessage message : messages) {
                if (message instanceof FeedMessage.Tick tick) {
                    onTick(tick.tick());
                } else if (message instanceof FeedMessage.FeedError error) {
                    reject(RejectReason.EXCHANGE_ERROR, (error.symbol() == null ? "" : error.symbol() + ": ")
                            + error.detail(), null);
                } else if (message instanceof FeedMessage.Unknown unknown) {
                    reject(RejectReason.UNKNOWN_MESSAGE, "a message this reader does not know", unknown.frame());
                } else if (message instanceof FeedMessage.Malformed malformed) {
                    reject(RejectReason.MALFORMED_JSON, malformed.reason(), malformed.frame());
                } else if (message instanceof FeedMessage.SequenceGap gap) {
                    log.warn("{} feed skipped sequence {}: messages were lost; the candles since each symbol's "
                            + "last tick will be fetched", exchange, gap.got() - gap.expected() == 1
                            ? "number " + gap.expected() : "numbers " + gap.expected() + " to " + (gap.got() - 1));
                    outage();
                } else if (message instanceof FeedMessage.Subscribed subscribed) {
                    log.debug("{} confirmed the subscription {}", exchange, subscribed.what());
                }
                // heartbeats and reconnection requests are the connection's business
            }
        }

        @Override
        public void onDisconnected(Instant lastMessageAt, String why, Duration reconnectIn) {
            meters.reconnects.increment();
        }

        @Override
        public void onResumed(Instant lastMessageAt, Instant firstMessageAt) {
            log.info("{} feed resumed after {} of silence; the candles in between will be fetched", exchange,
                    Duration.between(lastMessageAt, firstMessageAt));
            outage();
        }
    }

    /** Every symbol's next good tick ends an outage that began at its last good one. */
    private void outage() {
        for (String symbol : symbols) {
            guards.gaps().lastGoodEventTime(symbol).ifPresent(last -> repairFrom.putIfAbsent(symbol, last));
        }
    }

    private void onTick(CryptoTick tick) {
        if (!intake.knows(tick.symbol()) || !tick.exchange().equals(exchange)) {
            reject(RejectReason.UNKNOWN_MESSAGE, "a tick of " + tick.key() + ", which this feed did not subscribe",
                    null);
            return;
        }
        long arrived = System.nanoTime();
        TickIntake.Outcome outcome = intake.accept(tick,
                () -> kafkaLatency.record(System.nanoTime() - arrived, TimeUnit.NANOSECONDS), repairs);
        if (outcome instanceof TickIntake.Invalid invalid) {
            reject(invalid.verdict().reasonCode(), tick.symbol() + ": " + invalid.verdict().detail(), tick.toString());
            return;
        }
        if (!(outcome instanceof TickIntake.Sent sent)) {
            return; // a repeat ends no outage: it says nothing new traded, not that the feed is whole again
        }
        Instant from = repairFrom.remove(tick.symbol());
        if (from != null && from.isBefore(tick.eventTime())) {
            // an outage long enough to open a gap is repaired when the gap closes, from the same last good tick
            boolean gapRepaired = sent.closedGap();
            try {
                repairs.execute(() -> repairOutage(tick.symbol(), from, tick.eventTime(), !gapRepaired));
            } catch (RejectedExecutionException e) {
                log.debug("{} {} outage ended while closing; left unrepaired", exchange, tick.symbol());
            }
        }
    }

    /**
     * Fetches the outage's candles (unless its gap's repair does), and schedules the minute it ended in for when
     * that minute is over.
     */
    private void repairOutage(String symbol, Instant from, Instant to, boolean fetch) {
        if (!fetch || repair(symbol, from, to, "outage")) {
            meters.outagesRepaired.increment();
        }
        Instant minute = to.truncatedTo(ChronoUnit.MINUTES);
        if (!minute.equals(to)) {
            followUp(symbol, minute, minute.plus(Duration.ofMinutes(1)));
        }
    }

    private void followUp(String symbol, Instant minute, Instant minuteEnd) {
        if (clock.instant().isBefore(minuteEnd.plus(CANDLE_CLOSE_MARGIN))) {
            try {
                repairs.schedule(() -> followUp(symbol, minute, minuteEnd), FOLLOW_UP_CHECK.toMillis(),
                        TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // closing: the minute stays as the live ticks after the outage made it
            }
            return;
        }
        repair(symbol, minute, minuteEnd, "outage's last minute");
    }

    /** @return whether the candles were written */
    private boolean repair(String symbol, Instant from, Instant to, String what) {
        try {
            int written = guards.repair().repair(symbol, from, to);
            log.info("{} {} {} from {} to {} filled with {} candles over REST", exchange, symbol, what, from, to,
                    written);
            return true;
        } catch (Exception e) {
            log.warn("{} {} {} from {} to {} could not be filled over REST: {}", exchange, symbol, what, from, to,
                    e.getMessage() == null ? e.toString() : e.getMessage());
            return false;
        }
    }

    private void reject(RejectReason reason, String detail, String frame) {
        reject(reason.code(), detail, frame);
    }

    private void reject(String reason, String detail, String frame) {
        FailureStreak.Ended ended = badFrames.failed(reason);
        if (ended != null) {
            log.warn("{} feed: {}: {}; {}", exchange, reason, detail, ended.logSuffix());
        }
        IngestReject reject = IngestReject.of(exchange, uri, null, reason, detail, frame, clock.instant());
        sender.send(Topics.INGEST_REJECTS, reject.source(), reject, reject.observedTime(), meters.rejects(reason));
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
