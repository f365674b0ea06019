package dev.rigwatch.streams.gpu;

import static dev.rigwatch.streams.gpu.GpuStatsHarness.RTX_30;
import static dev.rigwatch.streams.gpu.GpuStatsHarness.RTX_3080;
import static dev.rigwatch.streams.gpu.GpuStatsHarness.RTX_3090;
import static dev.rigwatch.streams.gpu.GpuStatsHarness.RX_6000;
import static dev.rigwatch.streams.gpu.GpuStatsHarness.RX_6700_XT;
import static dev.rigwatch.streams.gpu.GpuStatsHarness.expired;
import static dev.rigwatch.streams.gpu.GpuStatsHarness.gone;
import static dev.rigwatch.streams.gpu.GpuStatsHarness.listed;
import static dev.rigwatch.streams.gpu.GpuStatsHarness.listing;
import static dev.rigwatch.streams.gpu.GpuStatsHarness.repriced;
import static dev.rigwatch.streams.gpu.GpuStatsHarness.rowsByKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.rigwatch.events.GpuMarketStats;
import dev.rigwatch.events.ListingLifecycle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Hourly and daily GPU market rows from lifecycle changes, with hand-computed expectations. Quantiles follow the KLL
 * sketch's inclusive rule: of n prices in order, the q-quantile is the ⌈q·n⌉-th, so of 600, 700, 720 the p25 is 600,
 * the median 700 and the p75 720. Up to 200 listings the sketch holds them all and is exact (rank error 0).
 */
class GpuStatsTopologyTest {

