package dev.rigwatch.ingest;

import static dev.rigwatch.ingest.ScriptedExchange.json;
import static dev.rigwatch.ingest.ScriptedExchange.ticker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.rigwatch.broker.testing.SharedKafka;
import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.IngestReject;
import dev.rigwatch.events.TimeSource;
import dev.rigwatch.events.Topics;
import dev.rigwatch.ingest.http.SourceHttpClient;
import dev.rigwatch.ingest.exchange.InstrumentRegistry;
import dev.rigwatch.ingest.exchange.coinbase.CoinbaseAdapter;
import dev.rigwatch.ingest.exchange.kraken.KrakenAdapter;
import dev.rigwatch.ingest.gap.GapTracker;
import dev.rigwatch.ingest.resilience.Backoff;
import dev.rigwatch.ingest.resilience.SourceCircuitBreaker;
import dev.rigwatch.ingest.resilience.TickValidator;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The poller against a scripted Coinbase (MockWebServer) and the real shared Kafka broker. */
class TickerPollerTest extends ScriptedExchangeTestBase {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration INTERVAL = Duration.ofMillis(20);
    private static final Duration READ_TIMEOUT = Duration.ofMillis(300);
    private static final Instant TRADE_TIME = Instant.parse("2026-11-25T10:00:01.000001Z");

    /** Topics are shared by every test in this JVM: each test polls products of its own. */
    private final String product = uniqueProduct();

    @Test
    void producesEachNewTradeOnceAndCountsRepeatedPollsAsUnchanged() {
        Instant secondTradeTime = TRADE_TIME.plusMillis(1_500);
        exchange.script(product,
                ticker(1, "100.00", TRADE_TIME), ticker(1, "100.00", TRADE_TIME), ticker(1, "100.00", TRADE_TIME),
                ticker(2, "101.50", secondTradeTime));

        startPoller(product);
        Await.until("2 ticks acknowledged and repeats of the second counted", WAIT,
                () -> poller.stats().ticksProduced() == 2 && poller.stats().ticksUnchanged() >= 4, poller::stats);

        List<ConsumerRecord<String, CryptoTick>> ticks = ticksOf(product, 2);
        assertThat(ticks).extracting(ConsumerRecord::value)
                .usingRecursiveFieldByFieldElementComparatorIgnoringFields("receivedTime")
                .containsExactly(
                        tick(product, "1", "100.00", TRADE_TIME),
                        tick(product, "2", "101.50", secondTradeTime));
        assertThat(ticks).extracting(ConsumerRecord::timestamp)
                .containsExactly(TRADE_TIME.toEpochMilli(), secondTradeTime.toEpochMilli());
        assertThat(counter("ticks.produced")).isEqualTo(2);
        assertThat((long) registry.get("rigwatch.ticks").tag("exchange", "coinbase").tag("symbol", product)
                .functionCounter().count()).isEqualTo(2);
        assertThat(counter("ticks.unchanged")).isEqualTo(poller.stats().ticksUnchanged());
        assertThat(poller.stats().pollsFailed()).isZero();
    }

