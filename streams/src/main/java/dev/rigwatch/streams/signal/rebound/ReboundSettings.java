package dev.rigwatch.streams.signal.rebound;

import dev.rigwatch.streams.candles.Candles;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Which series the rebound rule watches, and with which parameters.
 *
 * @param crypto      the crypto candle intervals to watch (1 minute, 1 hour, 1 day), each with its parameters; empty
 *                    for none. Default: 1 minute with {@link #MINUTE_DEFAULTS} and 1 day with
 *                    {@link ReboundConfig#defaults()}. Kept sorted, so the topology, and so its task ids, are the same
 *                    on every start
 * @param gpu         the rule on the hourly median asking price of each GPU model (default {@link #GPU_DEFAULTS}; counts
 *                    in windows of {@code gpu.stats.1h}, so a demo that shortens them sets its own)
 * @param gpuDaily    the rule on the daily median asking price of each GPU model (default {@link #GPU_DAILY_DEFAULTS}):
 *                    the scale of the real used-GPU crashes and recoveries, which take months
 * @param gpuFamilies whether GPU families ({@code family:GeForce RTX 30}) are watched beside the models (default
 *                    false: a family's median moves with its mix of models as much as with the market)
 * @param gpuSold     the rule on the GPU models' imported monthly sold prices (default
 *                    {@link GpuSoldRebound#defaults()})
 */
public record ReboundSettings(SortedMap<Duration, ReboundConfig> crypto, ReboundConfig gpu, ReboundConfig gpuDaily,
                              boolean gpuFamilies, GpuSoldRebound gpuSold) {

    /** The candle intervals the streams stage produces. */
    public static final Set<Duration> CRYPTO_INTERVALS =
            Set.of(Candles.INTERVAL, Duration.ofHours(1), Duration.ofDays(1));

    /**
     * 1-minute closes: D 10 %, R 5 %, N 2, lookback 90 minutes. An intraday crash is shallower than a daily one,
     * and the lookback of an hour and a half holds the simulator's whole crash (15 minutes down, 10 at the bottom).
     */
    public static final ReboundConfig MINUTE_DEFAULTS = new ReboundConfig(10, 5, 2, 90);

    /**
     * Hourly GPU medians: D 15 %, R 10 %, N 3, lookback 168 hours (a week). Used-GPU asks move over days, not minutes,
     * and an hourly median is noisy (listings come and go, the quantile sketch adds about 1 %), so the recovery must
     * hold for three hours before it counts.
     */
    public static final ReboundConfig GPU_DEFAULTS = new ReboundConfig(15, 10, 3, 168);

    /**
     * Daily GPU medians: D 35 %, R 7.5 %, N 90 (about three months), lookback 730 days. From the real monthly used-GPU
     * sold prices of 2021-2023 (see {@code GpuReboundCalibrationTest} and the README): crashes took about 8 months
     * peak to trough and real recoveries were 7-22 %; in months, D 35 / R 7.5 / N 3 / L 24 fired on the RTX 3080 12GB's
     * 2022-23 recovery and the RTX 4090's 2023 one and not on the Arc A380's noise. Here in days; daily asking-price
     * series of that length do not exist yet to check the translation.
     */
    public static final ReboundConfig GPU_DAILY_DEFAULTS = new ReboundConfig(35, 7.5, 90, 730);

    public ReboundSettings {
        Objects.requireNonNull(crypto, "crypto");
        Objects.requireNonNull(gpu, "gpu");
        Objects.requireNonNull(gpuDaily, "gpuDaily");
        Objects.requireNonNull(gpuSold, "gpuSold");
        crypto.forEach((interval, config) -> {
            if (!CRYPTO_INTERVALS.contains(interval)) {
                throw new IllegalArgumentException(
                        "rebound crypto interval must be PT1M, PT1H or P1D, got " + interval);
            }
            Objects.requireNonNull(config, () -> "rebound config for " + interval);
        });
        crypto = Collections.unmodifiableSortedMap(new TreeMap<>(crypto));
    }

    public static ReboundSettings defaults() {
        return new ReboundSettings(new TreeMap<>(Map.of(Candles.INTERVAL, MINUTE_DEFAULTS,
                Duration.ofDays(1), ReboundConfig.defaults())), GPU_DEFAULTS, GPU_DAILY_DEFAULTS, false,
                GpuSoldRebound.defaults());
    }

    /** These settings with {@code config} on the crypto candles of {@code interval}, added or replacing. */
    public ReboundSettings withCrypto(Duration interval, ReboundConfig config) {
        SortedMap<Duration, ReboundConfig> changed = new TreeMap<>(crypto);
        changed.put(interval, config);
        return new ReboundSettings(changed, gpu, gpuDaily, gpuFamilies, gpuSold);
    }

    /** These settings with {@code config} on the GPU models' daily medians. */
    public ReboundSettings withGpuDaily(ReboundConfig config) {
        return new ReboundSettings(crypto, gpu, config, gpuFamilies, gpuSold);
    }

    /** These settings with {@code config} on the GPU models' medians. */
    public ReboundSettings withGpu(ReboundConfig config) {
        return new ReboundSettings(crypto, config, gpuDaily, gpuFamilies, gpuSold);
    }

    /** These settings with {@code settings} on the GPU models' imported monthly sold prices. */
    public ReboundSettings withGpuSold(GpuSoldRebound settings) {
        return new ReboundSettings(crypto, gpu, gpuDaily, gpuFamilies, settings);
    }
}
