package dev.rigwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigwatch.broker.testing.SharedKafka;
import dev.rigwatch.events.Candle;
import dev.rigwatch.events.Topics;
import dev.rigwatch.simulator.SimulatedExchange;
import dev.rigwatch.simulator.PricePath;
import dev.rigwatch.simulator.SimulatedClock;
import dev.rigwatch.simulator.SimulatedMarket;
import dev.rigwatch.simulator.SimulatedProduct;
import dev.rigwatch.simulator.SimulatorServer;
import dev.rigwatch.testing.TestData;
import java.io.ByteArrayOutputStream;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine.TypeConversionException;

/** {@code rigwatch backfill} against the simulator and the real broker. */
class BackfillCommandTest {

    @RegisterExtension
    final CapturedOutput captured = new CapturedOutput();
    private final ByteArrayOutputStream out = captured.out;
    private final ByteArrayOutputStream err = captured.err;

    @Test
    void backfillsTwoHoursOfKrakenCandlesIntoCryptoOhlcPrintingProgressAndASummary() {
        // a market standing still at a random minute of the past weeks: complete history, windows no other run writes
        Instant now = Instant.now().minus(Duration.ofDays(1))
                .minus(Duration.ofMinutes(ThreadLocalRandom.current().nextLong(60 * 24 * 20))).truncatedTo(ChronoUnit.MINUTES);
        SimulatedMarket market = new SimulatedMarket(new SimulatedClock(Clock.fixed(now, ZoneOffset.UTC), now, 1),
                new PricePath(SimulatedMarket.DEFAULT_SEED), SimulatedProduct.defaults());
        Instant from = now.minus(Duration.ofHours(2));
        int exit;
        try (SimulatorServer simulator = new SimulatorServer(market, SimulatorServer.LOOPBACK, 0).start()) {
            exit = Rigwatch.commandLine().execute("backfill", "--exchange", "kraken", "--symbol", "btc-usd",
                    "--from", from.toString(), "--to", now.toString(), "--url", simulator.baseUrl(),
                    "--bootstrap-servers", SharedKafka.bootstrapServers());
        }

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines().toList())
                .anySatisfy(line -> assertThat(line).startsWith("[100.0%] " + from + " to " + now
                        + ": 120 candles so far (120 of 120 windows), ").endsWith(" candles/s"))
                .anySatisfy(line -> assertThat(line).startsWith("backfill done: 120 of 120 windows of kraken BTC-USD 1m "
                        + "written to crypto.ohlc (windows from " + from + " to " + now.minus(Duration.ofMinutes(1))
                        + ") in 1 chunk, 0 retries, "));

        List<ConsumerRecord<String, Candle>> records = SharedKafka.consume(Topics.CRYPTO_OHLC,
                r -> r.key().equals("kraken:BTC-USD") && !r.value().windowStart().isBefore(from)
                        && r.value().windowStart().isBefore(now), 120, Duration.ofSeconds(20));
        assertThat(records).hasSize(120);
        for (int i = 0; i < 120; i++) {
            Candle candle = records.get(i).value();
            long start = from.getEpochSecond() + 60L * i;
            assertThat(candle.windowStart().getEpochSecond()).isEqualTo(start);
            assertThat(records.get(i).timestamp()).isEqualTo(candle.windowEnd().toEpochMilli());
            assertThat(candle.close()).isEqualByComparingTo(
                    market.stats(SimulatedExchange.KRAKEN, SimulatedProduct.BTC_USD, start, start + 59).close());
        }
    }

    @Test
    void aSymbolTheExchangesListingDoesNotHaveFailsNamingItsCloseMatchesFromTheListing() throws Exception {
        try (MockWebServer kraken = new MockWebServer()) {
            kraken.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                    .body(TestData.fixture("kraken-assetpairs.json")).build());
            kraken.start();
            int exit = Rigwatch.commandLine().execute("backfill", "--exchange", "kraken", "--symbol", "BTC-USTD",
                    "--from", "2026-11-01", "--url", kraken.url("/").toString(), "--bootstrap-servers", "127.0.0.1:1");

            assertThat(exit).isEqualTo(1);
            // BTC-USDT is in Kraken's listing, not in the bundled snapshot
            assertThat(err.toString(StandardCharsets.UTF_8)).startsWith(
                    "rigwatch backfill: kraken does not list BTC-USTD; close matches: BTC-USDT, BTC-USD");
            assertThat(kraken.takeRequest().getTarget()).isEqualTo("/0/public/AssetPairs");
        }
    }

    @Test
    void whenTheListingCannotBeReadTheBundledSnapshotDecides() {
        int exit = Rigwatch.commandLine().execute("backfill", "--exchange", "binance", "--symbol", "BTC-USD",
                "--from", "2026-11-01", "--url", "http://127.0.0.1:1", "--bootstrap-servers", "127.0.0.1:1");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith(
                "rigwatch backfill: binance does not list BTC-USD; close matches: BTC-USDT");
    }

    @Test
    void anUnknownExchangeFailsNamingTheKnownOnes() {
        int exit = Rigwatch.commandLine().execute("backfill", "--exchange", "gemini", "--symbol", "BTC-USD",
                "--from", "2026-11-01", "--bootstrap-servers", "127.0.0.1:1");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("rigwatch backfill: unknown exchange 'gemini'; rigwatch reads [coinbase, kraken, binance, bitstamp]");
    }

    @Test
    void fromMustBeBeforeTo() {
        int exit = Rigwatch.commandLine().execute("backfill", "--exchange", "coinbase", "--symbol", "BTC-USD",
                "--from", "2026-11-02", "--to", "2026-11-01T12:00:00Z", "--bootstrap-servers", "127.0.0.1:1");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("rigwatch backfill: --from 2026-11-02T00:00:00Z is not before --to 2026-11-01T12:00:00Z");
    }

    @Test
    void timesAreInstantsOrDatesAtMidnightUtc() {
        InstantConverter converter = new InstantConverter();
        assertThat(converter.convert("2026-11-01")).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(converter.convert("2026-11-01T12:30:00Z")).isEqualTo(Instant.parse("2026-11-01T12:30:00Z"));
        assertThat(converter.convert("2026-11-01T12:30:00+01:00")).isEqualTo(Instant.parse("2026-11-01T11:30:00Z"));
        assertThatThrownBy(() -> converter.convert("yesterday")).isInstanceOf(TypeConversionException.class)
                .hasMessage("'yesterday' is not a time: use e.g. 2026-11-01T12:00:00Z, 2026-11-01 (00:00 UTC) or now");
    }
}