    @Test
    void everyFailureIsRejectedAndCountedByReasonAndPollingGoesOn() {
        String html = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";
        exchange.script(product,
                json(500, "{\"message\":\"Internal server error\"}"),
                new MockResponse.Builder().code(502).setHeader("Content-Type", "text/html").body(html).build(),
                json(200, html),
                json(200, "{\"ask\":\"37412.83\",\"bid\":\"374"),
                json(200, ""),
                ticker(5, "0", TRADE_TIME),
                ticker(5, "-3.00", TRADE_TIME),
                ticker(5, "100.00", TRADE_TIME).newBuilder().headersDelay(2, TimeUnit.SECONDS).build(),
                json(404, "{\"message\":\"NotFound\"}"),
                ticker(6, "100.00", TRADE_TIME));

        startPoller(product);
        Await.until("the tick after nine failures, and their rejects acknowledged", WAIT,
                () -> poller.stats().ticksProduced() == 1 && poller.stats().rejectsProduced() == 9, poller::stats);

        assertThat(failedPolls("http-5xx")).isEqualTo(2);
        assertThat(failedPolls("malformed-json")).isEqualTo(3);
        assertThat(failedPolls("invalid-price")).isEqualTo(2);
        assertThat(failedPolls("timeout")).isEqualTo(1);
        assertThat(failedPolls("http-4xx")).isEqualTo(1);
        assertThat(failedPolls("http-429") + failedPolls("io-error") + failedPolls("http-unexpected")).isZero();
        assertThat(poller.stats().pollsFailed()).isEqualTo(9);
        assertThat(List.of("http-5xx", "malformed-json", "invalid-price", "timeout", "http-4xx"))
                .extracting(this::acknowledgedRejects).containsExactly(2L, 3L, 2L, 1L, 1L);
        assertThat(counter("rejects.produced")).isEqualTo(9);

        List<IngestReject> rejects = SharedKafka.consume(Topics.INGEST_REJECTS,
                r -> r.value().url().contains("/products/" + product + "/"), 9, WAIT)
                .stream().map(ConsumerRecord::value).toList();
        assertThat(rejects).extracting(IngestReject::reason).containsExactly("http-5xx", "http-5xx",
                "malformed-json", "malformed-json", "malformed-json", "invalid-price", "invalid-price", "timeout",
                "http-4xx");
        assertThat(rejects).extracting(IngestReject::httpStatus)
                .containsExactly(500, 502, 200, 200, 200, 200, 200, null, 404);
        assertThat(rejects).extracting(IngestReject::source).containsOnly("coinbase");
        assertThat(rejects.get(1).body()).isEqualTo(html);
        assertThat(rejects.get(5).detail()).isEqualTo("price 0 is not positive");
        assertThat(rejects.get(7).body()).isNull();

        assertThat(ticksOf(product, 1)).extracting(r -> r.value().tradeId()).containsExactly("6");
    }

    @Test
    void rateLimitPausesEveryProductOfTheSourceForRetryAfter() {
        String other = uniqueProduct();
        exchange.script(product,
                new MockResponse.Builder().code(429).setHeader("Retry-After", "1")
                        .body("{\"message\":\"Public rate limit exceeded\"}").build(),
                ticker(1, "100.00", TRADE_TIME));
        exchange.script(other, i -> ticker(i + 1, "50.00", TRADE_TIME.plusSeconds(i)));

        startPoller(product, other);
        Await.until("polling of " + product + " to resume", WAIT, () -> exchange.requests(product) >= 2,
                poller::stats);

        long limited = exchange.arrivals(product).get(0);
        long resumed = exchange.arrivals(product).get(1);
        // the pause counts from when the 429 was read, a little after it was sent
        assertThat(Duration.ofNanos(resumed - limited)).isBetween(Duration.ofSeconds(1), Duration.ofMillis(1_500));
        assertThat(exchange.arrivals(other))
                .as("requests for the other product during the pause")
                .noneMatch(t -> t > limited + millis(100) && t < limited + millis(900));
        assertThat(failedPolls("http-429")).isEqualTo(1);
        assertThat(poller.stats().pollsDeferred()).isPositive();
        assertThat(counter("polls.deferred")).isEqualTo(poller.stats().pollsDeferred());
        IngestReject reject = SharedKafka.consume(Topics.INGEST_REJECTS,
                r -> r.value().url().contains("/products/" + product + "/"), 1, WAIT).get(0).value();
        assertThat(reject.reason()).isEqualTo("http-429");
        assertThat(reject.detail()).isEqualTo("HTTP 429 Client Error; Retry-After 1, pausing PT1S");
    }

    @Test
    void aProductThatTimesOutDoesNotHoldUpTheOthers() {
        String other = uniqueProduct();
        exchange.script(product, ticker(1, "100.00", TRADE_TIME).newBuilder().headersDelay(2, TimeUnit.SECONDS).build());
        exchange.script(other, i -> ticker(i + 1, "50.00", TRADE_TIME.plusSeconds(i)));

        startPoller(product, other);
        Await.until("3 timeouts of " + product, WAIT, () -> failedPolls("timeout") >= 3, poller::stats);

        poller.close();
        producer.flush();

        // 0.9 s or more of polling (3 read timeouts of 0.3 s) every 20 ms: far more than 10 ticks, one per trade
        int produced = (int) poller.stats().ticksProduced();
        assertThat(produced).isGreaterThanOrEqualTo(10);
        assertThat(ticksOf(other, produced)).extracting(r -> r.value().tradeId())
                .containsExactlyElementsOf(IntStream.rangeClosed(1, produced).mapToObj(Integer::toString).toList());
    }