    private static final Instant T11 = Instant.parse("2026-03-02T11:00:00Z");
    private static final Instant T12 = Instant.parse("2026-03-02T12:00:00Z");
    private static final Instant T13 = Instant.parse("2026-03-02T13:00:00Z");
    private static final Instant T14 = Instant.parse("2026-03-02T14:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration DAY = Duration.ofDays(1);
    private static final double MSRP_3080 = 699;
    private static final int LISTINGS = 400;

    @TempDir
    Path stateDir;

    private GpuStatsHarness harness;
    private final ListAppender<ILoggingEvent> processorLog = new ListAppender<>();
    private final Logger processorLogger = (Logger) LoggerFactory.getLogger(MarketWindowProcessor.class);

    @BeforeEach
    void setUp() {
        harness = new GpuStatsHarness(stateDir);
        processorLog.start();
        processorLogger.addAppender(processorLog);
    }

    @AfterEach
    void tearDown() {
        processorLogger.detachAppender(processorLog);
        harness.close();
    }

    @Test
    void supplyCountsFollowTheListingsAcrossHourlyWindows() {
        Instant listedB = Instant.parse("2026-02-28T12:10:00Z");
        harness.pipe(
                listed("a", RTX_3080, "650", T12.plusSeconds(600)),
                // same event time as a: both must count
                listed("b", RTX_3080, "700", listedB, T12.plusSeconds(600)),
                repriced("a", RTX_3080, "650", "600", T12.plusSeconds(600), T12.plusSeconds(40 * 60)),
                listed("c", RTX_3080, "720", T13.plusSeconds(15 * 60)),
                // a again while open: not a new listing, and not counted twice in the supply
                listed("a", RTX_3080, "600", T13.plusSeconds(20 * 60)),
                // b was on the market from 2026-02-28T12:10 to its last sighting two days later
                gone("b", RTX_3080, "700", listedB, T12.plusSeconds(600), T14.plusSeconds(30 * 60)));

        harness.checkAt(T13.plus(Duration.ofMinutes(5)).minusMillis(1));
        assertThat(harness.hourly.readKeyValuesToList()).as("nothing before 13:05, the hour's end plus grace").isEmpty();

        harness.checkAt(T13.plus(Duration.ofMinutes(5)));
        assertThat(rowsByKey(harness.hourly)).isEqualTo(Map.of(
                "family:" + RTX_30, hourRow("family", RTX_30, T12, 2, 2, 0, 1, 600.0, 600.0, 700.0, null, 600 / MSRP_3080),
                "model:" + RTX_3080, hourRow("model", RTX_3080, T12, 2, 2, 0, 1, 600.0, 600.0, 700.0, null, 600 / MSRP_3080)));

        harness.checkAt(T14.plus(Duration.ofMinutes(5)));
        assertThat(rowsByKey(harness.hourly).get("model:" + RTX_3080))
                .isEqualTo(hourRow("model", RTX_3080, T13, 3, 1, 0, 0, 600.0, 700.0, 720.0, null, 700 / MSRP_3080));

        harness.checkAt(T14.plus(HOUR).plus(Duration.ofMinutes(5)));
        assertThat(rowsByKey(harness.hourly).get("model:" + RTX_3080))
                .isEqualTo(hourRow("model", RTX_3080, T14, 2, 0, 1, 0, 600.0, 600.0, 720.0, 2.0, 600 / MSRP_3080));
        assertThat(harness.daily.readKeyValuesToList()).as("the day has not closed").isEmpty();
    }

    @Test
    void aShortenedHourlyWindowWritesRowsOfItsOwnSizeToTheHourlyTopic(@TempDir Path shortStateDir) {
        Duration twoMinutes = Duration.ofMinutes(2);
        GpuStatsSettings shortened = new GpuStatsSettings(twoMinutes, Duration.ofMinutes(1),
                GpuStatsSettings.DEFAULT_DAILY_GRACE, GpuStatsSettings.DEFAULT_CHECK_EVERY, GpuStatsSettings.DEFAULT_SKETCH_K);
        try (GpuStatsHarness shortWindows = new GpuStatsHarness(shortStateDir, shortened)) {
            shortWindows.pipe(
                    listed("a", RTX_3080, "650", T12.plusSeconds(30)),
                    listed("b", RTX_3080, "700", T12.plusSeconds(70)),
                    gone("a", RTX_3080, "650", T12.plusSeconds(30), T12.plusSeconds(120), T12.plusSeconds(150)));

            shortWindows.checkAt(T12.plus(Duration.ofMinutes(3)).minusMillis(1));
            assertThat(shortWindows.hourly.readKeyValuesToList()).as("nothing before 12:03, the window's end plus grace")
                    .isEmpty();

            shortWindows.checkAt(T12.plus(Duration.ofMinutes(5)));
            assertThat(shortWindows.hourly.readKeyValuesToList().stream()
                    .filter(row -> row.key.equals("model:" + RTX_3080)).map(row -> row.value).toList())
                    .containsExactly(
                            new GpuMarketStats(GpuMarketStats.VERSION, "model", RTX_3080, twoMinutes, T12,
                                    T12.plus(twoMinutes), 2, 2, 0, 0, 650.0, 650.0, 700.0, 0.0, null, 650 / MSRP_3080),
                            // a was on the market from 12:00:30 to 12:02, 90 s
                            new GpuMarketStats(GpuMarketStats.VERSION, "model", RTX_3080, twoMinutes,
                                    T12.plus(twoMinutes), T12.plus(twoMinutes).plus(twoMinutes), 1, 0, 1, 0, 700.0, 700.0,
                                    700.0, 0.0, 90_000.0 / DAY.toMillis(), 700 / MSRP_3080));
            assertThat(shortWindows.daily.readKeyValuesToList()).as("the day has not closed").isEmpty();
        }
    }

    @Test
    void rowsAreStampedWithTheirWindowEnd() {
        harness.pipe(listed("a", RTX_3080, "650", T12.plusSeconds(600)));
        harness.checkAt(T13.plus(Duration.ofMinutes(5)));

        assertThat(harness.hourly.readRecordsToList())
                .extracting(r -> r.getRecordTime())
                .containsExactly(T13, T13);
    }

    @Test
    void quantilesOfMoreListingsThanTheSketchHoldsAreWithinTheStatedRankError() {
        // 400 RTX 3090 listings at 1000, 1001, ... 1399 USD, twice what k = 200 holds exactly: the rank of price p is
        // (p - 999) / 400
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < LISTINGS; i++) {
            int price = 1000 + i;
            ratios.add(price / 1499.0);
            harness.pipe(listed("l" + i, RTX_3090, Integer.toString(price), T12.plusSeconds(i)));
        }
        harness.checkAt(T13.plus(Duration.ofMinutes(5)));

        GpuMarketStats row = rowsByKey(harness.hourly).get("model:" + RTX_3090);
        double rankError = KllDoublesSketch.getNormalizedRankError(200, false);
        assertThat(row.activeSupply()).isEqualTo(LISTINGS);
        assertThat(row.newListings()).isEqualTo(LISTINGS);
        assertThat(row.priceRankError()).as("k = 200, estimating").isEqualTo(rankError).isBetween(0.0132, 0.0134);
        assertThat(rankOfPrice(row.p25PriceUsd())).isBetween(0.25 - rankError, 0.25 + rankError);
        assertThat(rankOfPrice(row.medianPriceUsd())).isBetween(0.5 - rankError, 0.5 + rankError);
        assertThat(rankOfPrice(row.p75PriceUsd())).isBetween(0.75 - rankError, 0.75 + rankError);
        double ratioRank = ratios.stream().filter(r -> r <= row.medianPriceToMsrp()).count() / (double) LISTINGS;
        assertThat(ratioRank).isBetween(0.5 - rankError, 0.5 + rankError);
    }

