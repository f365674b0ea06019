package dev.rigwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.alerts.AlertsSettings;
import dev.rigwatch.broker.testing.SharedKafka;
import dev.rigwatch.events.Alert;
import dev.rigwatch.events.Candle;
import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.Topics;
import dev.rigwatch.ingest.IngestSettings;
import dev.rigwatch.simulator.FaultPlan;
import dev.rigwatch.simulator.WsFaultPlan;
import dev.rigwatch.simulator.PricePath;
import dev.rigwatch.simulator.SimulatedClock;
import dev.rigwatch.simulator.SimulatedMarket;
import dev.rigwatch.simulator.SimulatedProduct;
import dev.rigwatch.streams.StreamsSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walking skeleton on a real broker: simulator → ingest → streams → alerts, exactly the {@link Pipeline} the
 * demo runs. The simulator runs at 120x from the top of an hour a day ago, so its crash (:15–:30) and rebound
 * (:40–:50) pass within about half a minute.
 */
class PipelineEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path stateDir;

    /**
     * Over REST polling and over the WebSocket feeds ({@code demo --transport ws}). Each transport's run has an hour
     * of simulated time of its own (the WebSocket one two hours later, so that its ticks are not late for a stream time the REST run
     * advanced), and neither reads the other's records.
     */
    @ParameterizedTest
    @ValueSource(strings = {"rest", "ws"})
    void simulatedCrashAndReboundReachesTradersAsAReboundAlert(String transport) {
        String bootstrap = SharedKafka.bootstrapServers();
        Clock clock = Clock.systemUTC();
        Instant hourDayAgo = clock.instant().minus(SimulatedClock.DEFAULT_HEAD_START).truncatedTo(ChronoUnit.HOURS);
        SimulatedMarket market = SimulatedMarket.held(clock,
                transport.equals("ws") ? hourDayAgo.plus(Duration.ofHours(2)) : hourDayAgo, 120);
        Instant simStart = market.clock().start();
        Instant simEnd = simStart.plus(Duration.ofHours(1));
        String run = UUID.randomUUID().toString().substring(0, 8);

        try (Pipeline pipeline = Pipeline.start(bootstrap, market, 0, FaultPlan.NONE, WsFaultPlan.NONE,
                Transports.parse(List.of(transport)),
                IngestSettings.defaults().withInterval(Duration.ofMillis(100)),
                StreamsSettings.defaults().withApplicationId("e2e-streams-" + run, stateDir.resolve("streams"))
                        .withCommitInterval(Duration.ofMillis(200)),
                new AlertsSettings("e2e-alerts-" + run, stateDir.resolve("alerts"), Duration.ofMillis(200)),
                new SimpleMeterRegistry(), clock)) {

            List<ConsumerRecord<String, Alert>> alerts = SharedKafka.consume(Topics.ALERTS,
                    r -> r.key().equals("all") && r.value().subject().equals("coinbase:BTC-USD")
                            && !r.value().eventTime().isBefore(simStart) && r.value().eventTime().isBefore(simEnd),
                    1, WAIT);

            Alert alert = alerts.get(0).value();
            assertThat(alerts.get(0).key()).isEqualTo("all");
            assertThat(alert.rule()).isEqualTo("signal:rebound");
            // The stages start before the simulator, and the simulated clock runs from the test's start: on a slow
            // machine ingest may begin inside the crash, so the peak it saw is at most the steady price and the
            // drawdown at most the script's 28 %; the trough is the script's bottom, and the rule fires at the second
            // 1-minute close held 5 % above it, in the rebound (:40-:50) of whichever hour ingest saw crash.
            BigDecimal bottom = SimulatedProduct.BTC_USD.basePrice().multiply(BigDecimal.valueOf(1 - PricePath.CRASH_DEPTH));
            assertThat(new BigDecimal(alert.trigger().get("trough")))
                    .isBetween(bottom.multiply(new BigDecimal("0.995")), bottom.multiply(new BigDecimal("1.005")));
            assertThat(Double.parseDouble(alert.trigger().get("drawdownPct"))).isBetween(10.0, 29.0);
            assertThat(Double.parseDouble(alert.trigger().get("recoveryPct"))).isBetween(5.0, 12.0);
            assertThat(Duration.between(simStart, alert.eventTime()).toMinutes() % 60).isBetween(40L, 50L);
            assertThat(alert.message()).startsWith("coinbase:BTC-USD rebounded +");

            // the alert stands on real upstream records: ticks at the simulator's prices and closed candles
            List<ConsumerRecord<String, CryptoTick>> ticks = SharedKafka.consume(Topics.CRYPTO_TICKS,
                    r -> r.key().equals("coinbase:BTC-USD") && !r.value().exchangeTime().isBefore(simStart)
                            && r.value().exchangeTime().isBefore(simEnd), 10, WAIT);
            for (ConsumerRecord<String, CryptoTick> tick : ticks) {
                long second = tick.value().exchangeTime().getEpochSecond();
                BigDecimal atSecond = market.path().price(SimulatedProduct.BTC_USD, second);
                if (transport.equals("ws")) {
                    // Coinbase stamps a ticker snapshot when it sends it: its last trade may be of the second before
                    assertThat(tick.value().price().stripTrailingZeros()).isIn(atSecond.stripTrailingZeros(),
                            market.path().price(SimulatedProduct.BTC_USD, second - 1).stripTrailingZeros());
                } else {
                    assertThat(tick.value().price()).isEqualByComparingTo(atSecond);
                }
                assertThat(tick.timestamp()).isEqualTo(tick.value().exchangeTime().toEpochMilli());
            }
            List<ConsumerRecord<String, Candle>> candles = SharedKafka.consume(Topics.CRYPTO_CANDLES_1M,
                    r -> r.key().equals("coinbase:BTC-USD") && !r.value().windowStart().isBefore(simStart)
                            && r.value().windowStart().isBefore(simEnd), 40, WAIT);
            assertThat(candles).allSatisfy(c -> {
                assertThat(c.value().low()).isLessThanOrEqualTo(c.value().open()).isLessThanOrEqualTo(c.value().high());
                assertThat(c.timestamp()).isEqualTo(c.value().windowEnd().toEpochMilli());
            });
            assertThat(pipeline.ingest().stats().pollsFailed()).isZero();
            assertThat(pipeline.ingest().stats().reconnects()).isZero();
        }
    }
}