    @Test
    void aTradeStampedAheadOfOurClockIsRejectedAsSkewedAndTheNextValidTradeIsProduced() {
        // Kafka would refuse a timestamp over an hour ahead; the validator stops it before it gets that far
        Instant future = Instant.now().plus(Duration.ofHours(2));
        exchange.script(product, ticker(1, "100.00", future), ticker(2, "100.00", future),
                ticker(3, "100.00", TRADE_TIME));

        startPoller(product);
        Await.until("the valid trade to be produced", WAIT, () -> poller.stats().ticksProduced() == 1, poller::stats);

        assertThat(poller.stats().ticksInvalid()).isEqualTo(2);
        assertThat(poller.stats().ticksSendFailed()).isZero();
        assertThat((long) registry.get("ticks.invalid").tag("source", "coinbase").tag("reason", "clock-skew")
                .functionCounter().count()).isEqualTo(2);
        assertThat(ticksOf(product, 1)).extracting(r -> r.value().tradeId()).containsExactly("3");
        List<ConsumerRecord<String, IngestReject>> rejects = SharedKafka.consume(Topics.INGEST_REJECTS,
                r -> r.value().url().contains(product) && r.value().reason().equals("clock-skew"), 2, WAIT);
        assertThat(rejects).allSatisfy(r -> {
            assertThat(r.value().httpStatus()).isEqualTo(200);
            assertThat(r.value().body()).contains("\"exchangeTime\":\"" + future);
        });
    }

