package dev.rigwatch.streams;

import dev.rigwatch.streams.candles.CandleRollUps;
import dev.rigwatch.streams.gpu.GpuStatsSettings;
import dev.rigwatch.streams.listing.ListingLifecycleSettings;
import dev.rigwatch.streams.prices.PriceSettings;
import dev.rigwatch.streams.signal.capitulation.CapitulationSettings;
import dev.rigwatch.streams.signal.rebound.ReboundSettings;
import dev.rigwatch.streams.signal.tightness.TightnessSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Settings of the crypto streams stage.
 *
 * @param applicationId  Kafka Streams {@code application.id}: the consumer group and the prefix of every internal
 *                       topic, so changing it starts from scratch (default {@value #DEFAULT_APPLICATION_ID})
 * @param stateDir       where RocksDB state lives (default {@code ~/.rigwatch/streams-state}: outside the OS temp
 *                       directory, which may be cleared and force a full restore from the changelogs)
 * @param candleGrace    how long after a candle's window end a late tick is still admitted (default 10 s: covers a
 *                       slow or retried poll of a few seconds; every candle is held back by this much stream time)
 * @param rebound        the series the rebound rule watches, and its parameters for each
 * @param rollUpGrace    how long after an hour's or day's end a late 1-minute candle still counts (default 2 min; the
 *                       minutes arrive in order from one task, so this is a margin that delays each roll-up by as much)
 * @param prices         the cross-exchange price
 * @param lifecycle      the listing lifecycle (when a listing is gone)
 * @param gpuStats       the hourly (or, in the demo, shorter) and daily GPU market statistics
 * @param tightness      the supply tightness index
 * @param capitulation   the miner capitulation signal
 * @param commitInterval how often Kafka Streams commits its transaction (default 1 s: downstream read_committed
 *                       consumers see a candle at most about this late; fewer transactions than Kafka's
 *                       exactly-once default of 100 ms)
 * @param timeMode       what "now" is for what closes on time rather than on a record (the GPU statistics' windows,
 *                       the listing lifecycle's GONE check, the market tightness index's quiet hours): the injected
 *                       clock (default {@link TimeMode#WALL_CLOCK}, live operation) or stream time
 *                       ({@link TimeMode#STREAM_TIME}, replays and backtests over history at full speed; see there for
 *                       the trade-off)
 */
public record StreamsSettings(
        String applicationId,
        Path stateDir,
        Duration candleGrace,
        ReboundSettings rebound,
        Duration commitInterval,
        Duration rollUpGrace,
        PriceSettings prices,
        ListingLifecycleSettings lifecycle,
        GpuStatsSettings gpuStats,
        TightnessSettings tightness,
        CapitulationSettings capitulation,
        TimeMode timeMode) {

    public static final String DEFAULT_APPLICATION_ID = "rigwatch-streams";
    public static final Duration DEFAULT_CANDLE_GRACE = Duration.ofSeconds(10);
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofSeconds(1);

    /** Kafka's rule for names that become part of topic names. */
    private static final Pattern LEGAL_APPLICATION_ID = Pattern.compile("[a-zA-Z0-9._-]+");

    public StreamsSettings {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(candleGrace, "candleGrace");
        Objects.requireNonNull(rebound, "rebound");
        Objects.requireNonNull(commitInterval, "commitInterval");
        Objects.requireNonNull(rollUpGrace, "rollUpGrace");
        Objects.requireNonNull(prices, "prices");
        Objects.requireNonNull(lifecycle, "lifecycle");
        Objects.requireNonNull(gpuStats, "gpuStats");
        Objects.requireNonNull(tightness, "tightness");
        Objects.requireNonNull(capitulation, "capitulation");
        Objects.requireNonNull(timeMode, "timeMode");
        if (rollUpGrace.isNegative()) {
            throw new IllegalArgumentException("rollUpGrace must not be negative, got " + rollUpGrace);
        }
        if (!LEGAL_APPLICATION_ID.matcher(applicationId).matches()) {
            throw new IllegalArgumentException(
                    "applicationId may only contain ASCII letters, digits, '.', '_' and '-', got '" + applicationId + "'");
        }
        if (candleGrace.isNegative()) {
            throw new IllegalArgumentException("candleGrace must not be negative, got " + candleGrace);
        }
        if (commitInterval.isNegative() || commitInterval.isZero()) {
            throw new IllegalArgumentException("commitInterval must be positive, got " + commitInterval);
        }
    }

    public static StreamsSettings defaults() {
        return new StreamsSettings(DEFAULT_APPLICATION_ID,
                Path.of(System.getProperty("user.home"), ".rigwatch", "streams-state"),
                DEFAULT_CANDLE_GRACE, ReboundSettings.defaults(), DEFAULT_COMMIT_INTERVAL, CandleRollUps.DEFAULT_GRACE,
                PriceSettings.defaults(), ListingLifecycleSettings.defaults(), GpuStatsSettings.defaults(),
                TightnessSettings.defaults(), CapitulationSettings.defaults(), TimeMode.WALL_CLOCK);
    }

    public StreamsSettings withApplicationId(String id, Path dir) {
        return new StreamsSettings(id, dir, candleGrace, rebound, commitInterval, rollUpGrace, prices,
                lifecycle, gpuStats, tightness, capitulation, timeMode);
    }

    public StreamsSettings withCandleGrace(Duration grace) {
        return new StreamsSettings(applicationId, stateDir, grace, rebound, commitInterval, rollUpGrace, prices,
                lifecycle, gpuStats, tightness, capitulation, timeMode);
    }

    public StreamsSettings withRebound(ReboundSettings config) {
        return new StreamsSettings(applicationId, stateDir, candleGrace, config, commitInterval, rollUpGrace, prices,
                lifecycle, gpuStats, tightness, capitulation, timeMode);
    }

    public StreamsSettings withCommitInterval(Duration interval) {
        return new StreamsSettings(applicationId, stateDir, candleGrace, rebound, interval, rollUpGrace, prices,
                lifecycle, gpuStats, tightness, capitulation, timeMode);
    }

    public StreamsSettings withLifecycle(ListingLifecycleSettings settings) {
        return new StreamsSettings(applicationId, stateDir, candleGrace, rebound, commitInterval, rollUpGrace, prices,
                settings, gpuStats, tightness, capitulation, timeMode);
    }

    public StreamsSettings withGpuStats(GpuStatsSettings settings) {
        return new StreamsSettings(applicationId, stateDir, candleGrace, rebound, commitInterval, rollUpGrace, prices,
                lifecycle, settings, tightness, capitulation, timeMode);
    }

    public StreamsSettings withTightness(TightnessSettings settings) {
        return new StreamsSettings(applicationId, stateDir, candleGrace, rebound, commitInterval, rollUpGrace, prices,
                lifecycle, gpuStats, settings, capitulation, timeMode);
    }

    public StreamsSettings withCapitulation(CapitulationSettings settings) {
        return new StreamsSettings(applicationId, stateDir, candleGrace, rebound, commitInterval, rollUpGrace, prices,
                lifecycle, gpuStats, tightness, settings, timeMode);
    }

    public StreamsSettings withTimeMode(TimeMode mode) {
        return new StreamsSettings(applicationId, stateDir, candleGrace, rebound, commitInterval, rollUpGrace, prices,
                lifecycle, gpuStats, tightness, capitulation, mode);
    }
}
