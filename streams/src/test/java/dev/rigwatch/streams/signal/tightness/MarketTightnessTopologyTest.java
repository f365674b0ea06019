package dev.rigwatch.streams.signal.tightness;

import static dev.rigwatch.streams.signal.tightness.TightnessHarness.hourEnd;
import static dev.rigwatch.streams.signal.tightness.TightnessHarness.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import dev.rigwatch.events.SupplyTightness;
import dev.rigwatch.events.SupplyTightness.Constituent;
import dev.rigwatch.streams.TimeMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The market index. Only supply counts here (weight 1, the others 0) and baselines are 2 rows, so each model's index
 * is easy to check: RTX 3080 supply 100, 80, then 75 (z = 1.5, index 75); RTX 3090 supply 40, 60, then 70
 * (z = -2, index 16.67). Weighted by supply 75 and 70, the market's Z = (75 * 1.5 - 70 * 2) / 145.
 */
class MarketTightnessTopologyTest {

    private static final String A = "RTX 3080";
    private static final String B = "RTX 3090";
    private static final double MARKET_Z = (75 * 1.5 - 70 * 2) / 145.0;
    private static final Duration GRACE = TightnessSettings.DEFAULT_MARKET_GRACE;

    @TempDir
    Path stateDir;

    private TightnessHarness harness(Map<String, Double> marketWeights) {
        return harness(marketWeights, TimeMode.WALL_CLOCK);
    }

    private TightnessHarness harness(Map<String, Double> marketWeights, TimeMode timeMode) {
        TightnessSettings settings = new TightnessSettings(2, 2, new TightnessWeights(1, 0, 0, 0, 0), marketWeights,
                GRACE, TightnessSettings.DEFAULT_CHECK_EVERY);
        return new TightnessHarness(stateDir, settings, timeMode);
    }

    private static void threeHours(TightnessHarness harness) {
        long[] a = {100, 80, 75};
        long[] b = {40, 60, 70};
        for (int h = 0; h < 3; h++) {
            harness.pipe(row(A, h, a[h], 10, 5, 4.0, 1.1));
            harness.pipe(row(B, h, b[h], 10, 5, 4.0, 1.1));
        }
    }

    @Test
    void marketWeighsModelsBySupplyAndClosesWhenStreamTimePassesHourEndPlusGrace() {
        try (TightnessHarness harness = harness(Map.of())) {
            threeHours(harness);
            assertThat(market(harness)).as("hour 2 is open until stream time reaches its end + grace").isEmpty();

            harness.pipe(row(A, 3, 75, 10, 5, 4.0, 1.1));

            List<TestRecord<String, SupplyTightness>> out = harness.signals.readRecordsToList().stream()
                    .filter(r -> r.key().equals("market:all")).toList();
            assertThat(out).hasSize(1);
            assertThat(out.get(0).getRecordTime()).isEqualTo(hourEnd(2));
            SupplyTightness market = out.get(0).value();
            assertThat(market.scope()).isEqualTo("market");
            assertThat(market.windowStart()).isEqualTo(hourEnd(1));
            assertThat(market.components()).isEmpty();
            assertThat(market.models()).extracting(Constituent::model, Constituent::weight)
                    .containsExactly(tuple(A, 75.0), tuple(B, 70.0));
            assertThat(market.models().get(0).index()).isCloseTo(75, within(1e-9));
            assertThat(market.models().get(1).index()).isCloseTo(50 - 100 / 3.0, within(1e-9));
            assertThat(market.weightedZ()).isCloseTo(MARKET_Z, within(1e-9));
            assertThat(market.index()).isCloseTo(46.8390805, within(1e-6));
        }
    }

    @Test
    void quietModelsLetTheInjectedClockCloseTheHourOnceItPassesEndPlusGrace() {
        try (TightnessHarness harness = harness(Map.of())) {
            threeHours(harness);
            harness.clock.set(hourEnd(2).plus(GRACE).minusMillis(1));
            harness.check();
            harness.check();
            assertThat(market(harness)).as("the injected clock is before hour 2's end + grace").isEmpty();

            harness.clock.set(hourEnd(2).plus(GRACE));
            harness.check();

            assertThat(market(harness)).singleElement()
                    .satisfies(m -> assertThat(m.weightedZ()).isCloseTo(MARKET_Z, within(1e-9)));
        }
    }

    @Test
    void inStreamTimeOnlyAnIndexOfALaterHourClosesTheHourNotTheClock() {
        try (TightnessHarness harness = harness(Map.of(), TimeMode.STREAM_TIME)) {
            threeHours(harness);
            harness.clock.set(hourEnd(2).plus(GRACE));
            harness.check();
            harness.check();
            assertThat(market(harness)).as("the models went quiet, and stream time is hour 2's end").isEmpty();

            harness.pipe(row(A, 3, 75, 10, 5, 4.0, 1.1));

            assertThat(market(harness)).singleElement()
                    .satisfies(m -> assertThat(m.weightedZ()).isCloseTo(MARKET_Z, within(1e-9)));
        }
    }

    @Test
    void theClockClosesNoHourAtACheckAfterWhichIndicesArrived() {
        try (TightnessHarness harness = harness(Map.of())) {
            harness.clock.set(hourEnd(10));
            threeHours(harness);
            harness.check();
            assertThat(market(harness)).as("indices arrived since the last check: a replay may still be reading").isEmpty();

            harness.check();

            assertThat(market(harness)).hasSize(1);
        }
    }

    @Test
    void anIndexForAnHourTheMarketClosedIsDroppedAndCounted() {
        try (TightnessHarness harness = harness(Map.of())) {
            threeHours(harness);
            harness.pipe(row(A, 3, 75, 10, 5, 4.0, 1.1));
            assertThat(market(harness)).hasSize(1);

            // RTX 3090 restates hour 2: its model index is rewritten, but the market's hour 2 is closed
            harness.pipe(row(B, 2, 65, 10, 5, 4.0, 1.1));

            assertThat(harness.metric("late-market-indices-total")).isEqualTo(1.0);
            harness.pipe(row(A, 4, 75, 10, 5, 4.0, 1.1));
            assertThat(market(harness)).extracting(SupplyTightness::windowEnd).containsExactly(hourEnd(3));
        }
    }

    @Test
    void configuredMarketWeightsCountOnlyTheModelsNamed() {
        try (TightnessHarness harness = harness(Map.of(A, 2.0))) {
            threeHours(harness);
            harness.pipe(row(A, 3, 75, 10, 5, 4.0, 1.1));

            assertThat(market(harness)).singleElement().satisfies(m -> {
                assertThat(m.models()).extracting(Constituent::model, Constituent::weight)
                        .containsExactly(tuple(A, 2.0));
                assertThat(m.index()).isCloseTo(75, within(1e-9));
            });
        }
    }

    private static List<SupplyTightness> market(TightnessHarness harness) {
        return harness.signals.readValuesToList().stream().filter(t -> t.scope().equals(SupplyTightness.MARKET)).toList();
    }
}