    private static double rankOfPrice(double price) {
        assertThat(price).as("an item of the set").isBetween(1000.0, 1000.0 + LISTINGS - 1).isEqualTo(Math.rint(price));
        return (price - 999) / LISTINGS;
    }

    @Test
    void daysOnMarketIsTheMedianOfTheListingsGoneInTheWindow() {
        Instant lastSeen = T12.minus(Duration.ofHours(3));
        harness.pipe(
                // the hour before: its own row only
                gone("old", RTX_3080, "500", lastSeen.minus(Duration.ofDays(30)), lastSeen, T11.plusSeconds(60)),
                gone("d1", RTX_3080, "500", lastSeen.minus(Duration.ofDays(1)), lastSeen, T12.plusSeconds(60)),
                gone("d2", RTX_3080, "500", lastSeen.minus(Duration.ofDays(2)), lastSeen, T12.plusSeconds(120)),
                gone("d10", RTX_3080, "500", lastSeen.minus(Duration.ofDays(10)), lastSeen, T12.plusSeconds(180)),
                // no listing time from the source: on the market since its first sighting
                gone(listing("d4", RTX_3080, "500", null, lastSeen.minus(Duration.ofDays(4)), lastSeen),
                        T12.plusSeconds(240)));

        // one check closes both hours, oldest first
        harness.checkAt(T13.plus(Duration.ofMinutes(5)));

        assertThat(harness.hourly.readValuesToList())
                .filteredOn(row -> row.scope().equals("model"))
                .containsExactly(
                        hourRow("model", RTX_3080, T11, 0, 0, 1, 0, null, null, null, 30.0, null),
                        // 1, 2, 4, 10 days: the mean of the middle two
                        hourRow("model", RTX_3080, T12, 0, 0, 4, 0, null, null, null, 3.0, null));
    }

    @Test
    void expiredListingLeavesTheSupplyWithoutCountingAsGone() {
        Instant listedB = T12.minus(Duration.ofDays(20));
        harness.pipe(
                listed("a", RTX_3080, "650", T12.plusSeconds(60)),
                listed("b", RTX_3080, "500", listedB, T12.plusSeconds(60)),
                expired(listing("b", RTX_3080, "500", listedB, T12.plusSeconds(60), T12.plusSeconds(60)),
                        T12.plusSeconds(1800)));

        harness.checkAt(T13.plus(Duration.ofMinutes(5)));

        assertThat(rowsByKey(harness.hourly).get("model:" + RTX_3080)).as("b is neither supply nor a sale")
                .isEqualTo(hourRow("model", RTX_3080, T12, 1, 2, 0, 0, 650.0, 650.0, 650.0, null, 650 / MSRP_3080));
    }

