package dev.rigwatch.streams.signal.rebound;

import static dev.rigwatch.streams.signal.rebound.ReboundDriver.candle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rigwatch.events.Candle;
import dev.rigwatch.events.GpuMarketStats;
import dev.rigwatch.events.ReboundSignal;
import dev.rigwatch.events.Topics;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.TestInputTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rule's lookback, its GPU series and its bookkeeping, fed closed windows directly. */
class ReboundSeriesTest {

    private static final String BTC = "coinbase:BTC-USD";
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");

    @TempDir
    Path stateDir;

    @Test
    void aPeakThatTrailedOutOfTheLookbackDoesNotArmTheRule() {
        // the only close 10 % above the trough 93.6 is the first, 104; with a lookback of 8 hourly windows it is
        // still in at the last close, with 7 it has trailed out and the highest close before the trough is 100
        List<String> closes = List.of("104", "100", "99", "98", "97", "93.6", "98.3", "98.5");

        assertThat(hourlySignals(new ReboundConfig(10, 5, 2, 8), closes)).containsExactly(
                new ReboundSignal(ReboundSignal.VERSION, BTC, ReboundSignal.CRYPTO, HOUR,
                        new BigDecimal("104"), hourEnd(0), new BigDecimal("93.6"), hourEnd(5), new BigDecimal("98.5"),
                        hourEnd(7), hourEnd(6), hourEnd(7), 10.0, 5.235, 2, 0.2618,
                        new ReboundSignal.Thresholds(10, 5, 2, 8)));
        assertThat(hourlySignals(new ReboundConfig(10, 5, 2, 7), closes)).isEmpty();
    }

    @Test
    void aGapInTheSeriesDoesNotStretchTheLookback() {
        // the same 8 closes with hour 1 missing: the lookback of 8 windows ending with hour 8 starts at hour 1, so the
        // peak of hour 0 is out although only 7 closes came after it
        List<String> closes = List.of("104", "100", "99", "98", "97", "93.6", "98.3", "98.5");
        List<Integer> hours = List.of(0, 2, 3, 4, 5, 6, 7, 8);
        try (ReboundDriver rebound = ReboundDriver.candles(stateDir, Topics.CRYPTO_CANDLES_1H, HOUR,
                new ReboundConfig(10, 5, 2, 8))) {
            TestInputTopic<String, Candle> candles = rebound.input(Topics.CRYPTO_CANDLES_1H);
            for (int i = 0; i < closes.size(); i++) {
                pipe(candles, List.of(candle(BTC, HOUR, hourStart(hours.get(i)), closes.get(i))));
            }

            assertThat(rebound.signals.isEmpty()).isTrue();
        }
    }

    @Test
    void gpuModelReboundsOnItsHourlyMedianHeldForThreeHours() {
        // defaults for GPUs: D 15 %, R 10 %, N 3. 610 is 15.28 % below 720; 671 would be 10 % above 610. 672 and 680
        // hold it, an hour with no open listing is no close, 690 is the third close in a row: the signal
        List<Double> medians = List.of(700.0, 720.0, 650.0, 610.0, 640.0, 672.0, 680.0, 690.0);
        List<Double> withEmptyHour = List.of(700.0, 720.0, 650.0, 610.0, 640.0, 672.0, 680.0);

        try (ReboundDriver rebound = ReboundDriver.gpu(stateDir, ReboundSettings.GPU_DEFAULTS, false)) {
            TestInputTopic<String, GpuMarketStats> stats = rebound.input(Topics.GPU_STATS_1H);
            for (int hour = 0; hour < withEmptyHour.size(); hour++) {
                pipeStats(stats, "RTX 3080", hour, withEmptyHour.get(hour));
                pipeStats(stats, "family", hour, medians.get(hour));
            }
            pipeStats(stats, "RTX 3080", 7, null);
            pipeStats(stats, "RTX 3080", 8, 690.0);

            assertThat(rebound.signals.readKeyValuesToList()).extracting(kv -> kv.key, kv -> kv.value).containsExactly(
                    tuple("model:RTX 3080", new ReboundSignal(ReboundSignal.VERSION, "model:RTX 3080", ReboundSignal.GPU,
                            HOUR, new BigDecimal("720.0"), hourEnd(1), new BigDecimal("610.0"), hourEnd(3),
                            new BigDecimal("690.0"), hourEnd(8), hourStart(8), hourEnd(8), 15.2778, 13.1148, 3, 0.3339,
                            new ReboundSignal.Thresholds(15, 10, 3, 168))));
            assertThat(rebound.signalsCounted()).as("rigwatch.signals{type=rebound}").isEqualTo(1);
        }
    }

