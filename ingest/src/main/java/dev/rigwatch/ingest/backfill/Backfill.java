package dev.rigwatch.ingest.backfill;

import dev.rigwatch.events.Candle;
import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.TimeSource;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.kafka.EventProducer;
import dev.rigwatch.ingest.CandlesResult;
import dev.rigwatch.ingest.FetchResult;
import dev.rigwatch.ingest.RejectReason;
import dev.rigwatch.ingest.exchange.CandleSpan;
import dev.rigwatch.ingest.exchange.Exchange;
import dev.rigwatch.ingest.exchange.ExchangeAdapter;
import dev.rigwatch.ingest.resilience.Backoff;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads one exchange's history of one symbol into Kafka, as the exchange's own candles ({@link Target#CANDLES}, to
 * {@code crypto.ohlc}) or as one synthetic tick per candle ({@link Target#TICKS}, so the streams stage computes over
 * history as over live data). Chunks are produced and flushed one after the other, so progress counts what Kafka
 * acknowledged; a chunk failing for a reason that passes is asked again after a growing pause, and one that cannot
 * succeed stops the backfill with a {@link BackfillFailedException} naming it. Written windows stay written: running
 * the range again writes them again, and readers keep one record per instrument and window. Details:
 * docs/SOURCES.md.
 */
public final class Backfill {

    private static final Logger log = LoggerFactory.getLogger(Backfill.class);

    /**
     * Failures that may pass by waiting, besides those that say how long to wait (rate limits and bans, the
     * exchange's or our own); the others would get the same answer again.
     */
    private static final Set<RejectReason> TRANSIENT = EnumSet.of(RejectReason.HTTP_5XX, RejectReason.TIMEOUT,
            RejectReason.IO_ERROR);

    /** Where the history goes. */
    public enum Target {
        /** The exchange's candles as published, to {@code crypto.ohlc}. */
        CANDLES("candles", Topics.CRYPTO_OHLC),
        /** One synthetic tick per candle, at its close, to {@code crypto.ticks}. */
        TICKS("ticks", Topics.CRYPTO_TICKS);

        private final String id;
        private final Topic<String, ?> topic;

        Target(String id, Topic<String, ?> topic) {
            this.id = id;
            this.topic = topic;
        }

        /** The target with this id; an unknown id fails listing the known ones. */
        public static Target of(String id) {
            return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown backfill target '" + id + "'; use one of "
                            + Arrays.stream(values()).map(Target::id).toList()));
        }

        /** {@code candles} or {@code ticks}, as the command line writes it. */
        public String id() {
            return id;
        }

        public Topic<String, ?> topic() {
            return topic;
        }
    }

    /**
     * How a backfill fetches.
     *
     * @param windowsPerChunk how many windows one chunk asks for: progress is reported, and a failed chunk asked
     *                        again whole, per chunk
     * @param attempts        how many times one chunk is asked for before the backfill stops
     * @param backoff         the pauses between attempts
     */
    public record Settings(int windowsPerChunk, int attempts, Backoff.Settings backoff) {

        public static final int DEFAULT_ATTEMPTS = 4;
        /** 1 s, then about 2 s, 4 s: a 5xx or a timeout gets some seconds to pass. */
        public static final Backoff.Settings DEFAULT_BACKOFF = new Backoff.Settings(Duration.ofSeconds(1),
                Backoff.Settings.DEFAULT_MULTIPLIER, Backoff.Settings.DEFAULT_RANDOMIZATION_FACTOR, Duration.ofSeconds(30));

        public Settings {
            Objects.requireNonNull(backoff, "backoff");
            if (windowsPerChunk < 1) {
                throw new IllegalArgumentException("a chunk needs at least one window, was " + windowsPerChunk);
            }
            if (attempts < 1) {
                throw new IllegalArgumentException("a chunk needs at least one attempt, was " + attempts);
            }
        }

        /**
         * One request per chunk, so that a failure costs only that request when asked again (the adapter fails
         * the whole range when one of its pages fails); four attempts with the default backoff.
         */
        public static Settings forExchange(Exchange exchange) {
            return new Settings(exchange.candlesPerRequest(), DEFAULT_ATTEMPTS, DEFAULT_BACKOFF);
        }
    }

    /**
     * What to load.
     *
     * @param symbol   normalised, e.g. {@code BTC-USD}; the instrument registry must list it for the exchange
     * @param from     the earliest window start; rounded up to the interval
     * @param to       the end, exclusive: the last window ends at or before it
     * @param interval the window length; the exchange must offer it (1m, 1h and 1d everywhere)
     */
    public record Request(String symbol, Instant from, Instant to, Duration interval, Target target) {

        public Request {
            Objects.requireNonNull(symbol, "symbol");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(interval, "interval");
            Objects.requireNonNull(target, "target");
        }
    }

    /**
     * After each chunk, written and flushed.
     *
     * @param chunkFrom            the start of the chunk's first window
     * @param chunkTo              the end of its last window
     * @param candlesSoFar         records Kafka acknowledged so far, this chunk's included
     * @param windowsSoFar         windows asked for so far, this chunk's included
     * @param totalWindowsExpected windows in the whole range
     */
    public record Progress(Instant chunkFrom, Instant chunkTo, long candlesSoFar, long windowsSoFar,
                           long totalWindowsExpected) {

        /** How much of the range is done, 0 to 100. */
        public double percent() {
            return totalWindowsExpected == 0 ? 100 : 100.0 * windowsSoFar / totalWindowsExpected;
        }
    }

    /**
     * A finished backfill.
     *
     * @param windowsExpected the windows in the range (after cutting it at now)
     * @param candlesWritten  records Kafka acknowledged: candles, or ticks made from them; fewer than
     *                        {@code windowsExpected} when the exchange did not have some windows
     * @param firstWindow     the start of the first window written, or null when none was
     * @param lastWindow      the start of the last window written, or null when none was
     * @param chunks          chunks fetched
     * @param retries         requests asked again after a failure that passed
     * @param duration        how long it took
     */
    public record Summary(String exchange, String symbol, Duration interval, Target target, long windowsExpected,
                          long candlesWritten, Instant firstWindow, Instant lastWindow, int chunks, int retries,
                          Duration duration) {
    }

    private final ExchangeAdapter exchange;
    private final EventProducer producer;
    private final Clock clock;
    private final Settings settings;
    private final Backoff backoff;

    /**
     * @param exchange where the candles come from
     * @param producer where they go; owned by the caller, and flushed after each chunk (with whatever else the
     *                 caller sent through it)
     * @param clock    the exchange's now: it cuts ranges that end later, and stamps synthetic ticks' received time
     */
    public Backfill(ExchangeAdapter exchange, EventProducer producer, Clock clock, Settings settings) {
        this.exchange = Objects.requireNonNull(exchange, "exchange");
        this.producer = Objects.requireNonNull(producer, "producer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.backoff = new Backoff(settings.backoff());
    }

    /** With the {@link Settings#forExchange settings for the adapter's exchange}. */
    public Backfill(ExchangeAdapter exchange, EventProducer producer, Clock clock) {
        this(exchange, producer, clock, Settings.forExchange(Exchange.of(exchange.exchange())));
    }

    /**
     * Loads the request's windows, calling {@code progress} after each chunk on this thread. A listener that
     * throws stops the backfill there, with its exception; what was written stays written.
     *
     * @throws BackfillFailedException  when a chunk could not be fetched or written
     * @throws IllegalArgumentException when the range is empty, or the exchange does not list the symbol or offer
     *                                  the interval (before anything is written)
     */
    public Summary run(Request request, Consumer<Progress> progress) {
        long started = System.nanoTime();
        Instant now = clock.instant();
        Instant to = request.to().isAfter(now) ? now : request.to();
        if (!request.from().isBefore(to)) {
            throw new IllegalArgumentException("nothing to backfill: from " + request.from() + " is not before "
                    + (to.equals(request.to()) ? "to " + to : "now " + now + " (to " + request.to() + " is later)"));
        }
        CandleSpan span = new CandleSpan(request.from(), to, request.interval());
        Run run = new Run(request, span);
        log.info("Backfilling {} into {}: {} windows from {} to {}", run.what, request.target().topic(),
                span.windows(), span.firstStart(), to);
        long windowsSoFar = 0;
        List<CandleSpan> chunks = span.pages(settings.windowsPerChunk());
        for (CandleSpan chunk : chunks) {
            List<Candle> candles = fetch(run, chunk);
            write(run, chunk, candles);
            windowsSoFar += chunk.windows();
            progress.accept(new Progress(chunk.from(), chunk.to(), run.written, windowsSoFar, span.windows()));
        }
        Summary summary = new Summary(exchange.exchange(), request.symbol(), request.interval(), request.target(),
                span.windows(), run.written, run.firstWindow, run.lastWindow, chunks.size(), run.retries,
                Duration.ofNanos(System.nanoTime() - started));
        log.info("Backfilled {}: {} of {} windows written, {} retries, in {} ms", run.what, summary.candlesWritten(),
                summary.windowsExpected(), summary.retries(), summary.duration().toMillis());
        return summary;
    }

    /** The chunk's candles, asking again while it fails for a reason that may pass. */
    private List<Candle> fetch(Run run, CandleSpan chunk) {
        for (int attempt = 1; ; attempt++) {
            CandlesResult result = exchange.fetchCandles(run.request.symbol(), chunk.from(), chunk.to(),
                    run.request.interval());
            if (result instanceof CandlesResult.Candles fetched) {
                return fetched.candles();
            }
            FetchResult.Failure failure = (FetchResult.Failure) result;
            String cause = failure.reason().code() + ": " + failure.detail() + " (" + failure.url() + ")";
            if (failure.retryAfter() == null && !TRANSIENT.contains(failure.reason())) {
                throw run.stopped(chunk, cause + ", which asking again would not change", failure, null);
            }
            if (attempt == settings.attempts()) {
                throw run.stopped(chunk, cause + "; gave up after " + attempt + " attempts", failure, null);
            }
            Duration pause = backoff.next(attempt, failure.retryAfter());
            log.warn("{} chunk {} to {} failed: {}; asking again in {} ms (attempt {} of {})", run.what, chunk.from(),
                    chunk.to(), cause, pause.toMillis(), attempt + 1, settings.attempts());
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw run.stopped(chunk, "interrupted while waiting to ask again after " + cause, failure, e);
            }
            run.retries++;
        }
    }

    /** Sends the chunk's records and flushes; a record Kafka did not accept stops the backfill. */
    private void write(Run run, CandleSpan chunk, List<Candle> candles) {
        AtomicLong acknowledged = new AtomicLong();
        AtomicReference<Exception> firstError = new AtomicReference<>();
        Callback callback = (metadata, error) -> {
            if (error == null) {
                acknowledged.incrementAndGet();
            } else {
                firstError.compareAndSet(null, error);
            }
        };
        Instant received = clock.instant();
        for (Candle candle : candles) {
            try {
                send(run.request, candle, received, callback);
            } catch (RuntimeException e) {
                // the producer throws, rather than calling back, for errors before a record is queued
                callback.onCompletion(null, e);
                break;
            }
        }
        try {
            producer.flush();
        } catch (RuntimeException e) {
            firstError.compareAndSet(null, e);
        }
        run.written += acknowledged.get();
        Exception error = firstError.get();
        if (error != null) {
            throw run.stopped(chunk, "Kafka did not accept " + (candles.size() - acknowledged.get()) + " of its "
                    + candles.size() + " records: " + error, null, error);
        }
        if (!candles.isEmpty()) {
            if (run.firstWindow == null) {
                run.firstWindow = candles.get(0).windowStart();
            }
            run.lastWindow = candles.get(candles.size() - 1).windowStart();
        }
    }

    private void send(Request request, Candle candle, Instant received, Callback callback) {
        switch (request.target()) {
            case CANDLES -> producer.send(Topics.CRYPTO_OHLC, candle.instrument(), candle, candle.windowEnd(), callback);
            case TICKS -> {
                CryptoTick tick = new CryptoTick(CryptoTick.VERSION, exchange.exchange(), request.symbol(),
                        candle.close(), null, null, null, null, candle.windowEnd(), received, TimeSource.EXCHANGE);
                producer.send(Topics.CRYPTO_TICKS, tick.key(), tick, tick.eventTime(), callback);
            }
        }
    }

    /** {@code 1m}, {@code 4h}, {@code 1d}: an interval as exchanges and the command line write it. */
    public static String shortForm(Duration interval) {
        long seconds = interval.getSeconds();
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }

    /** One backfill's counts so far. */
    private final class Run {
        private final Request request;
        /** {@code kraken BTC-USD 1m}, for messages. */
        private final String what;
        private long written;
        private int retries;
        private Instant firstWindow;
        private Instant lastWindow;

        Run(Request request, CandleSpan span) {
            this.request = request;
            this.what = exchange.exchange() + " " + request.symbol() + " " + shortForm(span.interval());
        }

        BackfillFailedException stopped(CandleSpan chunk, String cause, FetchResult.Failure failure, Throwable error) {
            String message = "backfill of " + what + " into " + request.target().topic() + " stopped at the chunk "
                    + chunk.from() + " to " + chunk.to() + ": " + cause + ". " + (written == 0 ? "Nothing was written."
                    : "The " + written + " records written so far stay written.");
            return new BackfillFailedException(message, chunk.from(), chunk.to(), written, failure, error);
        }
    }
}
