package dev.rigwatch.app;

import dev.rigwatch.streams.StreamsSettings;
import dev.rigwatch.streams.gpu.GpuStatsSettings;
import dev.rigwatch.streams.signal.capitulation.CapitulationSettings;
import dev.rigwatch.streams.signal.rebound.ReboundConfig;
import java.math.BigDecimal;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The parameters of the GPU market statistics and the signals on them, for {@code streams}. Their defaults are the
 * code's ({@link GpuStatsSettings#defaults()}, {@code ReboundSettings.GPU_DEFAULTS}, {@code TightnessSettings},
 * {@link CapitulationSettings#defaults()}); a test holds them equal.
 */
final class GpuSignalOptions {

    @Option(names = "--gpu-stats-window", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "1h",
            description = "Size of the short GPU market window written to gpu.stats.1h (whole minutes dividing a day).")
    Duration statsWindow;

    @Option(names = "--gpu-stats-grace", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "5m",
            description = "How long after a short window's end its lifecycle changes still count.")
    Duration statsGrace;

    @Option(names = "--gpu-rebound-drawdown-pct", paramLabel = "D", defaultValue = "15",
            description = "GPU rebound: fall of a model's median asking price from its trailing peak, in percent.")
    double reboundDrawdownPct;

    @Option(names = "--gpu-rebound-recovery-pct", paramLabel = "R", defaultValue = "10",
            description = "GPU rebound: rise from the trough, in percent, held over --gpu-rebound-confirm-windows windows.")
    double reboundRecoveryPct;

    @Option(names = "--gpu-rebound-confirm-windows", paramLabel = "N", defaultValue = "3",
            description = "GPU rebound: consecutive windows the recovery must hold.")
    int reboundConfirmWindows;

    @Option(names = "--gpu-rebound-lookback-windows", paramLabel = "L", defaultValue = "168",
            description = "GPU rebound: how many windows back the trailing peak is looked for (168 hours = a week).")
    int reboundLookbackWindows;

    @Option(names = "--gpu-daily-rebound-drawdown-pct", paramLabel = "D", defaultValue = "35",
            description = "GPU rebound on daily medians: fall from the trailing peak, in percent (from the real monthly used-GPU prices).")
    double dailyReboundDrawdownPct;

    @Option(names = "--gpu-daily-rebound-recovery-pct", paramLabel = "R", defaultValue = "7.5",
            description = "GPU rebound on daily medians: rise from the trough, in percent.")
    double dailyReboundRecoveryPct;

    @Option(names = "--gpu-daily-rebound-confirm-windows", paramLabel = "N", defaultValue = "90",
            description = "GPU rebound on daily medians: consecutive days the recovery must hold (about three months).")
    int dailyReboundConfirmWindows;

    @Option(names = "--gpu-daily-rebound-lookback-windows", paramLabel = "L", defaultValue = "730",
            description = "GPU rebound on daily medians: how many days back the trailing peak is looked for.")
    int dailyReboundLookbackWindows;

    @Option(names = "--tightness-baseline-windows", paramLabel = "N", defaultValue = "24",
            description = "Supply tightness: each component is standardised against the model's previous N windows.")
    int tightnessBaseline;

    @Option(names = "--tightness-min-baseline-windows", paramLabel = "N", defaultValue = "12",
            description = "Supply tightness: a component counts once it has at least this many baseline windows.")
    int tightnessMinBaseline;

    @Option(names = "--capitulation-instrument", paramLabel = "EXCHANGE:SYMBOL", defaultValue = "coinbase:ETH-USD",
            description = "Miner capitulation: the daily candles whose close prices the mined coin.")
    String capitulationInstrument;

    @Option(names = "--capitulation-coin-per-mh-day", paramLabel = "COINS", defaultValue = "0.0000135",
            description = "Miner capitulation: coins one MH/s earns a day (ETH, late 2021).")
    BigDecimal coinPerMhDay;

    @Option(names = "--capitulation-electricity-usd-per-kwh", paramLabel = "USD", defaultValue = "0.12",
            description = "Miner capitulation: the electricity price.")
    BigDecimal electricityUsdPerKwh;

    StreamsSettings applyTo(StreamsSettings settings) {
        GpuStatsSettings stats = settings.gpuStats();
        return settings
                .withGpuStats(new GpuStatsSettings(statsWindow, statsGrace, stats.dailyGrace(), stats.checkEvery(),
                        stats.sketchK()))
                .withRebound(settings.rebound()
                        .withGpu(new ReboundConfig(reboundDrawdownPct, reboundRecoveryPct, reboundConfirmWindows,
                                reboundLookbackWindows))
                        .withGpuDaily(new ReboundConfig(dailyReboundDrawdownPct, dailyReboundRecoveryPct,
                                dailyReboundConfirmWindows, dailyReboundLookbackWindows)))
                .withTightness(settings.tightness().withBaseline(tightnessBaseline, tightnessMinBaseline))
                .withCapitulation(new CapitulationSettings(capitulationInstrument, coinPerMhDay, electricityUsdPerKwh));
    }
}
