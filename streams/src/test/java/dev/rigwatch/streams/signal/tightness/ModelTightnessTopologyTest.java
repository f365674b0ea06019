package dev.rigwatch.streams.signal.tightness;

import static dev.rigwatch.streams.signal.tightness.TightnessHarness.hourEnd;
import static dev.rigwatch.streams.signal.tightness.TightnessHarness.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rigwatch.events.GpuMarketStats;
import dev.rigwatch.events.SupplyTightness;
import dev.rigwatch.events.SupplyTightness.Component;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each model's index from its hourly rows. */
class ModelTightnessTopologyTest {

    private static final String MODEL = "RTX 3080";

    @TempDir
    Path stateDir;

    /**
     * Baseline of 4 rows: supply 100, 80, 100, 80 (mean 90, sd 10), new 8, 12, 8, 12 (10, 2), gone 5, 8, 5, 8 so
     * sell-through 0.05, 0.1, 0.05, 0.1 (0.075, 0.025), days on market 4, 6, 4, 6 (5, 1), price/MSRP 1.0, 1.2, 1.0,
     * 1.2 (1.1, 0.1).
     */
    private static void baseline(TightnessHarness harness) {
        for (int h = 0; h < 4; h++) {
            boolean odd = h % 2 == 1;
            harness.pipe(row(MODEL, h, odd ? 80 : 100, odd ? 12 : 8, odd ? 8 : 5, odd ? 6.0 : 4.0, odd ? 1.2 : 1.0));
        }
    }

    @Test
    void componentsAreExactForAHandComputedCase() {
        try (TightnessHarness harness = new TightnessHarness(stateDir, TightnessSettings.defaults().withBaseline(4, 4))) {
            baseline(harness);
            assertThat(harness.signals.isEmpty()).as("no index while the baseline is short").isTrue();
            assertThat(harness.signalsCounted()).isZero();

            // supply 75: z = -(75 - 90) / 10 = 1.5; new 11: -(11 - 10) / 2 = -0.5; sell-through 9 / 75 = 0.12:
            // (0.12 - 0.075) / 0.025 = 1.8; days on market 1: -(1 - 5) / 1 = 4, clipped to 3; price/MSRP 1.15: 0.5
            harness.pipe(row(MODEL, 4, 75, 11, 9, 1.0, 1.15));

            TestRecord<String, SupplyTightness> out = harness.signals.readRecord();
            assertThat(harness.signalsCounted()).as("rigwatch.signals{type=tightness}").isEqualTo(1);
            assertThat(out.key()).isEqualTo("model:RTX 3080");
            assertThat(out.getRecordTime()).isEqualTo(hourEnd(4));
            SupplyTightness t = out.value();
            assertThat(t.scope()).isEqualTo("model");
            assertThat(t.windowStart()).isEqualTo(hourEnd(3));
            assertThat(t.windowEnd()).isEqualTo(hourEnd(4));
            assertThat(t.models()).isEmpty();
            List<Component> c = t.components();
            assertComponent(c.get(0), "active-supply", "lower", 75, 90, 10, 1.5, 0.30);
            assertComponent(c.get(1), "new-listings", "lower", 11, 10, 2, -0.5, 0.20);
            assertComponent(c.get(2), "sell-through", "higher", 0.12, 0.075, 0.025, 1.8, 0.25);
            assertComponent(c.get(3), "days-on-market", "lower", 1, 5, 1, 3, 0.10);
            assertComponent(c.get(4), "price-to-msrp", "higher", 1.15, 1.1, 0.1, 0.5, 0.15);
            // Z = 0.3 * 1.5 + 0.2 * -0.5 + 0.25 * 1.8 + 0.1 * 3 + 0.15 * 0.5 = 1.175 (weights sum to 1)
            assertThat(t.weightedZ()).isCloseTo(1.175, within(1e-9));
            assertThat(t.index()).isCloseTo(50 + 50 * 1.175 / 3, within(1e-9));
            assertThat(t.index()).isCloseTo(69.5833333, within(1e-6));
        }
    }

    @Test
    void componentWithoutAValueIsLeftOutAndTheOthersWeightsRenormalised() {
        try (TightnessHarness harness = new TightnessHarness(stateDir, TightnessSettings.defaults().withBaseline(4, 4))) {
            baseline(harness);
            // nothing gone: sell-through 0 gives (0 - 0.075) / 0.025 = -3, days on market has no value
            harness.pipe(row(MODEL, 4, 75, 11, 0, null, 1.15));

            SupplyTightness t = harness.signals.readValue();
            Component daysOnMarket = t.components().get(3);
            assertThat(daysOnMarket.raw()).isNull();
            assertThat(daysOnMarket.z()).isNull();
            assertThat(daysOnMarket.baselineRows()).isEqualTo(4);
            assertThat(t.components().get(2).z()).isCloseTo(-3, within(1e-9));
            // Z = (0.45 - 0.1 - 0.75 + 0.075) / 0.9
            assertThat(t.weightedZ()).isCloseTo(-0.325 / 0.9, within(1e-9));
            assertThat(t.index()).isCloseTo(43.9814815, within(1e-6));
        }
    }

