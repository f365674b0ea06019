package dev.rigwatch.ingest;

import static dev.rigwatch.ingest.ScriptedExchange.json;
import static dev.rigwatch.ingest.ScriptedExchange.ticker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.broker.testing.SharedKafka;
import dev.rigwatch.events.IngestReject;
import dev.rigwatch.events.SourceGap;
import dev.rigwatch.events.Topics;
import dev.rigwatch.ingest.http.SourceHttpClient;
import dev.rigwatch.ingest.exchange.InstrumentRegistry;
import dev.rigwatch.ingest.exchange.coinbase.CoinbaseAdapter;
import dev.rigwatch.ingest.gap.GapTracker;
import dev.rigwatch.ingest.resilience.Backoff;
import dev.rigwatch.ingest.resilience.SourceCircuitBreaker;
import dev.rigwatch.ingest.resilience.TickValidator;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The poller's guards at work: validation, the circuit breaker, backoff, and gaps with their repair. */
class TickerPollerGuardsTest extends ScriptedExchangeTestBase {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration INTERVAL = Duration.ofMillis(20);
    private static final Duration READ_TIMEOUT = Duration.ofMillis(300);
    /** Long enough that the first poll, even on a loaded machine, answers before the symbol goes stale. */
    private static final Duration STALE_AFTER = Duration.ofSeconds(1);
    private static final Instant TRADE_TIME = Instant.now().minusSeconds(30);

    /** Topics are shared by every test in this JVM: each test polls products of its own. */
    private final String product = UUID.randomUUID().toString().substring(0, 8).toUpperCase() + "-USD";

    @Test
    void aPriceJumpIsRejectedWithItsReasonAndDoesNotBecomeTheNewLevel() {
        exchange.script(product, i -> switch (i) {
            case 0 -> ticker(1, "100.00", TRADE_TIME);
            case 1 -> ticker(2, "1000.00", TRADE_TIME.plusSeconds(1));
            default -> ticker(3 + i, "101.00", TRADE_TIME.plusSeconds(2 + i));
        });

        start(breaker(100, Duration.ofMinutes(1)), Duration.ofHours(1), (s, f, t) -> 0);
        Await.until("the jump rejected and later trades produced", WAIT,
                () -> poller.stats().ticksInvalid() == 1 && poller.stats().ticksProduced() >= 3, poller::stats);

        ConsumerRecord<String, IngestReject> reject = SharedKafka.consume(Topics.INGEST_REJECTS,
                r -> r.value().url().contains(product), 1, WAIT).get(0);
        assertThat(reject.value().reason()).isEqualTo("price-jump");
        assertThat(reject.value().httpStatus()).isEqualTo(200);
        assertThat(reject.value().body()).contains("\"price\":1000.00");
        assertThat(SharedKafka.consume(Topics.CRYPTO_TICKS, r -> r.key().equals("coinbase:" + product), 3, WAIT))
                .extracting(r -> r.value().price().toPlainString())
                .doesNotContain("1000.00")
                .startsWith("100.00", "101.00");
    }

    @Test
    void aFailingExchangeOpensTheCircuitAndIsNotPolledWhileItIsOpen() {
        exchange.script(product, i -> json(500, "<html><body>Internal Server Error</body></html>"));
        SourceCircuitBreaker breaker = breaker(10, Duration.ofMinutes(1));

        start(breaker, Duration.ofHours(1), (s, f, t) -> 0);
        Await.until("the circuit to open", WAIT, () -> breaker.state() == CircuitBreaker.State.OPEN, poller::stats);
        int requestsWhenOpened = exchange.requests(product);
        Await.until("polls skipped while open", WAIT, () -> skippedPolls() >= 5, poller::stats);

        assertThat(requestsWhenOpened).isEqualTo(10);
        assertThat(exchange.requests(product)).as("requests while the circuit is open").isEqualTo(requestsWhenOpened);
        assertThat(poller.stats().pollsFailed()).isEqualTo(10);
    }

    @Test
    void aFailingSymbolBacksOffWhileAHealthyOneKeepsItsPace() {
        String healthy = product.replace("-USD", "X-USD");
        exchange.script(product, i -> json(500, "{\"message\":\"Internal Server Error\"}"));
        exchange.script(healthy, i -> ticker(i + 1, "100.00", TRADE_TIME.plusSeconds(i)));

        start(breaker(1_000, Duration.ofMinutes(1)), Duration.ofHours(1), (s, f, t) -> 0, product, healthy);
        Await.until("40 healthy polls", WAIT, () -> exchange.requests(healthy) >= 40, poller::stats);

        // 20 ms, then about 40, 80, 160, 320 ms ... (±50 % jitter): a handful of requests while the healthy one made 40
        assertThat(exchange.requests(product)).isBetween(3, 12);
        List<Long> arrivals = exchange.arrivals(product);
        List<Long> pauses = new ArrayList<>();
        for (int i = 1; i < arrivals.size(); i++) {
            pauses.add(arrivals.get(i) - arrivals.get(i - 1));
        }
        assertThat(pauses.get(pauses.size() - 1)).as("the last pause, in ns, is longer than the first")
                .isGreaterThan(pauses.get(0));
    }