    @Test
    void aRepeatingFailureIsLoggedWhenItStartsChangesAndClearsNotOnEveryPoll() {
        Logger logger = (Logger) LoggerFactory.getLogger(TickerPoller.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        try {
            MockResponse error = json(500, "{\"message\":\"Internal server error\"}");
            MockResponse notFound = json(404, "{\"message\":\"NotFound\"}");
            exchange.script(product, error, error, error, notFound, notFound, ticker(1, "100.00", TRADE_TIME));

            startPoller(product);
            Await.until("the tick after five failures", WAIT, () -> poller.stats().ticksProduced() == 1,
                    poller::stats);

            String url = server.url("/products/" + product + "/ticker").toString();
            assertThat(logs.list.stream().filter(e -> e.getFormattedMessage().startsWith("coinbase " + product)))
                    .extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
                    .containsExactly(
                            tuple(Level.WARN, "coinbase " + product
                                    + " poll failed: http-5xx: HTTP 500 Server Error (" + url
                                    + "); repeats are counted, and logged when the cause changes or clears"),
                            tuple(Level.WARN, "coinbase " + product
                                    + " poll failed: http-4xx: HTTP 404 Client Error (" + url
                                    + "); this ends 3 x http-5xx (HTTP 500)"),
                            tuple(Level.INFO, "coinbase " + product
                                    + " polls recovered after 2 x http-4xx (HTTP 404)"));
        } finally {
            logger.detachAppender(logs);
        }
    }

    @Test
    void closeStopsPollingAndLeavesTheCallersProducerOpen() throws Exception {
        exchange.script(product, i -> ticker(i + 1, "100.00", TRADE_TIME.plusSeconds(i)));
        startPoller(product);
        Await.until("3 ticks", WAIT, () -> poller.stats().ticksProduced() >= 3, poller::stats);

        poller.close();
        int requestsAtClose = exchange.requests(product);
        // a send of the last poll may still await its ack; flush returns only after its callback has counted it
        producer.flush();
        long producedAtClose = poller.stats().ticksProduced();

        // the producer still works: this tick is acknowledged after every tick the poller sent
        CryptoTick last = tick(product, "final", "1.00", TRADE_TIME.plusSeconds(3_600));
        producer.send(Topics.CRYPTO_TICKS, last.key(), last, last.eventTime(), null).get(10, TimeUnit.SECONDS);
        List<ConsumerRecord<String, CryptoTick>> ticks = SharedKafka.consume(Topics.CRYPTO_TICKS,
                r -> r.key().equals(last.key()), (int) producedAtClose + 1, WAIT);

        assertThat(ticks).hasSize((int) producedAtClose + 1);
        assertThat(exchange.requests(product)).as("requests after close").isEqualTo(requestsAtClose);
        assertThatThrownBy(poller::start).isInstanceOf(IllegalStateException.class)
                .hasMessage("the coinbase poller was already closed");
    }

    @Test
    void refusesTheSettingsOfAnotherExchange() {
        SourceHttpClient exchangeHttp = new SourceHttpClient(http, Duration.ofSeconds(1), READ_TIMEOUT, Clock.systemUTC());
        KrakenAdapter kraken = new KrakenAdapter(exchangeHttp, server.url("/").toString(), InstrumentRegistry.load());

        assertThatThrownBy(() -> new TickerPoller(kraken, ExchangeSettings.defaults("coinbase"), READ_TIMEOUT, producer,
                lenientGuards(ExchangeSettings.defaults("coinbase")), registry, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the kraken adapter cannot poll the settings of coinbase");
    }

    private void startPoller(String... products) {
        ExchangeSettings settings = ExchangeSettings.defaults("coinbase")
                .withBaseUrl(server.url("/").toString())
                .withSymbols(Arrays.asList(products))
                .withInterval(INTERVAL);
        // the products are made up per test, so the registry lists them
        InstrumentRegistry instruments = ScriptedExchange.instruments(Arrays.asList(products));
        SourceHttpClient exchangeHttp = new SourceHttpClient(http, Duration.ofSeconds(1), READ_TIMEOUT, Clock.systemUTC());
        poller = new TickerPoller(new CoinbaseAdapter(exchangeHttp, settings.baseUrl(), instruments), settings,
                Duration.ofSeconds(1).plus(READ_TIMEOUT), producer, lenientGuards(settings), registry, Clock.systemUTC());
        poller.start();
    }

    /**
     * Guards that stay out of the way of what these tests check: a breaker that never opens, backoff capped at
     * 100 ms, no staleness limit on the scripted trade times, and gaps only after an hour. The guards' own
     * behaviour in the poller is tested in {@link TickerPollerGuardsTest}.
     */
    private TickerPoller.Guards lenientGuards(ExchangeSettings settings) {
        return new TickerPoller.Guards(
                new TickValidator(TickValidator.Settings.defaults().withMaxStaleness(Duration.ofDays(3650))),
                new SourceCircuitBreaker("coinbase", new SourceCircuitBreaker.Settings(100, 100, 100, Duration.ofMinutes(1), 3),
                        registry, Clock.systemUTC()),
                new Backoff(new Backoff.Settings(INTERVAL, 2, 0.5, Duration.ofMillis(100))),
                new GapTracker("coinbase", settings.symbols(), Duration.ofHours(1), Clock.systemUTC()),
                (symbol, from, to) -> {
                    throw new AssertionError("no gap expected in these tests");
                });
    }

    private List<ConsumerRecord<String, CryptoTick>> ticksOf(String productId, int expected) {
        List<ConsumerRecord<String, CryptoTick>> ticks = SharedKafka.consume(Topics.CRYPTO_TICKS,
                r -> r.key().equals("coinbase:" + productId), expected, WAIT);
        assertThat(ticks).as("ticks of " + productId).hasSize(expected);
        return ticks;
    }

    private long failedPolls(String reason) {
        return (long) registry.get("polls.failed").tag("source", "coinbase").tag("reason", reason)
                .functionCounter().count();
    }

    private long acknowledgedRejects(String reason) {
        return (long) registry.get(RejectCounts.METER).tag("source", "coinbase").tag("reason", reason)
                .functionCounter().count();
    }

    private long counter(String name) {
        return (long) registry.get(name).tag("source", "coinbase").functionCounter().count();
    }

    private static CryptoTick tick(String productId, String tradeId, String price, Instant time) {
        BigDecimal p = new BigDecimal(price);
        return new CryptoTick(CryptoTick.VERSION, "coinbase", productId, p, p, p, new BigDecimal("11723.45872109"),
                tradeId, time, Instant.EPOCH, TimeSource.EXCHANGE);
    }

    private static long millis(long ms) {
        return TimeUnit.MILLISECONDS.toNanos(ms);
    }

    private static String uniqueProduct() {
        return UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT) + "-USD";
    }
}
