package dev.rigwatch.ingest.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rigwatch.broker.testing.SharedKafka;
import dev.rigwatch.events.Candle;
import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.TimeSource;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.kafka.EventProducer;
import dev.rigwatch.ingest.RejectReason;
import dev.rigwatch.ingest.exchange.Exchange;
import dev.rigwatch.ingest.exchange.ExchangeAdapter;
import dev.rigwatch.ingest.http.SourceHttpClient;
import dev.rigwatch.ingest.exchange.InstrumentRegistry;
import dev.rigwatch.ingest.resilience.Backoff;
import dev.rigwatch.simulator.FaultPlan;
import dev.rigwatch.simulator.PricePath;
import dev.rigwatch.simulator.SimulatedClock;
import dev.rigwatch.simulator.SimulatedMarket;
import dev.rigwatch.simulator.SimulatedProduct;
import dev.rigwatch.simulator.SimulatorServer;
import dev.rigwatch.simulator.TradeStats;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Backfill against the simulator's four exchange APIs and the real broker. The simulated market stands still at a
 * random minute of the past weeks ({@link #now}), so its history up to then is complete and each run's windows
 * differ from any other run's on the shared topics.
 */
class BackfillTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final InstrumentRegistry INSTRUMENTS = InstrumentRegistry.load();
    /** Quick retries, so that only a {@code Retry-After} makes a test wait. */
    private static final Backoff.Settings QUICK = new Backoff.Settings(Duration.ofMillis(10), 2, 0.5, Duration.ofMillis(100));

    /**
     * Each test writes candles of the same instruments to shared topics and selects them by time, so each gets a
     * 12-hour slot of its own (the longest test reads 10 hours back), somewhere in the 1-21 days back that no
     * other test of this module writes to.
     */
    private static final Duration SLOT = Duration.ofHours(12);
    private static final Instant FIRST_SLOT = Instant.now().minus(Duration.ofDays(1))
            .minus(Duration.ofMinutes(ThreadLocalRandom.current().nextLong(60 * 24 * 10))).truncatedTo(ChronoUnit.MINUTES);
    private static final AtomicInteger SLOTS_TAKEN = new AtomicInteger();

    private final OkHttpClient okHttp = new OkHttpClient();
    private Instant now;
    private Clock clock;
    private SimulatedMarket market;
    private SourceHttpClient http;
    private EventProducer producer;

    @BeforeEach
    void standStillInThePast() {
        now = FIRST_SLOT.minus(SLOT.multipliedBy(SLOTS_TAKEN.getAndIncrement()));
        clock = Clock.fixed(now, ZoneOffset.UTC);
        market = new SimulatedMarket(new SimulatedClock(clock, now, 1), new PricePath(SimulatedMarket.DEFAULT_SEED),
                SimulatedProduct.defaults());
        http = new SourceHttpClient(okHttp, Duration.ofSeconds(1), Duration.ofSeconds(2), clock);
        producer = new EventProducer(SharedKafka.bootstrapServers(), "backfill-test");
    }

    @AfterEach
    void close() {
        producer.close();
        okHttp.dispatcher().executorService().shutdown();
        okHttp.connectionPool().evictAll();
    }

    @Test
    void threeHoursOfMinuteCandlesFromTwoExchangesAreWrittenOncePerWindowWithTheSimulatorsValues() {
        Instant from = now.minus(Duration.ofHours(3));
        try (SimulatorServer simulator = new SimulatorServer(market, SimulatorServer.LOOPBACK, 0).start()) {
            for (Exchange exchange : List.of(Exchange.COINBASE, Exchange.KRAKEN)) {
                List<Backfill.Progress> progress = new ArrayList<>();
                Backfill.Summary summary = new Backfill(adapter(exchange, simulator.baseUrl()), producer, clock)
                        .run(new Backfill.Request("BTC-USD", from, now, MINUTE, Backfill.Target.CANDLES), progress::add);

                assertThat(summary).isEqualTo(new Backfill.Summary(exchange.id(), "BTC-USD", MINUTE,
                        Backfill.Target.CANDLES, 180, 180, from, now.minus(MINUTE), 1, 0, summary.duration()));
                assertThat(progress).containsExactly(new Backfill.Progress(from, now, 180, 180, 180));
            }
        }

        for (Exchange exchange : List.of(Exchange.COINBASE, Exchange.KRAKEN)) {
            String key = exchange.id() + ":BTC-USD";
            List<ConsumerRecord<String, Candle>> records = SharedKafka.consume(Topics.CRYPTO_OHLC,
                    r -> r.key().equals(key) && inRange(r.value().windowStart(), from, now), 180, WAIT);
            assertThat(records).hasSize(180);
            List<Long> starts = new ArrayList<>();
            for (ConsumerRecord<String, Candle> record : records) {
                Candle candle = record.value();
                starts.add(candle.windowStart().getEpochSecond());
                assertThat(record.timestamp()).isEqualTo(candle.windowEnd().toEpochMilli());
                assertThat(candle).usingRecursiveComparison()
                        .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                        .isEqualTo(simulatedCandle(exchange, SimulatedProduct.BTC_USD, candle.windowStart(), MINUTE));
            }
            assertThat(starts).as(key + " windows, in partition order")
                    .containsExactlyElementsOf(LongStream.range(0, 180).map(i -> from.getEpochSecond() + 60 * i).boxed().toList());
        }
    }

    @Test
    void aChunkIsWhatOneRequestToTheExchangeReturns() {
        Instant from = now.minus(Duration.ofHours(10));
        List<Backfill.Progress> progress = new ArrayList<>();
        try (SimulatorServer simulator = new SimulatorServer(market, SimulatorServer.LOOPBACK, 0).start()) {
            new Backfill(adapter(Exchange.COINBASE, simulator.baseUrl()), producer, clock)
                    .run(new Backfill.Request("BTC-USD", from, now, MINUTE, Backfill.Target.CANDLES), progress::add);
        }
        // Coinbase returns at most 300 candles, its start and end both inclusive: 299 windows a request
        Instant first = from.plus(MINUTE.multipliedBy(299));
        Instant second = from.plus(MINUTE.multipliedBy(598));
        assertThat(progress).containsExactly(
                new Backfill.Progress(from, first, 299, 299, 600),
                new Backfill.Progress(first, second, 598, 598, 600),
                new Backfill.Progress(second, now, 600, 600, 600));
        assertThat(progress.get(0).percent()).isEqualTo(100.0 * 299 / 600);
    }

    @Test
    void ticksTargetWritesOneSyntheticTickPerCandleAtItsCloseAndWindowEnd() {
        Instant from = now.minus(Duration.ofHours(1));
        Backfill.Summary summary;
        try (SimulatorServer simulator = new SimulatorServer(market, SimulatorServer.LOOPBACK, 0).start()) {
            summary = new Backfill(adapter(Exchange.BINANCE, simulator.baseUrl()), producer, clock)
                    .run(new Backfill.Request("BTC-USDT", from, now, MINUTE, Backfill.Target.TICKS), p -> { });
        }
        assertThat(summary.candlesWritten()).isEqualTo(60);
        assertThat(summary.target()).isEqualTo(Backfill.Target.TICKS);

        List<ConsumerRecord<String, CryptoTick>> records = SharedKafka.consume(Topics.CRYPTO_TICKS,
                r -> r.key().equals("binance:BTC-USDT") && r.value().exchangeTime() != null
                        && inRange(r.value().exchangeTime().minus(MINUTE), from, now), 60, WAIT);
        assertThat(records).hasSize(60);
        for (int i = 0; i < 60; i++) {
            Instant windowStart = from.plus(MINUTE.multipliedBy(i));
            Instant windowEnd = windowStart.plus(MINUTE);
            ConsumerRecord<String, CryptoTick> record = records.get(i);
            BigDecimal close = market.stats(dev.rigwatch.simulator.SimulatedExchange.BINANCE, SimulatedProduct.BTC_USD,
                    windowStart.getEpochSecond(), windowEnd.getEpochSecond() - 1).close();
            assertThat(record.timestamp()).isEqualTo(windowEnd.toEpochMilli());
            assertThat(record.value()).usingRecursiveComparison()
                    .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                    .isEqualTo(new CryptoTick(CryptoTick.VERSION, "binance", "BTC-USDT", close, null, null, null, null,
                            windowEnd, now, TimeSource.EXCHANGE));
        }
    }

    @Test
    void hourlyCandlesOfARangeEndingAfterNowStopAtTheLastClosedWindow() {
        Instant hour = now.truncatedTo(ChronoUnit.HOURS);
        Instant from = hour.minus(Duration.ofHours(6));
        Duration interval = Duration.ofHours(1);
        Backfill.Summary summary;
        try (SimulatorServer simulator = new SimulatorServer(market, SimulatorServer.LOOPBACK, 0).start()) {
            summary = new Backfill(adapter(Exchange.BITSTAMP, simulator.baseUrl()), producer, clock)
                    .run(new Backfill.Request("ETH-USD", from, now.plus(Duration.ofDays(1)), interval,
                            Backfill.Target.CANDLES), p -> { });
        }
        // the window that holds now is still open
        assertThat(summary.windowsExpected()).isEqualTo(6);
        assertThat(summary.candlesWritten()).isEqualTo(6);
        assertThat(summary.lastWindow()).isEqualTo(hour.minus(interval));

        List<ConsumerRecord<String, Candle>> records = SharedKafka.consume(Topics.CRYPTO_OHLC,
                r -> r.key().equals("bitstamp:ETH-USD") && r.value().interval().equals(interval)
                        && inRange(r.value().windowStart(), from, hour.plus(interval)), 6, WAIT);
        assertThat(records).hasSize(6);
        for (ConsumerRecord<String, Candle> record : records) {
            assertThat(record.value()).usingRecursiveComparison()
                    .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                    .isEqualTo(simulatedCandle(Exchange.BITSTAMP, SimulatedProduct.ETH_USD, record.value().windowStart(),
                            interval));
        }
    }

    @Test
    void aChunkAnswered500Then429IsAskedAgainAfterTheRetryAfterAndNothingIsLostOrDuplicated() {
        FaultPlan plan = new FaultPlan(0.3, 0.3, 0, 0, FaultPlan.DEFAULT_SLOW_DELAY, 327);
        // this seed's first Coinbase candle requests: chunk 1 fine, chunk 2 answered 500, then 429, then fine
        assertThat(LongStream.range(0, 5).mapToObj(i -> plan.faultOf("coinbase candles", i)).toList()).containsExactly(
                FaultPlan.Fault.NONE, FaultPlan.Fault.SERVER_ERROR, FaultPlan.Fault.RATE_LIMITED, FaultPlan.Fault.NONE,
                FaultPlan.Fault.NONE);
        Instant from = now.minus(Duration.ofHours(3));
        List<Backfill.Progress> progress = new ArrayList<>();
        Backfill.Summary summary;
        try (SimulatorServer simulator = new SimulatorServer(market, SimulatorServer.LOOPBACK, 0).faults(plan).start()) {
            summary = new Backfill(adapter(Exchange.COINBASE, simulator.baseUrl()), producer, clock,
                    new Backfill.Settings(60, 4, QUICK))
                    .run(new Backfill.Request("ETH-USD", from, now, MINUTE, Backfill.Target.CANDLES), progress::add);
        }

        assertThat(summary.candlesWritten()).isEqualTo(180);
        assertThat(summary.chunks()).isEqualTo(3);
        assertThat(summary.retries()).isEqualTo(2);
        // the simulator's 429 says Retry-After: 1
        assertThat(summary.duration()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        Instant hour1 = from.plus(Duration.ofHours(1));
        Instant hour2 = from.plus(Duration.ofHours(2));
        assertThat(progress).containsExactly(
                new Backfill.Progress(from, hour1, 60, 60, 180),
                new Backfill.Progress(hour1, hour2, 120, 120, 180),
                new Backfill.Progress(hour2, now, 180, 180, 180));

        List<ConsumerRecord<String, Candle>> records = SharedKafka.consume(Topics.CRYPTO_OHLC,
                r -> r.key().equals("coinbase:ETH-USD") && inRange(r.value().windowStart(), from, now), 180, WAIT);
        assertThat(records).hasSize(180);
        assertThat(records.stream().map(r -> r.value().windowStart())).doesNotHaveDuplicates();
    }

    @Test
    void anExchangeThatStaysDownStopsTheBackfillNamingTheChunkAndWhatWasWritten() {
        Instant from = now.minus(Duration.ofHours(3));
        Instant hour1 = from.plus(Duration.ofHours(1));
        Instant hour2 = from.plus(Duration.ofHours(2));
        BackfillFailedException failure;
        try (SimulatorServer simulator = new SimulatorServer(market, SimulatorServer.LOOPBACK, 0).start()) {
            Backfill backfill = new Backfill(adapter(Exchange.BITSTAMP, simulator.baseUrl()), producer, clock,
                    new Backfill.Settings(60, 3, QUICK));
            // the exchange goes away once the first chunk is in
            failure = catchThrowableOfType(BackfillFailedException.class, () -> backfill.run(
                    new Backfill.Request("BTC-USD", from, now, MINUTE, Backfill.Target.CANDLES), p -> simulator.close()));
        }

        assertThat(failure.chunkFrom()).isEqualTo(hour1);
        assertThat(failure.chunkTo()).isEqualTo(hour2);
        assertThat(failure.candlesWritten()).isEqualTo(60);
        assertThat(failure.failure()).hasValueSatisfying(f -> assertThat(f.reason()).isEqualTo(RejectReason.IO_ERROR));
        assertThat(failure.getMessage())
                .startsWith("backfill of bitstamp BTC-USD 1m into crypto.ohlc stopped at the chunk " + hour1 + " to "
                        + hour2 + ": io-error: ")
                .endsWith("; gave up after 3 attempts. The 60 records written so far stay written.");

        List<ConsumerRecord<String, Candle>> records = SharedKafka.consume(Topics.CRYPTO_OHLC,
                r -> r.key().equals("bitstamp:BTC-USD") && inRange(r.value().windowStart(), from, now), 60, WAIT);
        assertThat(records).hasSize(60);
        assertThat(records.get(59).value().windowStart()).isEqualTo(hour1.minus(MINUTE));
    }

    @Test
    void aFailureThatAskingAgainWouldNotChangeStopsAtTheFirstAttempt() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse.Builder().code(400).setHeader("Content-Type", "application/json")
                    .body("{\"message\":\"Unsupported granularity\"}").build());
            server.start();
            Instant from = now.minus(Duration.ofHours(3));
            Backfill backfill = new Backfill(adapter(Exchange.COINBASE, server.url("/").toString()), producer, clock,
                    new Backfill.Settings(60, 4, QUICK));

            BackfillFailedException failure = catchThrowableOfType(BackfillFailedException.class, () -> backfill.run(
                    new Backfill.Request("BTC-USD", from, now, MINUTE, Backfill.Target.CANDLES), p -> { }));

            assertThat(server.getRequestCount()).isEqualTo(1);
            assertThat(failure.candlesWritten()).isZero();
            assertThat(failure.getMessage()).contains(": http-4xx: HTTP 400 Client Error (")
                    .endsWith(", which asking again would not change. Nothing was written.");
        }
    }

    @Test
    void recordsKafkaDoesNotAcceptStopTheBackfillAtThatChunk() {
        Instant from = now.minus(Duration.ofHours(1));
        EventProducer closed = new EventProducer(SharedKafka.bootstrapServers(), "backfill-test-closed");
        closed.close();
        try (SimulatorServer simulator = new SimulatorServer(market, SimulatorServer.LOOPBACK, 0).start()) {
            Backfill backfill = new Backfill(adapter(Exchange.COINBASE, simulator.baseUrl()), closed, clock);

            BackfillFailedException failure = catchThrowableOfType(BackfillFailedException.class, () -> backfill.run(
                    new Backfill.Request("BTC-USD", from, now, MINUTE, Backfill.Target.CANDLES), p -> { }));

            assertThat(failure.candlesWritten()).isZero();
            assertThat(failure.failure()).isEmpty();
            assertThat(failure.getCause()).isInstanceOf(IllegalStateException.class);
            assertThat(failure.getMessage()).contains("stopped at the chunk " + from + " to " + now
                    + ": Kafka did not accept 60 of its 60 records: java.lang.IllegalStateException: ")
                    .endsWith("Nothing was written.");
        }
    }

    private ExchangeAdapter adapter(Exchange exchange, String baseUrl) {
        return exchange.adapter(http, baseUrl, INSTRUMENTS);
    }

    /** The candle the simulator's trades make of the window, as {@code exchange} publishes it. */
    private Candle simulatedCandle(Exchange exchange, SimulatedProduct product, Instant windowStart, Duration interval) {
        TradeStats stats = market.stats(dev.rigwatch.simulator.SimulatedExchange.valueOf(exchange.name()), product,
                windowStart.getEpochSecond(), windowStart.plus(interval).getEpochSecond() - 1);
        String symbol = exchange == Exchange.BINANCE ? product.baseAsset() + "-USDT" : product.id();
        return new Candle(Candle.VERSION, exchange.id() + ":" + symbol, interval, windowStart, windowStart.plus(interval),
                stats.open(), stats.high(), stats.low(), stats.close(), stats.volume(), 0);
    }

    private static boolean inRange(Instant time, Instant from, Instant to) {
        return !time.isBefore(from) && time.isBefore(to);
    }
}
