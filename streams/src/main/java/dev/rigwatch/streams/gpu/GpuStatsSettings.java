package dev.rigwatch.streams.gpu;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the GPU market statistics.
 *
 * @param hourlyGrace how long after an hour's end a lifecycle change of that hour still counts (default 5 min: the
 *                    lifecycle stamps a GONE with the start of the poll that proved it, and writes it only after that
 *                    poll has ended and its next check has run); every hourly row waits this long past its hour
 * @param dailyGrace  the same for a UTC day (default 30 min)
 * @param checkEvery  how often, in wall-clock time, the injected clock is read to close due windows (default 30 s).
 *                    Wall clock, because a quiet partition stalls stream time; it decides when a row is written,
 *                    never what it says
 * @param sketchK     the KLL sketches' {@code k} (default 200: normalized rank error about 1.33 % per quantile at
 *                    99 % confidence; exact up to 200 listings per model)
 */
public record GpuStatsSettings(Duration hourlyGrace, Duration dailyGrace, Duration checkEvery, int sketchK) {

    public static final Duration DEFAULT_HOURLY_GRACE = Duration.ofMinutes(5);
    public static final Duration DEFAULT_DAILY_GRACE = Duration.ofMinutes(30);
    public static final Duration DEFAULT_CHECK_EVERY = Duration.ofSeconds(30);
    public static final int DEFAULT_SKETCH_K = 200;
    /** The KLL sketch's bounds on {@code k}. */
    static final int MIN_SKETCH_K = 8;
    static final int MAX_SKETCH_K = 65_535;

    public GpuStatsSettings {
        Objects.requireNonNull(hourlyGrace, "hourlyGrace");
        Objects.requireNonNull(dailyGrace, "dailyGrace");
        Objects.requireNonNull(checkEvery, "checkEvery");
        if (hourlyGrace.isNegative()) {
            throw new IllegalArgumentException("GPU stats hourlyGrace must not be negative, got " + hourlyGrace);
        }
        if (dailyGrace.isNegative()) {
            throw new IllegalArgumentException("GPU stats dailyGrace must not be negative, got " + dailyGrace);
        }
        // Kafka Streams schedules punctuations in whole milliseconds
        if (checkEvery.toMillis() < 1) {
            throw new IllegalArgumentException("GPU stats checkEvery must be at least 1 ms, got " + checkEvery);
        }
        if (sketchK < MIN_SKETCH_K || sketchK > MAX_SKETCH_K) {
            throw new IllegalArgumentException("GPU stats sketchK must be between " + MIN_SKETCH_K + " and "
                    + MAX_SKETCH_K + ", got " + sketchK);
        }
    }

    public static GpuStatsSettings defaults() {
        return new GpuStatsSettings(DEFAULT_HOURLY_GRACE, DEFAULT_DAILY_GRACE, DEFAULT_CHECK_EVERY, DEFAULT_SKETCH_K);
    }
}
