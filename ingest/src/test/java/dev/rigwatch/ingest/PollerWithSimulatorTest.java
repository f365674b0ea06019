package dev.rigwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.broker.testing.SharedKafka;
import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.kafka.EventProducer;
import dev.rigwatch.ingest.http.SourceHttpClient;
import dev.rigwatch.ingest.exchange.InstrumentRegistry;
import dev.rigwatch.ingest.exchange.coinbase.CoinbaseAdapter;
import dev.rigwatch.simulator.PricePath;
import dev.rigwatch.simulator.SimulatedClock;
import dev.rigwatch.simulator.SimulatedMarket;
import dev.rigwatch.simulator.SimulatedProduct;
import dev.rigwatch.simulator.SimulatorServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import dev.rigwatch.ingest.resilience.TickValidator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Ingest end to end: the simulator's Coinbase API, the real poller and client, the real Kafka broker. */
class PollerWithSimulatorTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void everyTickIsOneSimulatedTradeAtThePriceOfThePricePath() {
        Clock wall = Clock.systemUTC();
        Instant testStart = wall.instant();
        // 10x with polls every 50 ms: half a simulated second between polls, so some polls repeat a trade
        Instant simStart = testStart.minus(Duration.ofHours(1));
        SimulatedMarket market = new SimulatedMarket(new SimulatedClock(wall, simStart, 10),
                new PricePath(SimulatedMarket.DEFAULT_SEED), SimulatedProduct.defaults());
        OkHttpClient http = new OkHttpClient();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        TickerPoller.Stats stats;
        try (SimulatorServer simulator = new SimulatorServer(market, SimulatorServer.LOOPBACK, 0).start();
             EventProducer producer = new EventProducer(SharedKafka.bootstrapServers(), "ingest-simulator-test")) {
            ExchangeSettings settings = ExchangeSettings.defaults("coinbase")
                    .withBaseUrl(simulator.baseUrl())
                    .withInterval(Duration.ofMillis(50));
            IngestSettings timeouts = IngestSettings.defaults();
            // ticks from a simulated market are received in its time, as the demo's pipeline does
            SourceHttpClient exchangeHttp = new SourceHttpClient(http, timeouts.connectTimeout(), timeouts.readTimeout(),
                    market.clock().asClock());
            TickerPoller poller = new TickerPoller(
                    new CoinbaseAdapter(exchangeHttp, settings.baseUrl(), InstrumentRegistry.load()), settings,
                    timeouts.requestTimeout(), producer, TickerPoller.Guards.forExchange(settings,
                            new TickValidator(TickValidator.Settings.defaults()), IngestSettings.DEFAULT_STALE_AFTER,
                            (symbol, from, to) -> 0, meters, wall), meters, wall);
            try {
                poller.start();
                Await.until("40 ticks and some repeated trades", WAIT,
                        () -> poller.stats().ticksProduced() >= 40 && poller.stats().ticksUnchanged() > 0,
                        poller::stats);
            } finally {
                poller.close();
            }
            producer.flush();
            stats = poller.stats();
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
        assertThat(stats.pollsFailed()).isZero();
        assertThat(stats.ticksSendFailed()).isZero();

        List<CryptoTick> ticks = SharedKafka.consume(Topics.CRYPTO_TICKS,
                        r -> r.value().exchange().equals("coinbase") && market.productIds().contains(r.value().symbol())
                                && !r.value().receivedTime().isBefore(simStart)
                                // the first trade served is the last one before the simulation's start: up to 2 s earlier
                                && !r.value().exchangeTime().isBefore(simStart.minusSeconds(5))
                                && r.value().exchangeTime().isBefore(testStart),
                        (int) stats.ticksProduced(), WAIT)
                .stream()
                .peek(r -> assertThat(r.timestamp()).isEqualTo(r.value().exchangeTime().toEpochMilli()))
                .map(ConsumerRecord::value)
                .toList();
        assertThat(ticks).hasSize((int) stats.ticksProduced());

        Map<String, List<CryptoTick>> bySymbol = ticks.stream().collect(Collectors.groupingBy(CryptoTick::symbol));
        assertThat(bySymbol).containsOnlyKeys("BTC-USD", "ETH-USD");
        for (SimulatedProduct product : SimulatedProduct.defaults()) {
            List<Long> tradeIds = bySymbol.get(product.id()).stream().map(t -> Long.parseLong(t.tradeId())).toList();
            assertThat(tradeIds).as(product.id() + " trade ids, in partition order").isSorted().doesNotHaveDuplicates();
            for (CryptoTick tick : bySymbol.get(product.id())) {
                long tradeId = Long.parseLong(tick.tradeId());
                assertThat(tick.price()).isEqualTo(market.path().price(product, tradeId));
                assertThat(tick.exchangeTime().getEpochSecond()).isEqualTo(tradeId);
                assertThat(tick.price()).isIn(tick.bid(), tick.ask());
            }
        }
    }
}
