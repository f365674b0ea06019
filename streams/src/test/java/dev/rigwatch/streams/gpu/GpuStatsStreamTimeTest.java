package dev.rigwatch.streams.gpu;

import static dev.rigwatch.streams.gpu.GpuStatsHarness.RTX_30;
import static dev.rigwatch.streams.gpu.GpuStatsHarness.RTX_3080;
import static dev.rigwatch.streams.gpu.GpuStatsHarness.RTX_3090;
import static dev.rigwatch.streams.gpu.GpuStatsHarness.RX_6700_XT;
import static dev.rigwatch.streams.gpu.GpuStatsHarness.gone;
import static dev.rigwatch.streams.gpu.GpuStatsHarness.listed;
import static dev.rigwatch.streams.gpu.GpuStatsHarness.repriced;
import static dev.rigwatch.streams.gpu.GpuStatsHarness.rowsByKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rigwatch.events.GpuMarketStats;
import dev.rigwatch.events.ListingLifecycle;
import dev.rigwatch.streams.TimeMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GPU statistics in {@link TimeMode#STREAM_TIME}: windows close as the records move stream time past their end
 * plus grace, with the rows the injected clock would have closed them with, and neither clock is read.
 */
class GpuStatsStreamTimeTest {

    private static final Instant T12 = Instant.parse("2026-03-02T12:00:00Z");
    private static final Instant T13 = T12.plus(Duration.ofHours(1));
    private static final Duration GRACE = GpuStatsSettings.DEFAULT_HOURLY_GRACE;

    /** Hour 12's changes, and a change of hour 13 that arrives before hour 12 closes. */
    private static final List<ListingLifecycle> HOUR_12 = List.of(
            listed("a", RTX_3080, "650", T12.plusSeconds(10 * 60)),
            listed("b", RTX_3090, "1200", T12.plusSeconds(20 * 60)),
            repriced("a", RTX_3080, "650", "600", T12.plusSeconds(10 * 60), T12.plusSeconds(50 * 60)),
            gone("b", RTX_3090, "1200", T12.plusSeconds(20 * 60), T13, T13.plusSeconds(2 * 60)));

    @Test
    void recordsClosingTheHourInStreamTimeGiveTheRowsTheClockGaveWithoutEitherClockMoving(@TempDir Path wallClockDir,
                                                                                          @TempDir Path streamTimeDir) {
        Map<String, GpuMarketStats> onTheClock;
        try (GpuStatsHarness wallClock = new GpuStatsHarness(wallClockDir)) {
            HOUR_12.forEach(wallClock::pipe);
            wallClock.checkAt(T13.plus(GRACE));
            onTheClock = rowsByKey(wallClock.hourly);
        }

        try (GpuStatsHarness streamTime = new GpuStatsHarness(streamTimeDir, GpuStatsSettings.defaults(),
                TimeMode.STREAM_TIME)) {
            HOUR_12.forEach(streamTime::pipe);
            streamTime.pipe(listed("c", RX_6700_XT, "400", T13.plus(GRACE).minusMillis(1)));
            assertThat(streamTime.hourly.readKeyValuesToList()).as("stream time is 1 ms short of 13:05").isEmpty();

            streamTime.pipe(listed("d", RX_6700_XT, "420", T13.plus(GRACE)));

            Map<String, GpuMarketStats> onStreamTime = rowsByKey(streamTime.hourly);
            assertThat(onStreamTime).isEqualTo(onTheClock);
            assertThat(onStreamTime.values()).extracting(GpuMarketStats::key, GpuMarketStats::activeSupply,
                            GpuMarketStats::newListings, GpuMarketStats::priceChanges, GpuMarketStats::medianPriceUsd)
                    .containsExactlyInAnyOrder(
                            tuple("family:" + RTX_30, 2L, 2L, 1L, 600.0),
                            tuple("model:" + RTX_3080, 1L, 1L, 1L, 600.0),
                            tuple("model:" + RTX_3090, 1L, 1L, 0L, 1200.0));
            assertThat(streamTime.clock.instant()).as("the injected clock never moved")
                    .isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
        }
    }

    @Test
    void theClocksCloseNoWindowInStreamTime(@TempDir Path stateDir) {
        try (GpuStatsHarness streamTime = new GpuStatsHarness(stateDir, GpuStatsSettings.defaults(),
                TimeMode.STREAM_TIME)) {
            HOUR_12.forEach(streamTime::pipe);

            streamTime.checkAt(T13.plus(Duration.ofDays(2)));

            assertThat(streamTime.hourly.readKeyValuesToList()).isEmpty();
            assertThat(streamTime.daily.readKeyValuesToList()).isEmpty();
        }
    }
}
