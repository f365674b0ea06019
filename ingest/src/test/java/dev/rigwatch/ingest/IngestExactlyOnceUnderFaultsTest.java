package dev.rigwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.broker.testing.SharedKafka;
import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.Topics;
import dev.rigwatch.simulator.SimulatedExchange;
import dev.rigwatch.simulator.FaultPlan;
import dev.rigwatch.simulator.PricePath;
import dev.rigwatch.simulator.ServedTick;
import dev.rigwatch.simulator.SimulatedClock;
import dev.rigwatch.simulator.SimulatedMarket;
import dev.rigwatch.simulator.SimulatedProduct;
import dev.rigwatch.simulator.SimulatorServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Issue 3's acceptance test: the four adapters poll the simulator for 30 s while it answers 5 % of requests with
 * 429s, 5 % with 500 pages, 5 % with truncated bodies and 2 % too slowly, and every ticker answer the simulator
 * delivered in full is on {@code crypto.ticks} exactly once.
 *
 * <p>What "once" means follows what each API says. Coinbase and Binance name the trade, and a repeated trade is
 * not a new tick: each distinct trade served is on the topic once. Bitstamp sends the trade's second without an
 * id: an answer repeating the last one's second and price is no new tick either, so each distinct second served is
 * on the topic once. Kraken sends neither, so every answer is a tick: each delivered answer is on the topic once,
 * matched by price.
 */
class IngestExactlyOnceUnderFaultsTest {

    private static final Duration RUN = Duration.ofSeconds(30);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(1);
    private static final FaultPlan FAULTS = FaultPlan.parse("429=0.05,500=0.05,garbage=0.05,slow=0.02,delay=3s,seed=7");

    @Test
    void everyTickerAnswerDeliveredUnderFaultsIsOnTheTicksTopicExactlyOnce() throws Exception {
        Clock wall = Clock.systemUTC();
        // thirty days back: no other test in this JVM writes ticks received then (BackfillTest's synthetic ticks
        // are received 1 to 21 days back, the pollers' on the wall clock or an hour back)
        Instant simStart = wall.instant().minus(Duration.ofDays(30));
        SimulatedMarket market = new SimulatedMarket(new SimulatedClock(wall, simStart, 60),
                new PricePath(SimulatedMarket.DEFAULT_SEED), SimulatedProduct.defaults());
        List<ServedTick> served = new CopyOnWriteArrayList<>();
        TickerPoller.Stats stats;

        try (SimulatorServer simulator = new SimulatorServer(market, SimulatorServer.LOOPBACK, 0)
                .faults(FAULTS).onServed(served::add).start()) {
            IngestSettings settings = IngestSettings.defaults().withBaseUrl(simulator.baseUrl())
                    .withInterval(Duration.ofMillis(100)).withTimeouts(Duration.ofSeconds(1), READ_TIMEOUT);
            try (IngestStage stage = IngestStage.start(SharedKafka.bootstrapServers(), settings,
                    new SimpleMeterRegistry(), market.clock().asClock())) {
                Thread.sleep(RUN.toMillis()); // the run itself: how long the adapters poll under faults
                stats = stage.stats();
            }
        }

        // an answer held back longer than the read timeout never reached the adapter
        List<ServedTick> delivered = served.stream().filter(t -> t.delay().compareTo(READ_TIMEOUT) < 0).toList();
        assertThat(stats.pollsFailed()).as("faults were injected and survived").isGreaterThan(50);
        assertThat(stats.ticksInvalid()).isZero();
        assertThat(stats.ticksSendFailed()).isZero();

        Map<String, Long> expected = Map.of(
                "coinbase", distinctTrades(delivered, SimulatedExchange.COINBASE),
                "binance", distinctTrades(delivered, SimulatedExchange.BINANCE),
                "bitstamp", distinctTrades(delivered, SimulatedExchange.BITSTAMP),
                "kraken", count(delivered, SimulatedExchange.KRAKEN));
        assertThat(expected).as("ticks expected per exchange").allSatisfy((exchange, n) -> assertThat(n).isGreaterThan(50));
        int total = expected.values().stream().mapToInt(Long::intValue).sum();
        List<CryptoTick> ticks = SharedKafka.consume(Topics.CRYPTO_TICKS,
                        r -> !r.value().receivedTime().isBefore(simStart)
                                && r.value().receivedTime().isBefore(simStart.plus(Duration.ofDays(1))),
                        total, Duration.ofSeconds(30))
                .stream().map(ConsumerRecord::value).toList();

        assertThat(ticks).hasSize(total);
        assertThat(keys(ticks, "coinbase", t -> t.symbol() + " " + t.tradeId() + " " + t.price().toPlainString()
                + " " + t.exchangeTime()))
                .isEqualTo(servedKeys(delivered, SimulatedExchange.COINBASE, t -> t.productId() + " " + t.tradeId() + " "
                        + t.price().toPlainString() + " " + t.tradeTime(), true));
        assertThat(keys(ticks, "binance", t -> t.symbol() + " " + t.tradeId() + " " + t.price().stripTrailingZeros()
                .toPlainString()))
                .isEqualTo(servedKeys(delivered, SimulatedExchange.BINANCE, t -> t.productId() + "T " + t.tradeId() + " "
                        + t.price().stripTrailingZeros().toPlainString(), true));
        assertThat(keys(ticks, "bitstamp", t -> t.symbol() + " " + t.exchangeTime().getEpochSecond() + " "
                + t.price().stripTrailingZeros().toPlainString()))
                .isEqualTo(servedKeys(delivered, SimulatedExchange.BITSTAMP, t -> t.productId() + " " + t.tradeId() + " "
                        + t.price().stripTrailingZeros().toPlainString(), true));
        assertThat(keys(ticks, "kraken", t -> t.symbol() + " " + t.price().stripTrailingZeros().toPlainString()))
                .isEqualTo(servedKeys(delivered, SimulatedExchange.KRAKEN, t -> t.productId() + " "
                        + t.price().stripTrailingZeros().toPlainString(), false));
    }

    private static long distinctTrades(List<ServedTick> served, SimulatedExchange exchange) {
        return served.stream().filter(t -> t.exchange() == exchange).map(t -> t.productId() + t.tradeId())
                .distinct().count();
    }

    private static long count(List<ServedTick> served, SimulatedExchange exchange) {
        return served.stream().filter(t -> t.exchange() == exchange).count();
    }

    /** Each key with how often it is on the topic. */
    private static Map<String, Long> keys(List<CryptoTick> ticks, String exchange, Function<CryptoTick, String> key) {
        return ticks.stream().filter(t -> t.exchange().equals(exchange))
                .collect(Collectors.groupingBy(key, Collectors.counting()));
    }

    /** Each key with how often it should be on the topic: once per trade, or once per answer. */
    private static Map<String, Long> servedKeys(List<ServedTick> served, SimulatedExchange exchange,
                                                Function<ServedTick, String> key, boolean oncePerTrade) {
        return served.stream().filter(t -> t.exchange() == exchange)
                .map(key).collect(Collectors.groupingBy(k -> k, Collectors.counting()))
                .entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> oncePerTrade ? 1L : e.getValue()));
    }
}
