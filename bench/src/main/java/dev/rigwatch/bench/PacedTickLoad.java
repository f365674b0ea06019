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
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The latency runs' live load: {@link BenchInput}'s ticks sent at a paced rate through ingest's producer, on an
 * event clock that runs {@value #SPEED} times the wall clock, so that 1-minute candles close every wall second rather
 * than every minute and an hour of live traffic fits in a minute. Every instrument's price alternates each event
 * minute between below and above {@link #LEVEL}, so that every candle crosses the level one way or the other: an alert
 * per instrument and wall second, enough for a p99 from a minute's run. The load remembers when the first tick of each
 * event time was sent on each partition: the tick that moved that partition's task to that stream time, which is what
 * closes a candle.
 */
final class PacedTickLoad {

    /** Event time per wall time: each wall second of load carries a minute of ticks. */
    static final int SPEED = 60;
    /** Each instrument's ticks per wall second (an event minute) at the least, so that none lacks a candle. */
    private static final int MIN_TICKS_PER_EVENT_MINUTE = 4;
    static final BigDecimal LEVEL = new BigDecimal("5000.00");
    private static final BigDecimal BELOW = new BigDecimal("4950.00");
    private static final BigDecimal ABOVE = new BigDecimal("5050.00");
    private static final BigDecimal SPREAD = new BigDecimal("0.01");
    /** Sends go out in small batches this often, each stamped with the event time of its moment. */
    private static final long BATCH_EVERY_NANOS = Duration.ofMillis(2).toNanos();

    private final BenchInput input;
    private final int ticksPerSecond;
    private final Instant eventStart;
    /** Per partition: event time (ms) to the nanoTime at which its first tick was sent. */
    private final Map<Integer, ConcurrentNavigableMap<Long, Long>> firstSentAt = new ConcurrentHashMap<>();
    /** Per instrument ({@code exchange:SYMBOL}): the partition its ticks went to. */
    private final Map<String, Integer> partitionOf = new ConcurrentHashMap<>();
    private final AtomicReference<Exception> failed = new AtomicReference<>();
    private long sent;
    private volatile long startedNanos;
    private long ranNanos;

    /** The slowest load at which every one of {@code instruments} ticks in every event minute. */
    static int minimumRate(int instruments) {
        return instruments * MIN_TICKS_PER_EVENT_MINUTE;
    }

    /** @param duration how long the load will run: event time starts that far back, scaled, so it ends about now */
    PacedTickLoad(int instruments, int ticksPerSecond, Duration duration) {
        this(new BenchInput(instruments), ticksPerSecond, duration);
    }

    /** The same load on {@code input}'s instruments (all of one exchange, for its WebSocket feed). */
    PacedTickLoad(BenchInput input, int ticksPerSecond, Duration duration) {
        int instruments = input.instruments();
        if (ticksPerSecond < minimumRate(instruments)) {
            throw new IllegalArgumentException("at least " + minimumRate(instruments)
                    + " ticks/s, so that every instrument ticks in every event minute; got " + ticksPerSecond);
        }
        this.input = input;
        this.ticksPerSecond = ticksPerSecond;
        // in the past rather than the future: the broker refuses timestamps over an hour ahead of its clock
        this.eventStart = Instant.now().minus(duration.multipliedBy(SPEED)).truncatedTo(ChronoUnit.MINUTES);
    }

    /** An alert the load's crossings fire: on {@code instrument}'s candle ending at {@code windowEnd}. */
    record Crossing(String instrument, Instant windowEnd) {}

    /**
     * Where the load's ticks go: straight to Kafka ({@link #run(EventProducer, Topic, Duration, Runnable)}), or out as
     * an exchange's messages to ingest. Called on the load's thread, in order.
     */
    interface TickSink {
        /**
         * Sends {@code tick} (its event time {@code time}); {@code sent} is told, once, the partition of
         * {@code crypto.ticks} it goes to and when it was sent ({@code nanoTime}), in the order of each partition's
         * ticks.
         */
        void send(CryptoTick tick, Instant time, Sent sent);

        /** After the last send: everything sent is on its way. */
        void flush();

        /** Where the ticks come from, when they failed to go; null while all is well. */
        default Exception failure() {
            return null;
        }
    }

    /** Told of each tick sent. */
    interface Sent {
        void sent(int partition, long sentNanos);
    }

    /**
     * Sends for {@code duration}, {@code ticksPerSecond} ticks each wall second over all instruments in turn, then
     * flushes; {@code everyFewSeconds} is run about every {@link Bench#PROGRESS_EVERY}.
     *
     * @throws IllegalStateException when Kafka refused a tick
     */
    void run(EventProducer producer, Topic<String, CryptoTick> ticks, Duration duration, Runnable everyFewSeconds) {
        run(new TickSink() {
            @Override
            public void send(CryptoTick tick, Instant time, Sent sent) {
                long sentAt = System.nanoTime();
                // callbacks of one partition come in send order
                producer.send(ticks, tick.key(), tick, time, (metadata, e) -> {
                    if (e != null) {
                        failed.compareAndSet(null, e);
                    } else {
                        sent.sent(metadata.partition(), sentAt);
                    }
                });
            }

            @Override
            public void flush() {
                producer.flush();
            }
        }, duration, everyFewSeconds);
    }

    /**
     * The same, through {@code sink}.
     *
     * @throws IllegalStateException when a tick could not be sent
     */
    void run(TickSink sink, Duration duration, Runnable everyFewSeconds) {
        startedNanos = System.nanoTime();
        long end = startedNanos + duration.toNanos();
        long lastTold = startedNanos;
        for (long now = startedNanos; now < end && failure(sink) == null; now = System.nanoTime()) {
            long due = (now - startedNanos) * ticksPerSecond / 1_000_000_000L;
            Instant time = eventTimeAt(now);
            for (; sent < due; sent++) {
                send(sink, (int) (sent % input.instruments()), time);
            }
            if (now - lastTold > Bench.PROGRESS_EVERY.toNanos()) {
                everyFewSeconds.run();
                lastTold = now;
            }
            LockSupport.parkNanos(BATCH_EVERY_NANOS);
        }
        ranNanos = System.nanoTime() - startedNanos;
        sink.flush();
        Exception failure = failure(sink);
        if (failure != null) {
            throw new IllegalStateException("a tick of the load could not be sent: " + failure.getMessage(), failure);
        }
    }

    private Exception failure(TickSink sink) {
        return failed.get() != null ? failed.get() : sink.failure();
    }

    private void send(TickSink sink, int instrument, Instant time) {
        CryptoTick tick = withPrice(input.tick(instrument, time), alertPriceAt(time));
        String key = tick.key();
        long eventMs = time.toEpochMilli();
        sink.send(tick, time, (partition, sentAt) -> {
            partitionOf.putIfAbsent(key, partition);
            // told in each partition's send order, so the first one in is the first tick sent
            firstSentAt.computeIfAbsent(partition, p -> new ConcurrentSkipListMap<>()).putIfAbsent(eventMs, sentAt);
        });
    }

    /** The load's event time now: its start until it runs, then {@value #SPEED} times the wall clock on from it. */
    Instant eventNow() {
        return startedNanos == 0 ? eventStart : eventTimeAt(System.nanoTime());
    }

    /** Where the load's event time starts (a whole minute). */
    Instant eventStart() {
        return eventStart;
    }

    /** The load's instruments, as its ticks key them. */
    BenchInput input() {
        return input;
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
     * When the tick that closed the candle of {@code crossing} was sent ({@code nanoTime}): the first tick on its
     * instrument's partition at or past the window end + {@code grace}; -1 when none was sent.
     */
    long closingTickSentAt(Crossing crossing, Duration grace) {
        Map.Entry<Long, Long> first = ticksOn(crossing.instrument())
                .ceilingEntry(crossing.windowEnd().plus(grace).toEpochMilli());
        return first == null ? -1 : first.getValue();
    }

    /**
     * Every instrument's candles that the load closed, but the first of each: the first only tells a crossing which
     * side the price is on, every later one crosses the level.
     */
    List<Crossing> crossings(Duration grace) {
        List<Crossing> crossings = new ArrayList<>();
        for (String instrument : partitionOf.keySet()) {
            ConcurrentNavigableMap<Long, Long> sentAt = ticksOn(instrument);
            // every instrument ticks in the load's first batch, so each partition's first candle is each one's too
            Instant firstEnd = minuteOf(sentAt.firstKey()).plus(Candles.INTERVAL);
            Instant lastClosed = minuteOf(sentAt.lastKey() - grace.toMillis());
            for (Instant end = firstEnd.plus(Candles.INTERVAL); !end.isAfter(lastClosed); end = end.plus(Candles.INTERVAL)) {
                crossings.add(new Crossing(instrument, end));
            }
        }
        return crossings;
    }

    private static Instant minuteOf(long epochMs) {
        return Instant.ofEpochMilli(epochMs).truncatedTo(ChronoUnit.MINUTES);
    }

    private ConcurrentNavigableMap<Long, Long> ticksOn(String instrument) {
        return firstSentAt.get(partitionOf.get(instrument));
    }
}
