package dev.rigwatch.streams.signal.capitulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.events.MinerCapitulation;
import dev.rigwatch.events.gpu.GpuCatalogue;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The capitulation rule on a hand-made catalogue: "Miner 100" does 100 MH/s at 250 W from March 2021; with 0.00001
 * ETH per MH/s per day and 0.10 USD/kWh it earns 0.001 × price and burns 250 × 24 / 1000 × 0.10 = 0.6 USD a day, so
 * it breaks even at 600 USD.
 */
class CapitulationTopologyTest {

    private static final String ETH = "coinbase:ETH-USD";
    private static final LocalDate MARCH_1 = LocalDate.of(2021, 3, 1);
    private static final GpuCatalogue CATALOGUE = GpuCatalogue.parse(List.of(
            "vendor,model,family,vram_gb,launch_msrp_usd,launch_date,eth_hashrate_mhs,power_w",
            "Test,Miner 100,Test,8,500,2021-03,100,250",
            "Test,No Miner,Test,4,200,2021-03,,100"), "test catalogue");
    private static final CapitulationSettings SETTINGS = new CapitulationSettings(ETH, new BigDecimal("0.00001"),
            new BigDecimal("0.10"));

    @TempDir
    Path stateDir;

    private CapitulationHarness harness;

    @BeforeEach
    void setUp() {
        harness = new CapitulationHarness(stateDir, SETTINGS, CATALOGUE);
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    @Test
    void firesOnceWhenProfitTurnsNegativeAndAgainOnlyAfterAProfitableDay() {
        // profit 0.1, 0.05, -0.01 (fires), -0.05, 0 (breaks even: does not re-arm), -0.02, 0.01 (re-arms), -0.1 (fires)
        days("700", "650", "590", "550", "600", "580", "610", "500");

        List<TestRecord<String, MinerCapitulation>> out = harness.signals.readRecordsToList();
        assertThat(out).extracting(TestRecord::key).containsExactly("model:Miner 100", "model:Miner 100");
        assertThat(harness.signalsCounted()).as("rigwatch.signals{type=capitulation}").isEqualTo(2);
        assertThat(out.get(0).getRecordTime()).isEqualTo(dayEnd(2));
        assertThat(out.get(0).value()).isEqualTo(new MinerCapitulation(MinerCapitulation.VERSION, "Miner 100", ETH,
                dayEnd(1), dayEnd(2), new BigDecimal("590"), new BigDecimal("100"), 250, new BigDecimal("0.00001"),
                new BigDecimal("0.10"), new BigDecimal("0.59000"), new BigDecimal("0.60000"),
                new BigDecimal("-0.01000"), new BigDecimal("600.00"), dayEnd(1), new BigDecimal("0.05000"),
                new BigDecimal("650")));
        MinerCapitulation second = out.get(1).value();
        assertThat(second.dayEnd()).isEqualTo(dayEnd(7));
        assertThat(second.profitUsdPerDay()).isEqualByComparingTo("-0.1");
        assertThat(second.lastProfitableDayEnd()).isEqualTo(dayEnd(6));
        assertThat(second.lastProfitUsdPerDay()).isEqualByComparingTo("0.01");
        assertThat(second.lastProfitableCoinPrice()).isEqualByComparingTo("610");
    }

    @Test
    void aModelUnprofitableFromItsFirstDaySawNoCrossing() {
        days("500", "450");

        assertThat(harness.signals.isEmpty()).isTrue();
        assertThat(harness.signalsCounted()).isZero();
    }

    @Test
    void daysBeforeTheModelsLaunchMonthAreNotJudged() {
        // profitable in February, before the card existed: March's loss is its first day, no crossing
        harness.day(ETH, MARCH_1.minusDays(1), "700");
        harness.day(ETH, MARCH_1, "590");

        assertThat(harness.signals.isEmpty()).isTrue();
    }

    @Test
    void otherInstrumentsAreIgnored() {
        harness.day(ETH, MARCH_1, "700");
        harness.day("kraken:ETH-USD", MARCH_1.plusDays(1), "100");

        assertThat(harness.signals.isEmpty()).isTrue();
    }

    @Test
    void aDayNotNewerThanTheLastJudgedIsSkippedAndCounted() {
        harness.day(ETH, MARCH_1, "700");
        harness.day(ETH, MARCH_1.plusDays(1), "650");
        harness.day(ETH, MARCH_1, "500");

        assertThat(harness.signals.isEmpty()).isTrue();
        assertThat(harness.metric("out-of-order-days-total")).isEqualTo(1.0);
        harness.day(ETH, MARCH_1.plusDays(2), "590");
        assertThat(harness.signals.readValuesToList()).extracting(MinerCapitulation::lastProfitUsdPerDay)
                .containsExactly(new BigDecimal("0.05000"));
    }

    /** Day i (0 = March 1 2021) closes at closes[i]. */
    private void days(String... closes) {
        for (int i = 0; i < closes.length; i++) {
            harness.day(ETH, MARCH_1.plusDays(i), closes[i]);
        }
    }

    private static Instant dayEnd(int day) {
        return MARCH_1.plusDays(day + 1L).atStartOfDay().toInstant(ZoneOffset.UTC);
    }
}
