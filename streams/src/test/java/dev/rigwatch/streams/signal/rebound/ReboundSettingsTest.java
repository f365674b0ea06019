package dev.rigwatch.streams.signal.rebound;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.streams.MarketTopology;
import dev.rigwatch.streams.StreamsSettings;
import dev.rigwatch.streams.gpu.GpuStatsSettings;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReboundSettingsTest {

    @Test
    void defaultsAreTheDocumentedValues() {
        assertThat(ReboundConfig.defaults()).isEqualTo(new ReboundConfig(40, 25, 2, 90));
        ReboundSettings defaults = ReboundSettings.defaults();
        assertThat(defaults.crypto()).containsExactly(
                entry(Duration.ofMinutes(1), new ReboundConfig(10, 5, 2, 90)),
                entry(Duration.ofDays(1), new ReboundConfig(40, 25, 2, 90)));
        assertThat(defaults.gpu()).isEqualTo(new ReboundConfig(15, 10, 3, 168));
        assertThat(defaults.gpuDaily()).isEqualTo(new ReboundConfig(35, 7.5, 90, 730));
        assertThat(defaults.gpuFamilies()).isFalse();
    }

    @Test
    void cryptoIntervalsAreKeptInOrderAndLimitedToTheCandlesTheStageMakes() {
        ReboundSettings withHourly = ReboundSettings.defaults().withCrypto(Duration.ofHours(1), ReboundConfig.defaults());
        assertThat(withHourly.crypto().keySet())
                .containsExactly(Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofDays(1));
        assertThatThrownBy(() -> ReboundSettings.defaults().withCrypto(Duration.ofMinutes(5), ReboundConfig.defaults()))
                .hasMessage("rebound crypto interval must be PT1M, PT1H or P1D, got PT5M");
    }

    @Test
    void parametersAreValidated() {
        assertThatThrownBy(() -> new ReboundConfig(0, 5, 2, 90))
                .hasMessage("rebound drawdownPct must be > 0 and < 100, got 0.0");
        assertThatThrownBy(() -> new ReboundConfig(100, 5, 2, 90))
                .hasMessage("rebound drawdownPct must be > 0 and < 100, got 100.0");
        assertThatThrownBy(() -> new ReboundConfig(Double.NaN, 5, 2, 90))
                .hasMessage("rebound drawdownPct must be > 0 and < 100, got NaN");
        assertThatThrownBy(() -> new ReboundConfig(10, 0, 2, 90))
                .hasMessage("rebound recoveryPct must be a finite number > 0, got 0.0");
        assertThatThrownBy(() -> new ReboundConfig(10, Double.POSITIVE_INFINITY, 2, 90))
                .hasMessage("rebound recoveryPct must be a finite number > 0, got Infinity");
        assertThatThrownBy(() -> new ReboundConfig(10, 5, 0, 90))
                .hasMessage("rebound confirmWindows must be at least 1, got 0");
        assertThatThrownBy(() -> new ReboundConfig(10, 5, 3, 4))
                .hasMessage("rebound lookbackWindows must be at least confirmWindows + 2 = 5 (a peak, a trough and "
                        + "the confirmations), got 4");
        assertThat(new ReboundConfig(99.5, 250, 1, 3).recoveryPct()).isEqualTo(250);
    }

    @Test
    void everySeriesHasItsOwnNamedProcessorsStoresAndSinks() {
        StreamsSettings settings = StreamsSettings.defaults().withRebound(
                ReboundSettings.defaults().withCrypto(Duration.ofHours(1), ReboundConfig.defaults()));
        String description = MarketTopology.build(settings, TopicNamespace.PRODUCTION, Clock.systemUTC()).describe()
                .toString();

        assertThat(description).doesNotContain("KSTREAM-", "KTABLE-").contains(
                "rebound-crypto-1m-detector", "rebound-crypto-1m-state", "signals-rebound-crypto-1m-sink",
                "rebound-1h-candles-source", "rebound-crypto-1h-detector", "rebound-crypto-1h-state",
                "rebound-1d-candles-source", "rebound-crypto-1d-detector", "rebound-crypto-1d-state",
                "rebound-gpu-stats-1h-source", "rebound-gpu-1h-models", "rebound-gpu-1h-detector",
                "rebound-gpu-1h-state", "signals-rebound-gpu-1h-sink",
                "rebound-gpu-stats-1d-source", "rebound-gpu-1d-models", "rebound-gpu-1d-detector",
                "rebound-gpu-1d-state", "signals-rebound-gpu-1d-sink",
                "rebound-gpu-sold-prices-source", "rebound-gpu-sold-1mo-detector", "rebound-gpu-sold-1mo-state",
                "signals-rebound-gpu-sold-1mo-sink");
    }

    @Test
    void theSoldPriceSeriesRunsByDefaultAndReadsNothingWhenDisabled() {
        ReboundSettings defaults = ReboundSettings.defaults();
        StreamsSettings disabled = StreamsSettings.defaults().withRebound(defaults.withGpuSold(
                new GpuSoldRebound(false, GpuSoldRebound.MONTHLY_DEFAULTS, GpuSoldRebound.DEFAULT_MIN_QUANTITY)));

        assertThat(defaults.gpuSold()).isEqualTo(new GpuSoldRebound(true, new ReboundConfig(35, 7.5, 3, 24), 30));
        assertThat(MarketTopology.build(disabled, TopicNamespace.PRODUCTION, Clock.systemUTC()).describe().toString())
                .doesNotContain("gpu.sold-prices", "rebound-gpu-sold");
        assertThatThrownBy(() -> new GpuSoldRebound(true, GpuSoldRebound.MONTHLY_DEFAULTS, -1))
                .hasMessage("GPU sold-price rebound minQuantity must not be negative, got -1");
    }

    @Test
    void theGpuSeriesIsNamedAfterTheStatsWindowItWatches() {
        StreamsSettings settings = StreamsSettings.defaults()
                .withGpuStats(new GpuStatsSettings(Duration.ofMinutes(3), Duration.ofMinutes(2),
                        GpuStatsSettings.DEFAULT_DAILY_GRACE, Duration.ofSeconds(1), GpuStatsSettings.DEFAULT_SKETCH_K))
                .withRebound(ReboundSettings.defaults().withGpu(new ReboundConfig(5, 5, 2, 20)));
        String description = MarketTopology.build(settings, TopicNamespace.PRODUCTION, Clock.systemUTC()).describe()
                .toString();

        assertThat(settings.rebound().gpu()).isEqualTo(new ReboundConfig(5, 5, 2, 20));
        assertThat(description).contains("rebound-gpu-3m-detector", "rebound-gpu-3m-state",
                "signals-rebound-gpu-3m-sink").doesNotContain("rebound-gpu-1h-");
    }
}