    @Test
    void familyRowMergesItsModelsSketchesAndDividesEachPriceByItsOwnModelsMsrp() {
        Instant earlier = T12.minus(Duration.ofDays(5));
        harness.pipe(
                listed("a1", RTX_3080, "699", T12.plusSeconds(60)),         // 1.0 × MSRP 699
                listed("a2", RTX_3080, "1048.5", T12.plusSeconds(120)),     // 1.5
                listed("b1", RTX_3090, "749.5", T12.plusSeconds(180)),      // 0.5 × MSRP 1499
                listed("b2", RTX_3090, "1200", T12.plusSeconds(240)),
                repriced("b2", RTX_3090, "1200", "1124.25", T12.plusSeconds(240), T12.plusSeconds(1800)), // 0.75
                listed("b3", RTX_3090, "2998", T12.plusSeconds(300)),       // 2.0
                listed("r1", RX_6700_XT, "479", T12.plusSeconds(360)),      // 1.0 × MSRP 479
                listed("r2", RX_6700_XT, "958", T12.plusSeconds(420)),      // 2.0
                // gone, never seen open in this run: counted, not in the supply
                gone("a0", RTX_3080, "650", earlier, earlier.plus(Duration.ofDays(1)), T12.plusSeconds(900)),
                gone("b0", RTX_3090, "1300", earlier, earlier.plus(Duration.ofDays(3)), T12.plusSeconds(960)));

        harness.checkAt(T13.plus(Duration.ofMinutes(5)));

        assertThat(rowsByKey(harness.hourly)).isEqualTo(Map.of(
                "model:" + RTX_3080, hourRow("model", RTX_3080, T12, 2, 2, 1, 0, 699.0, 699.0, 1048.5, 1.0, 1.0),
                "model:" + RTX_3090, hourRow("model", RTX_3090, T12, 3, 3, 1, 1, 749.5, 1124.25, 2998.0, 3.0, 0.75),
                "model:" + RX_6700_XT, hourRow("model", RX_6700_XT, T12, 2, 2, 0, 0, 479.0, 479.0, 958.0, null, 1.0),
                // 699, 749.5, 1048.5, 1124.25, 2998; price / own MSRP 0.5, 0.75, 1.0, 1.5, 2.0. The median price over
                // either MSRP would be 1.5 or 0.6995
                "family:" + RTX_30, hourRow("family", RTX_30, T12, 5, 5, 2, 1, 749.5, 1048.5, 1124.25, 2.0, 1.0),
                "family:" + RX_6000, hourRow("family", RX_6000, T12, 2, 2, 0, 0, 479.0, 479.0, 958.0, null, 1.0)));
    }

    @Test
    void quietModelStillGetsItsHourlyRowsWhenOnlyTheClockMoves() {
        harness.pipe(listed("a", RTX_3080, "650", T12.plusSeconds(600)));
        harness.checkAt(T13.plus(Duration.ofMinutes(5)));
        harness.hourly.readKeyValuesToList();

        harness.checkAt(T13.plus(Duration.ofMinutes(6)));
        assertThat(harness.hourly.readKeyValuesToList()).isEmpty();

        // no record since: two hours close on the clock alone, in order
        harness.checkAt(T14.plus(HOUR).plus(Duration.ofMinutes(5)));
        assertThat(harness.hourly.readValuesToList())
                .filteredOn(row -> row.scope().equals("model"))
                .containsExactly(
                        hourRow("model", RTX_3080, T13, 1, 0, 0, 0, 650.0, 650.0, 650.0, null, 650 / MSRP_3080),
                        hourRow("model", RTX_3080, T14, 1, 0, 0, 0, 650.0, 650.0, 650.0, null, 650 / MSRP_3080));
    }