    @Test
    void aRestatedHourReplacesTheLatestAgainstTheSameBaseline() {
        try (TightnessHarness harness = new TightnessHarness(stateDir, TightnessSettings.defaults().withBaseline(4, 4))) {
            baseline(harness);
            harness.pipe(row(MODEL, 4, 75, 11, 9, 1.0, 1.15));
            harness.pipe(row(MODEL, 4, 80, 11, 9, 1.0, 1.15));

            List<SupplyTightness> out = modelIndices(harness);
            assertThat(out).hasSize(2);
            Component supply = out.get(1).components().get(0);
            assertThat(supply.baselineRows()).isEqualTo(4);
            assertThat(supply.baselineMean()).isEqualTo(90.0);
            assertThat(supply.z()).isCloseTo(1.0, within(1e-9));
        }
    }

    @Test
    void aRowForAnEarlierHourIsDroppedCountedAndLeavesTheBaselineAlone() {
        try (TightnessHarness harness = new TightnessHarness(stateDir, TightnessSettings.defaults().withBaseline(4, 4))) {
            baseline(harness);
            harness.pipe(row(MODEL, 2, 1, 1, 1, 1.0, 1.0));
            harness.pipe(row(MODEL, 4, 75, 11, 9, 1.0, 1.15));

            assertThat(harness.metric("late-rows-total")).isEqualTo(1.0);
            assertThat(modelIndices(harness)).singleElement()
                    .satisfies(t -> assertThat(t.index()).isCloseTo(69.5833333, within(1e-6)));
        }
    }

    @Test
    void steadyMarketStaysAtFifty() {
        try (TightnessHarness harness = new TightnessHarness(stateDir, TightnessSettings.defaults())) {
            for (int h = 0; h < 48; h++) {
                harness.pipe(row(MODEL, h, 120, 10, 6, 4.5, 1.05));
                // family rows share the topic and are not indexed
                harness.stats.pipeInput("family:GeForce RTX 30", new GpuMarketStats(GpuMarketStats.VERSION,
                        GpuMarketStats.FAMILY, "GeForce RTX 30", Duration.ofHours(1), hourEnd(h - 1), hourEnd(h), 500,
                        40, 25, 0, null, null, null, 0.0133, 4.5, 1.05), hourEnd(h));
            }

            List<SupplyTightness> out = modelIndices(harness);
            // the default baseline needs 12 rows before a component counts: hours 12 to 47
            assertThat(out).hasSize(36).allSatisfy(t -> {
                assertThat(t.key()).isEqualTo("model:RTX 3080");
                assertThat(t.index()).isEqualTo(50.0);
                assertThat(t.components()).extracting(Component::z).containsOnly(0.0);
            });
        }
    }

    @Test
    void supplyDryingUpRaisesTheIndexMonotonically() {
        try (TightnessHarness harness = new TightnessHarness(stateDir, TightnessSettings.defaults())) {
            // a day of a normal market that alternates a little, then six hours in which supply falls by 3 an hour,
            // new listings fall by 1 and gone ones rise by 1: sell-through rises
            for (int h = 0; h < 24; h++) {
                boolean odd = h % 2 == 1;
                harness.pipe(row(MODEL, h, odd ? 204 : 200, odd ? 22 : 20, odd ? 12 : 10, odd ? 5.5 : 5.0,
                        odd ? 1.12 : 1.10));
            }
            assertThat(modelIndices(harness)).hasSize(12);
            for (int i = 1; i <= 6; i++) {
                harness.pipe(row(MODEL, 23 + i, 202 - 3L * i, 21 - i, 11 + i, 5.25, 1.11));
            }

            List<Double> indices = modelIndices(harness).stream().map(SupplyTightness::index).toList();
            assertThat(indices).hasSize(6).isSortedAccordingTo(Double::compare).doesNotHaveDuplicates()
                    .allSatisfy(index -> assertThat(index).isGreaterThan(60.0).isLessThan(90.0));
            assertThat(indices.get(0)).isCloseTo(63.287, within(0.001));
            assertThat(indices.get(5)).isCloseTo(87.431, within(0.001));
        }
    }

    /** The model indices written so far; the market's (of the hours they closed) are left out. */
    private static List<SupplyTightness> modelIndices(TightnessHarness harness) {
        return harness.signals.readValuesToList().stream().filter(t -> t.scope().equals(SupplyTightness.MODEL)).toList();
    }

    private static void assertComponent(Component c, String name, String tighterWhen, double raw, double mean,
                                        double sd, double z, double weight) {
        assertThat(c.name()).isEqualTo(name);
        assertThat(c.tighterWhen()).isEqualTo(tighterWhen);
        assertThat(c.raw()).isCloseTo(raw, within(1e-9));
        assertThat(c.baselineMean()).isCloseTo(mean, within(1e-9));
        assertThat(c.baselineSd()).isCloseTo(sd, within(1e-9));
        assertThat(c.baselineRows()).isEqualTo(4);
        assertThat(c.z()).isCloseTo(z, within(1e-9));
        assertThat(c.weight()).isEqualTo(weight);
    }
}