    @Test
    void aStaleSymbolOpensAGapAndItsRecoveryClosesItWithTheRepairedHistory() {
        Instant lastGood = TRADE_TIME;
        Instant recovered = TRADE_TIME.plusSeconds(20);
        // the exchange fails until the gap has opened, however slow this machine is
        exchange.script(product, i -> {
            if (i == 0) {
                return ticker(1, "100.00", lastGood);
            }
            if (poller.stats().gapsOpened() == 0) {
                return json(503, "{\"message\":\"Service Unavailable\"}");
            }
            return ticker(2, "100.50", recovered);
        });
        List<String> repairs = new CopyOnWriteArrayList<>();

        start(breaker(1_000, Duration.ofMinutes(1)), STALE_AFTER, (symbol, from, to) -> {
            repairs.add(symbol + " " + from + " " + to);
            return 5;
        });
        // the opening and the closing (on a slow machine reports of the open gap may stand between them)
        List<ConsumerRecord<String, SourceGap>> gaps = SharedKafka.consume(Topics.INGEST_GAPS,
                r -> r.key().equals("coinbase:" + product) && (r.value().status() == SourceGap.Status.CLOSED
                        || r.value().asOf().equals(r.value().detectedAt())), 2, WAIT);

        SourceGap opened = gaps.get(0).value();
        SourceGap closed = gaps.get(1).value();
        assertThat(opened.status()).isEqualTo(SourceGap.Status.OPEN);
        assertThat(opened.lastGoodTime()).isEqualTo(lastGood);
        assertThat(opened.lastFailure()).isEqualTo("http-5xx");
        assertThat(opened.recoveredAt()).isNull();
        assertThat(closed.status()).isEqualTo(SourceGap.Status.CLOSED);
        assertThat(closed.recoveredAt()).isEqualTo(recovered);
        assertThat(closed.backfilledCandles()).isEqualTo(5);
        assertThat(closed.backfillError()).isNull();
        assertThat(gaps.get(0).timestamp()).isEqualTo(opened.detectedAt().toEpochMilli());
        assertThat(gaps.get(1).timestamp()).as("on the worker's clock, as the opening")
                .isEqualTo(closed.asOf().toEpochMilli()).isGreaterThanOrEqualTo(gaps.get(0).timestamp());
        assertThat(closed.failedPolls()).isPositive();
        assertThat(closed.silence()).isGreaterThanOrEqualTo(STALE_AFTER);
        assertThat(repairs).containsExactly(product + " " + lastGood + " " + recovered);
        Await.until("the repeated trade to keep the symbol live past the staleness limit", WAIT,
                () -> poller.stats().ticksUnchanged() >= 75, poller::stats); // 75 polls every 20 ms or more: over 1.5 s
        assertThat(poller.stats().gapsOpened()).isEqualTo(1);
        assertThat(poller.stats().gapsClosed()).isEqualTo(1);
    }

    @Test
    void stalenessIsCheckedTenTimesPerLimitWithinBounds() {
        assertThat(TickerPoller.gapCheckInterval(Duration.ofSeconds(1))).isEqualTo(Duration.ofMillis(100));
        assertThat(TickerPoller.gapCheckInterval(Duration.ofMillis(50))).isEqualTo(Duration.ofMillis(10));
        assertThat(TickerPoller.gapCheckInterval(Duration.ofMinutes(2))).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aGapWhoseRepairFailsIsClosedWithTheCause() {
        exchange.script(product, i -> i == 0 ? ticker(1, "100.00", TRADE_TIME)
                : poller.stats().gapsOpened() == 0 ? json(503, "{}") : ticker(2, "100.00", TRADE_TIME.plusSeconds(20)));

        start(breaker(1_000, Duration.ofMinutes(1)), STALE_AFTER, (symbol, from, to) -> {
            throw new IOException("fetching candles failed: http-5xx");
        });
        SourceGap closed = SharedKafka.consume(Topics.INGEST_GAPS, r -> r.key().equals("coinbase:" + product)
                && r.value().status() == SourceGap.Status.CLOSED, 1, WAIT).get(0).value();

        assertThat(closed.backfilledCandles()).isNull();
        assertThat(closed.backfillError()).isEqualTo("fetching candles failed: http-5xx");
    }

    private SourceCircuitBreaker breaker(int minimumPolls, Duration openWait) {
        return new SourceCircuitBreaker("coinbase", new SourceCircuitBreaker.Settings(Math.max(minimumPolls, 20),
                minimumPolls, 50, openWait, 3), registry, Clock.systemUTC());
    }

    private void start(SourceCircuitBreaker breaker, Duration staleAfter, TickerPoller.GapRepair repair,
                       String... products) {
        List<String> symbols = products.length == 0 ? List.of(product) : List.of(products);
        ExchangeSettings settings = ExchangeSettings.defaults("coinbase").withBaseUrl(server.url("/").toString())
                .withSymbols(symbols).withInterval(INTERVAL);
        InstrumentRegistry instruments = ScriptedExchange.instruments(symbols);
        SourceHttpClient exchangeHttp = new SourceHttpClient(http, Duration.ofSeconds(1), READ_TIMEOUT, Clock.systemUTC());
        TickerPoller.Guards guards = new TickerPoller.Guards(new TickValidator(TickValidator.Settings.defaults()),
                breaker, new Backoff(new Backoff.Settings(INTERVAL, 2, 0.5, Duration.ofSeconds(5))),
                new GapTracker("coinbase", symbols, staleAfter, Clock.systemUTC()), repair);
        poller = new TickerPoller(new CoinbaseAdapter(exchangeHttp, settings.baseUrl(), instruments), settings,
                Duration.ofSeconds(1).plus(READ_TIMEOUT), producer, guards, registry, Clock.systemUTC());
        poller.start();
    }

    private long skippedPolls() {
        return (long) registry.get("polls.skipped.circuit-open").tag("source", "coinbase").counter().count();
    }
}