    @Test
    void lateChangeIsCountedAndLoggedAndCountsInTheSupplyOfLaterWindows() {
        harness.pipe(listed("a", RTX_3080, "650", T12.plusSeconds(600)));
        harness.checkAt(T13.plus(Duration.ofMinutes(5)));
        harness.hourly.readKeyValuesToList();

        harness.pipe(listed("b", RTX_3080, "700", T12.plusSeconds(50 * 60)));

        assertThat(harness.lateChanges("1h")).isEqualTo(1.0);
        assertThat(harness.lateChanges("1d")).as("the day is open").isEqualTo(0.0);
        assertThat(harness.hourly.readKeyValuesToList()).as("an emitted window is never emitted again").isEmpty();
        assertThat(processorLog.list)
                .filteredOn(event -> event.getLevel() == Level.WARN)
                .extracting(ILoggingEvent::getLoggerName, ILoggingEvent::getFormattedMessage)
                .containsExactly(tuple(MarketWindowProcessor.class.getName(), "NEW of ebay:b (RTX 3080) at 2026-03-02T12:50:00Z is too late for "
                        + "the 1h window [2026-03-02T12:00:00Z, 2026-03-02T13:00:00Z) that closed at "
                        + "2026-03-02T13:05:00Z (windows before 2026-03-02T13:00:00Z are written): it changes the open "
                        + "listings from now on but no row; 1 late changes so far in task 0_0"));

        // 99 more: the 100th is logged again
        processorLog.list.clear();
        IntStream.rangeClosed(2, 100).forEach(i ->
                harness.pipe(listed("late-" + i, RTX_3080, "700", T12.plusSeconds(55 * 60))));
        assertThat(harness.lateChanges("1h")).isEqualTo(100.0);
        assertThat(processorLog.list)
                .filteredOn(event -> event.getLevel() == Level.WARN)
                .extracting(ILoggingEvent::getFormattedMessage)
                .singleElement().asString().startsWith("NEW of ebay:late-100 (RTX 3080)")
                .endsWith("; 100 late changes so far in task 0_0");

        harness.checkAt(T14.plus(Duration.ofMinutes(5)));
        assertThat(rowsByKey(harness.hourly).get("model:" + RTX_3080))
                .isEqualTo(hourRow("model", RTX_3080, T13, 101, 0, 0, 0, 700.0, 700.0, 700.0, null, 700 / MSRP_3080));
    }

    @Test
    void dailyWindowIsTheUtcDayClosingAtMidnightPlusItsGrace() {
        Instant midnight = Instant.parse("2026-03-03T00:00:00Z");
        Instant day = Instant.parse("2026-03-02T00:00:00Z");
        harness.pipe(
                listed("a", RTX_3080, "700", day.plus(Duration.ofHours(8))),
                listed("b", RTX_3080, "800", midnight.minusSeconds(60)),
                listed("c", RTX_3080, "900", midnight.plus(Duration.ofMinutes(10))));
        harness.checkAt(midnight.plus(Duration.ofMinutes(6)));
        harness.hourly.readKeyValuesToList();

        // after the hour's grace, within the day's
        harness.pipe(listed("d", RTX_3080, "750", midnight.minusSeconds(120)));
        assertThat(harness.lateChanges("1h")).isEqualTo(1.0);
        assertThat(harness.lateChanges("1d")).isEqualTo(0.0);

        harness.checkAt(midnight.plus(Duration.ofMinutes(30)).minusMillis(1));
        assertThat(harness.daily.readKeyValuesToList()).isEmpty();

        harness.checkAt(midnight.plus(Duration.ofMinutes(30)));
        GpuMarketStats expected = new GpuMarketStats(GpuMarketStats.VERSION, "model", RTX_3080, DAY, day, midnight,
                3, 3, 0, 0, 700.0, 750.0, 800.0, 0.0, null, 750 / MSRP_3080);
        assertThat(harness.daily.readRecordsToList())
                .filteredOn(r -> r.key().startsWith("model:"))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.getValue()).isEqualTo(expected);
                    assertThat(r.getRecordTime()).isEqualTo(midnight);
                });
    }

    @Test
    void changeOfAModelOutsideTheCatalogueGoesToTheDeadLetterTopic() {
        ListingLifecycle unknown = listed("x", "RTX 9999", "999", T12.plusSeconds(60));
        harness.pipe(unknown, listed("a", RTX_3080, "650", T12.plusSeconds(120)));

        harness.checkAt(T13.plus(Duration.ofMinutes(5)));

        assertThat(harness.deadLetters.readKeyValuesToList())
                .extracting(kv -> new String(kv.key, StandardCharsets.UTF_8))
                .containsExactly("ebay:x");
        assertThat(rowsByKey(harness.hourly)).containsOnlyKeys("model:" + RTX_3080, "family:" + RTX_30);
    }

    private static GpuMarketStats hourRow(String scope, String subject, Instant start, long supply, long listed,
                                          long gone, long repriced, Double p25, Double median, Double p75,
                                          Double daysOnMarket, Double priceToMsrp) {
        return new GpuMarketStats(GpuMarketStats.VERSION, scope, subject, HOUR, start, start.plus(HOUR), supply,
                listed, gone, repriced, p25, median, p75, 0.0, daysOnMarket, priceToMsrp);
    }
}
