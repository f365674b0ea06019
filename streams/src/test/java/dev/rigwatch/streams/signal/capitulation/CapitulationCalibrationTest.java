package dev.rigwatch.streams.signal.capitulation;

import dev.rigwatch.testing.TestData;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.events.MinerCapitulation;
import dev.rigwatch.events.gpu.GpuCatalogue;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The capitulation signal over real ETH-USD daily closes, 2017-11-09 to 2024-12-07 (a yfinance export, copied to
 * {@code data/eth-usd-daily-2017-2024.csv}), for the shipped catalogue, through the topology.
 *
 * <p>With the defaults (1.35e-5 ETH per MH/s per day, 0.12 USD/kWh) the break-even ETH prices are RTX 3090 622.22,
 * RTX 3080 703.78, RTX 3060 Ti 711.11 and RX 6800 XT 1000.00. ETH's lowest close of the 2022 crash was 993.64 on
 * 2022-06-18, so of these four only the RX 6800 XT went under water then; the 3090 did so only in the days around its
 * first profitable ones in December 2020, and the 3080 and 3060 Ti never after theirs. At 0.20 USD/kWh (European
 * household prices of 2022) all four crossed in June 2022. Days after the Merge (2022-09-15) are hypothetical.
 */
class CapitulationCalibrationTest {

    private static final Logger log = LoggerFactory.getLogger(CapitulationCalibrationTest.class);
    private static final String ETH = "coinbase:ETH-USD";
    private static final List<String> COMMON = List.of("RTX 3080", "RTX 3090", "RX 6800 XT", "RTX 3060 Ti");
    private static final LocalDate MERGE = LocalDate.of(2022, 9, 15);

    private static final Map<LocalDate, String> closes = new TreeMap<>();

    @TempDir
    Path stateDir;

    @BeforeAll
    static void readHistory() throws IOException {
        try (InputStream in = TestData.stream("/data/history/eth-usd-daily-2017-2024.csv")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            assertThat(lines.get(0)).startsWith("Date,Open,High,Low,Close,");
            // "2017-11-09 00:00:00+00:00,308.64,329.45,307.05,320.88,...": UTC days, the close as written
            lines.subList(1, lines.size()).forEach(line -> {
                String[] f = line.split(",");
                closes.put(LocalDate.parse(f[0].substring(0, 10)), f[4]);
            });
        }
        assertThat(closes).hasSize(2586);
    }

    @Test
    void withTheDefaultsOnlyTheRx6800XtTurnedUnprofitableInThe2022Crash() {
        Map<String, List<LocalDate>> crossings = crossings(CapitulationSettings.defaults());

        assertThat(crossings.getOrDefault("RTX 3080", List.of())).isEmpty();
        assertThat(crossings.getOrDefault("RTX 3060 Ti", List.of())).isEmpty();
        assertThat(crossings.get("RTX 3090")).containsExactly(LocalDate.of(2020, 12, 21), LocalDate.of(2020, 12, 23));
        assertThat(crossings.get("RX 6800 XT")).containsExactly(LocalDate.of(2022, 6, 18));
    }

    @Test
    void atEuropeanElectricityPricesAllFourTurnedUnprofitableInJune2022() {
        Map<String, List<LocalDate>> crossings = crossings(
                CapitulationSettings.defaults().withElectricityUsdPerKwh(new BigDecimal("0.20")));

        assertThat(COMMON.stream().collect(Collectors.toMap(m -> m, m -> firstIn2022(crossings.get(m)))))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "RTX 3080", LocalDate.of(2022, 6, 16),
                        "RTX 3090", LocalDate.of(2022, 6, 18),
                        "RX 6800 XT", LocalDate.of(2022, 6, 10),
                        "RTX 3060 Ti", LocalDate.of(2022, 6, 16)));
    }

    /** The days each common model's profit turned negative, as the topology signals them; printed with the numbers. */
    private Map<String, List<LocalDate>> crossings(CapitulationSettings settings) {
        try (CapitulationHarness harness = new CapitulationHarness(stateDir, settings, GpuCatalogue.load())) {
            closes.forEach((day, close) -> harness.day(ETH, day, close));
            List<MinerCapitulation> signals = harness.signals.readValuesToList();
            Map<String, List<LocalDate>> byModel = new TreeMap<>();
            for (MinerCapitulation s : signals) {
                if (!COMMON.contains(s.model())) {
                    continue;
                }
                LocalDate day = LocalDate.ofInstant(s.dayStart(), ZoneOffset.UTC);
                byModel.computeIfAbsent(s.model(), m -> new ArrayList<>()).add(day);
                log.info("{} USD/kWh: {} unprofitable on {}{}: ETH {} (break-even {}), revenue {} - power {} = {} USD/day; "
                                + "last profitable {} at ETH {}", settings.electricityUsdPerKwh(), s.model(), day,
                        day.isAfter(MERGE) ? " (hypothetical: after the Merge)" : "",
                        s.coinPriceUsd(), s.breakEvenCoinPriceUsd(), s.revenueUsdPerDay().setScale(2, RoundingMode.HALF_UP),
                        s.powerCostUsdPerDay().setScale(2, RoundingMode.HALF_UP),
                        s.profitUsdPerDay().setScale(3, RoundingMode.HALF_UP),
                        LocalDate.ofInstant(s.lastProfitableDayEnd(), ZoneOffset.UTC).minusDays(1),
                        s.lastProfitableCoinPrice());
            }
            log.info("{} USD/kWh: {} capitulation signals over all models; common models: {}",
                    settings.electricityUsdPerKwh(), signals.size(), byModel);
            return byModel;
        }
    }

    private static LocalDate firstIn2022(List<LocalDate> days) {
        return days.stream().filter(d -> d.getYear() == 2022).findFirst().orElse(null);
    }
}