    @Test
    void gpuFamiliesAreWatchedOnlyWhenConfigured() {
        try (ReboundDriver rebound = ReboundDriver.gpu(stateDir, new ReboundConfig(10, 5, 1, 10), true)) {
            TestInputTopic<String, GpuMarketStats> stats = rebound.input(Topics.GPU_STATS_1H);
            List<Double> medians = List.of(500.0, 450.0, 472.5);
            for (int hour = 0; hour < medians.size(); hour++) {
                pipeStats(stats, "family", hour, medians.get(hour));
            }

            assertThat(rebound.signals.readValuesToList()).extracting(ReboundSignal::subject, ReboundSignal::price)
                    .containsExactly(tuple("family:GeForce RTX 30", new BigDecimal("472.5")));
        }
    }

    @Test
    void aCloseThatDoesNotFollowTheLastIsSkippedAndCounted() {
        try (ReboundDriver rebound = ReboundDriver.candles(stateDir, Topics.CRYPTO_CANDLES_1H, HOUR,
                new ReboundConfig(10, 5, 2, 90))) {
            TestInputTopic<String, Candle> candles = rebound.input(Topics.CRYPTO_CANDLES_1H);
            // hour 3 again after hour 4 would have been a trough 10 % below the peak; it must change nothing
            pipe(candles, List.of(candle(BTC, HOUR, hourStart(0), "100"), candle(BTC, HOUR, hourStart(1), "95"),
                    candle(BTC, HOUR, hourStart(2), "94"), candle(BTC, HOUR, hourStart(3), "96"),
                    candle(BTC, HOUR, hourStart(4), "97"), candle(BTC, HOUR, hourStart(3), "90"),
                    candle(BTC, HOUR, hourStart(5), "98.7"), candle(BTC, HOUR, hourStart(6), "99")));

            assertThat(rebound.outOfOrderCloses()).isEqualTo(1.0);
            assertThat(rebound.signals.isEmpty()).isTrue();
        }
    }

    @Test
    void aCandleOfAnotherIntervalIsDeadLetteredNotWatched() {
        try (ReboundDriver rebound = ReboundDriver.candles(stateDir, Topics.CRYPTO_CANDLES_1H, HOUR,
                new ReboundConfig(10, 5, 2, 90))) {
            pipe(rebound.input(Topics.CRYPTO_CANDLES_1H), List.of(candle(BTC, Duration.ofMinutes(1), T0, "100")));

            assertThat(rebound.deadLetters.readValuesToList()).hasSize(1);
            assertThat(rebound.signals.isEmpty()).isTrue();
        }
    }

    private List<ReboundSignal> hourlySignals(ReboundConfig config, List<String> closes) {
        try (ReboundDriver rebound = ReboundDriver.candles(stateDir.resolve("lookback-" + config.lookbackWindows()),
                Topics.CRYPTO_CANDLES_1H, HOUR, config)) {
            TestInputTopic<String, Candle> candles = rebound.input(Topics.CRYPTO_CANDLES_1H);
            for (int hour = 0; hour < closes.size(); hour++) {
                pipe(candles, List.of(candle(BTC, HOUR, hourStart(hour), closes.get(hour))));
            }
            return rebound.signals.readValuesToList();
        }
    }

    private static void pipe(TestInputTopic<String, Candle> topic, List<Candle> candles) {
        candles.forEach(c -> topic.pipeInput(c.instrument(), c, c.windowEnd()));
    }

    /** Hourly stats of a model, or of the family GeForce RTX 30 for {@code "family"}, with this median. */
    private static void pipeStats(TestInputTopic<String, GpuMarketStats> topic, String model, int hour, Double median) {
        boolean family = model.equals("family");
        GpuMarketStats stats = new GpuMarketStats(GpuMarketStats.VERSION,
                family ? GpuMarketStats.FAMILY : GpuMarketStats.MODEL, family ? "GeForce RTX 30" : model, HOUR,
                hourStart(hour), hourEnd(hour), median == null ? 0 : 12, 3, 2, 1, median, median, median, 0.0133,
                null, null);
        topic.pipeInput(stats.key(), stats, stats.windowEnd());
    }

    private static Instant hourStart(int hour) {
        return T0.plus(HOUR.multipliedBy(hour));
    }

    private static Instant hourEnd(int hour) {
        return hourStart(hour + 1);
    }
}
