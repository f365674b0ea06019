package dev.rigwatch.streams.gpu;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the GPU market statistics.
 *
 * @param hourlyWindow the size of the short window, the one written to {@code gpu.stats.1h} (default 1 h). Only
 *                    demos and tests shorten it (the demo runs a simulated hour in a minute, so its rows cover a few
 *                    simulated minutes); the topic keeps its name and each row states its window in {@code interval}.
 *                    Whole minutes that divide a day, so windows align with UTC days and name their rebound series
 * @param hourlyGrace how long after an hour's end a lifecycle change of that hour still counts (default 5 min: the
 *                    lifecycle stamps a GONE with the start of the poll that proved it, and writes it only after that
 *                    poll has ended and its next check has run); every hourly row waits this long past its hour
 * @param dailyGrace  the same for a UTC day (default 30 min)
 * @param checkEvery  how often, in wall-clock time, the injected clock is read to close due windows (default 30 s).
 *                    Wall clock, because a quiet partition stalls stream time; it decides when a row is written,
 *                    never what it says. In {@code TimeMode.STREAM_TIME}: how far stream time moves between checks
 * @param sketchK     the KLL sketches' {@code k} (default 200: normalized rank error about 1.33 % per quantile at
 *                    99 % confidence; exact up to 200 listings per model)
 */
public record GpuStatsSettings(Duration hourlyWindow, Duration hourlyGrace, Duration dailyGrace, Duration checkEvery, int sketchK) {

    public static final Duration DEFAULT_HOURLY_WINDOW = Duration.ofHours(1);
    public static final Duration DEFAULT_HOURLY_GRACE = Duration.ofMinutes(5);
    public static final Duration DEFAULT_DAILY_GRACE = Duration.ofMinutes(30);
    public static final Duration DEFAULT_CHECK_EVERY = Duration.ofSeconds(30);
    public static final int DEFAULT_SKETCH_K = 200;
    /** The KLL sketch's bounds on {@code k}. */
    static final int MIN_SKETCH_K = 8;
    static final int MAX_SKETCH_K = 65_535;

    private static final Duration DAY = Duration.ofDays(1);

    public GpuStatsSettings {
        Objects.requireNonNull(hourlyWindow, "hourlyWindow");
        Objects.requireNonNull(hourlyGrace, "hourlyGrace");
        Objects.requireNonNull(dailyGrace, "dailyGrace");
        Objects.requireNonNull(checkEvery, "checkEvery");
        long minutes = hourlyWindow.toMinutes();
        if (minutes < 1 || !hourlyWindow.equals(Duration.ofMinutes(minutes)) || DAY.toMinutes() % minutes != 0) {
            throw new IllegalArgumentException("GPU stats hourlyWindow must be a whole number of minutes that divides a "
                    + "day, got " + hourlyWindow);
        }
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
        return new GpuStatsSettings(DEFAULT_HOURLY_WINDOW, DEFAULT_HOURLY_GRACE, DEFAULT_DAILY_GRACE, DEFAULT_CHECK_EVERY, DEFAULT_SKETCH_K);
    }
}
