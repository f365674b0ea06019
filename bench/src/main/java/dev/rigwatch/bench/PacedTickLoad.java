package dev.rigwatch.bench;

import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.kafka.EventProducer;
import dev.rigwatch.streams.candles.Candles;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The latency runs' live load: {@link BenchInput}'s ticks sent at a paced rate through ingest's producer, on an
 * event clock that runs {@value #SPEED} times the wall clock, so that 1-minute candles close every wall second rather
 * than every minute and an hour of live traffic fits in a minute. One instrument's price alternates each event minute
 * between below and above {@link #LEVEL}, so that every candle of it crosses the level one way or the other. The load
 * remembers when the first tick of each event time was sent on each partition: the tick that moved that partition's
 * task to that stream time, which is what closes a candle.
 */
final class PacedTickLoad {

    /** Event time per wall time: each wall second of load carries a minute of ticks. */
    static final int SPEED = 60;
    static final int ALERT_INSTRUMENT = 0;
    /** Each instrument's ticks per wall second (an event minute) at the least, so that none lacks a candle. */
    private static final int MIN_TICKS_PER_EVENT_MINUTE = 4;
    /** Far above every other instrument's price (BenchInput's start between 10 and 1,010), so only one crosses it. */
    static final BigDecimal LEVEL = new BigDecimal("5000.00");
    private static final BigDecimal BELOW = new BigDecimal("4950.00");
    private static final BigDecimal ABOVE = new BigDecimal("5050.00");
    private static final BigDecimal SPREAD = new BigDecimal("0.01");
    /** Sends go out in small batches this often, each stamped with the event time of its moment. */
    private static final long BATCH_EVERY_NANOS = Duration.ofMillis(2).toNanos();

    private final BenchInput input;
    private final int ticksPerSecond;
    private final Instant eventStart;
    private final CryptoTick alertTemplate;
    /** Per partition: event time (ms) to the nanoTime at which its first tick was sent. */
    private final Map<Integer, ConcurrentNavigableMap<Long, Long>> firstSentAt = new ConcurrentHashMap<>();
    private final AtomicInteger alertPartition = new AtomicInteger(-1);
    private final AtomicReference<Exception> failed = new AtomicReference<>();
    private long sent;
    private long startedNanos;
    private long ranNanos;

    /** The slowest load at which every one of {@code instruments} ticks in every event minute. */
    static int minimumRate(int instruments) {
        return instruments * MIN_TICKS_PER_EVENT_MINUTE;
    }

    /** @param duration how long the load will run: event time starts that far back, scaled, so it ends about now */
    PacedTickLoad(int instruments, int ticksPerSecond, Duration duration) {
        if (ticksPerSecond < minimumRate(instruments)) {
            throw new IllegalArgumentException("at least " + minimumRate(instruments)
                    + " ticks/s, so that every instrument ticks in every event minute; got " + ticksPerSecond);
        }
        this.input = new BenchInput(instruments);
        this.ticksPerSecond = ticksPerSecond;
        // in the past rather than the future: the broker refuses timestamps over an hour ahead of its clock
        this.eventStart = Instant.now().minus(duration.multipliedBy(SPEED)).truncatedTo(ChronoUnit.MINUTES);
        this.alertTemplate = input.tick(ALERT_INSTRUMENT, eventStart);
    }

    /** {@code exchange:SYMBOL} of the instrument whose price crosses {@link #LEVEL}. */
    String alertInstrument() {
        return alertTemplate.key();
    }

    String alertSymbol() {
        return alertTemplate.symbol();
    }

    /**
     * Sends for {@code duration}, {@code ticksPerSecond} ticks each wall second over all instruments in turn, then
     * flushes; {@code everyFewSeconds} is run about every {@link Bench#PROGRESS_EVERY}.
     *
     * @throws IllegalStateException when Kafka refused a tick
     */
    void run(EventProducer producer, Topic<String, CryptoTick> ticks, Duration duration, Runnable everyFewSeconds) {
        startedNanos = System.nanoTime();
        long end = startedNanos + duration.toNanos();
        long lastTold = startedNanos;
        for (long now = startedNanos; now < end && failed.get() == null; now = System.nanoTime()) {
            long due = (now - startedNanos) * ticksPerSecond / 1_000_000_000L;
            Instant time = eventTimeAt(now);
            for (; sent < due; sent++) {
                send(producer, ticks, (int) (sent % input.instruments()), time);
            }
            if (now - lastTold > Bench.PROGRESS_EVERY.toNanos()) {
                everyFewSeconds.run();
                lastTold = now;
            }
            LockSupport.parkNanos(BATCH_EVERY_NANOS);
        }
        ranNanos = System.nanoTime() - startedNanos;
        producer.flush();
        if (failed.get() != null) {
            throw new IllegalStateException("Kafka refused a tick of the load: " + failed.get().getMessage(),
                    failed.get());
        }
    }

    private void send(EventProducer producer, Topic<String, CryptoTick> ticks, int instrument, Instant time) {
        CryptoTick tick = input.tick(instrument, time);
        boolean alerting = instrument == ALERT_INSTRUMENT;
        if (alerting) {
            tick = withPrice(tick, alertPriceAt(time));
        }
        long eventMs = time.toEpochMilli();
        long sentAt = System.nanoTime();
        producer.send(ticks, tick.key(), tick, time, (metadata, e) -> {
            if (e != null) {
                failed.compareAndSet(null, e);
                return;
            }
            if (alerting) {
                alertPartition.set(metadata.partition());
            }
            // callbacks of one partition come in send order, so the first one in is the first tick sent
            firstSentAt.computeIfAbsent(metadata.partition(), p -> new ConcurrentSkipListMap<>())
                    .putIfAbsent(eventMs, sentAt);
        });
    }

    /** Below the level in even event minutes, above it in odd ones: one close, one crossing. */
    private static BigDecimal alertPriceAt(Instant time) {
        long minute = Math.floorDiv(time.getEpochSecond(), Candles.INTERVAL.toSeconds());
        return minute % 2 == 0 ? BELOW : ABOVE;
    }

    private static CryptoTick withPrice(CryptoTick tick, BigDecimal price) {
        return new CryptoTick(tick.v(), tick.exchange(), tick.symbol(), price, price.subtract(SPREAD),
                price.add(SPREAD), tick.volume24h(), tick.tradeId(), tick.exchangeTime(), tick.receivedTime(),
                tick.eventTimeSource());
    }

    private Instant eventTimeAt(long nanos) {
        return eventStart.plusMillis((nanos - startedNanos) * SPEED / 1_000_000);
    }

    long sent() {
        return sent;
    }

    /** When the load started, as {@link System#nanoTime()}. */
    long startedNanos() {
        return startedNanos;
    }

    /** How long the load ran, in seconds. */
    double seconds() {
        return ranNanos / 1e9;
    }

    /**
     * When the tick that closed the alert instrument's candle ending {@code windowEnd} was sent ({@code nanoTime}):
     * the first tick on its partition at or past {@code windowEnd + grace}; -1 when none was sent.
     */
    long closingTickSentAt(Instant windowEnd, Duration grace) {
        Map.Entry<Long, Long> first = alertTicks().ceilingEntry(windowEnd.plus(grace).toEpochMilli());
        return first == null ? -1 : first.getValue();
    }

    /**
     * The window ends of the alert instrument's candles that the load closed, but the first: the first only tells a
     * crossing which side the price is on, every later one crosses the level.
     */
    List<Instant> crossingWindowEnds(Duration grace) {
        ConcurrentNavigableMap<Long, Long> sentAt = alertTicks();
        List<Instant> ends = new ArrayList<>();
        if (sentAt.isEmpty()) {
            return ends;
        }
        // the load's first tick is the alert instrument's, so the partition's first candle is its first one too
        Instant firstEnd = minuteOf(sentAt.firstKey()).plus(Candles.INTERVAL);
        Instant lastClosed = minuteOf(sentAt.lastKey() - grace.toMillis());
        for (Instant end = firstEnd.plus(Candles.INTERVAL); !end.isAfter(lastClosed); ) {
            ends.add(end);
            end = end.plus(Candles.INTERVAL);
        }
        return ends;
    }

    private static Instant minuteOf(long epochMs) {
        return Instant.ofEpochMilli(epochMs).truncatedTo(ChronoUnit.MINUTES);
    }

    private ConcurrentNavigableMap<Long, Long> alertTicks() {
        ConcurrentNavigableMap<Long, Long> sentAt = firstSentAt.get(alertPartition.get());
        return sentAt == null ? new ConcurrentSkipListMap<>() : sentAt;
    }
}
