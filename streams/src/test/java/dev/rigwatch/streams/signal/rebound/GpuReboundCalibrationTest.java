package dev.rigwatch.streams.signal.rebound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rigwatch.events.GpuMarketStats;
import dev.rigwatch.events.GpuSoldPrice;
import dev.rigwatch.events.ReboundSignal;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.gpu.GpuCatalogue;
import dev.rigwatch.events.kafka.StreamsStage;
import dev.rigwatch.streams.signal.SignalCounter;
import dev.rigwatch.streams.signal.rebound.EbaySoldMonthly.Sold;
import java.io.IOException;
import java.math.MathContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GPU rebound rule on real used-GPU prices: the monthly average eBay sold price of each catalogue model, October
 * 2021 to November 2023 ({@link EbaySoldMonthly}), through {@link Rebound#addToGpu} as one model row per month.
 *
 * <p>The rule measures its lookback in windows of equal length, and calendar months are not, so month i after October
 * 2021 is stamped as the window [base + i × 30 d, base + (i + 1) × 30 d) and the series runs on a 30-day interval.
 * The thresholds' window counts then count months: N 3 is three months of confirmation, lookback 168 the whole series.
 * October 2023 is missing from the file for every model, so it is a gap, not a month.
 *
 * <p>The same months as imported sold prices ({@link GpuSoldPrice}, calendar months) through
 * {@link Rebound#addToGpuSold} calibrate that series' minimum volume: the months' quantities sold are the only thing
 * that separates the noise from the real rebounds.
 */
class GpuReboundCalibrationTest {

    private static final Logger log = LoggerFactory.getLogger(GpuReboundCalibrationTest.class);
    private static final Duration MONTH = Duration.ofDays(30);
    private static final YearMonth FIRST = YearMonth.of(2021, 10);
    private static final Instant BASE = FIRST.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    private static final Topic<String, GpuMarketStats> STATS = Topics.GPU_STATS_1D;

    /** D 35 %, R 7.5 %, N 3 months, lookback 24 months: the parameters this calibration recommends for months. */
    static final ReboundConfig MONTHLY_RECOMMENDED = new ReboundConfig(35, 7.5, 3, 24);

    @TempDir
    Path stateDir;

    @Test
    void readsEveryRowAndAccountsForEachRowItSkips() throws IOException {
        EbaySoldMonthly index = EbaySoldMonthly.load();

        assertThat(index.lines()).isEqualTo(1067);
        assertThat(index.months()).hasSize(1050);
        assertThat(index.months().stream().map(Sold::model).distinct()).hasSize(56);
        assertThat(index.months().stream().map(Sold::month).distinct()).hasSize(25)
                .doesNotContain(YearMonth.of(2023, 10));
        assertThat(index.noPrice()).hasSize(8);
        assertThat(index.malformedQuantity())
                .containsExactly("line 800: GeForce RTX 4080,\"$1,503\",$175,November 2022");
        assertThat(index.noneSold()).containsExactly(
                "line 696: Radeon RX 6650 XT,$400,0,May 2022",
                "line 817: Radeon RX 6700 10GB,$330,0,November 2022",
                "line 949: Radeon RX 6700 10GB,$330,0,October 2022");
        assertThat(index.unmappedNames()).containsExactly("GeForce GTX 1650 GDDR6");
        assertThat(index.unmapped()).hasSize(4);
        // the landmark in data/README.md: the used RTX 3080 from ≈ $1,780 to ≈ $400
        assertThat(index.months()).filteredOn(m -> m.model().equals("RTX 3080")).extracting(m -> m.month().toString(),
                m -> m.averagePriceUsd().intValueExact()).contains(tuple("2021-12", 1783), tuple("2023-11", 401));
    }

    @Test
    void productionGpuDefaultsOnMonthlyPricesFireOnceOnARealReboundAndThriceOnThinlySoldCards() throws IOException {
        List<ReboundSignal> signals = signals(ReboundSettings.GPU_DEFAULTS);

        // model, peak month, trough month, confirming month, drawdown %, recovery %
        assertThat(signals).extracting(s -> s.subject(), s -> month(s.peakTime()), s -> month(s.troughTime()),
                s -> month(s.confirmedWindowEnd()), ReboundSignal::drawdownPct, ReboundSignal::recoveryPct)
                .containsExactly(
                        // the Ampere bottom after the Merge's miner sell-off, back up 14-22 % over the holidays
                        tuple("model:RTX 3080 12GB", "2022-02", "2022-10", "2023-01", 57.1429, 12.8205),
                        // 1 to 11 cards sold a month: a $30 swing is one buyer
                        tuple("model:Arc A380", "2022-12", "2023-01", "2023-04", 23.6641, 18.0),
                        tuple("model:Arc A380", "2023-05", "2023-06", "2023-09", 20.4918, 18.5567),
                        // a one-month low of $60 among $67-$101 months, 11 sold
                        tuple("model:RX 5500 XT 4GB", "2021-11", "2023-06", "2023-09", 82.808, 16.6667));
    }

    @Test
    void recommendedMonthlyParametersFireOnTheAmpereAndRtx4090ReboundsAndNotOnTheArc() throws IOException {
        List<ReboundSignal> signals = signals(MONTHLY_RECOMMENDED);

        assertThat(signals).extracting(s -> s.subject(), s -> month(s.peakTime()), s -> month(s.troughTime()),
                s -> month(s.confirmedWindowEnd()), ReboundSignal::drawdownPct, ReboundSignal::recoveryPct)
                .containsExactly(
                        tuple("model:RTX 3080 12GB", "2022-02", "2022-10", "2023-01", 57.1429, 12.8205),
                        // the outlier month again: of D 20-40, R 5-15, N 1-3, lookback 6-24 none drops it and
                        // keeps the other two
                        tuple("model:RX 5500 XT 4GB", "2021-11", "2023-06", "2023-09", 82.808, 16.6667),
                        // the 24 GB card recovering from June 2023 as AI demand rose: +4 %, +13 %, +8 %, +14 %
                        tuple("model:RTX 4090", "2022-10", "2023-06", "2023-11", 36.1337, 14.3624));
    }

    @Test
    void soldPricesWithoutAVolumeFloorFireOnTheAmpereAndRtx4090ReboundsAndOnTheRx5500XtOutlier() throws IOException {
        List<ReboundSignal> signals = soldSignals(new GpuSoldRebound(true, GpuSoldRebound.MONTHLY_DEFAULTS, 0));

        // calendar months give what the 30-day windows gave
        assertThat(signals).extracting(s -> s.subject(), s -> soldMonth(s.peakTime()), s -> soldMonth(s.troughTime()),
                s -> soldMonth(s.confirmedWindowEnd()), ReboundSignal::drawdownPct, ReboundSignal::recoveryPct)
                .containsExactly(
                        tuple("model:RTX 3080 12GB", "2022-02", "2022-10", "2023-01", 57.1429, 12.8205),
                        tuple("model:RX 5500 XT 4GB", "2021-11", "2023-06", "2023-09", 82.808, 16.6667),
                        tuple("model:RTX 4090", "2022-10", "2023-06", "2023-11", 36.1337, 14.3624));
    }

    @Test
    void aFloorOfTenSoldOnlyMovesTheRx5500XtSignal() throws IOException {
        List<ReboundSignal> signals = soldSignals(new GpuSoldRebound(true, GpuSoldRebound.MONTHLY_DEFAULTS, 10));

        // August and September 2023 (9 and 10 sold) are out; June's $60 on 11 sold is still the trough
        assertThat(signals).extracting(s -> s.subject(), s -> soldMonth(s.peakTime()), s -> soldMonth(s.troughTime()),
                s -> soldMonth(s.confirmedWindowEnd()), ReboundSignal::drawdownPct, ReboundSignal::recoveryPct)
                .containsExactly(
                        tuple("model:RTX 3080 12GB", "2022-02", "2022-10", "2023-01", 57.1429, 12.8205),
                        tuple("model:RTX 4090", "2022-10", "2023-06", "2023-11", 36.1337, 14.3624),
                        tuple("model:RX 5500 XT 4GB", "2021-12", "2023-06", "2023-11", 82.3529, 20.0));
    }

    @Test
    void everyFloorFrom11To82KeepsExactlyTheTwoRealReboundsAndTheDefaultLiesInside() throws IOException {
        List<Tuple> realRebounds = List.of(
                tuple("model:RTX 3080 12GB", "2022-02", "2022-10", "2023-01", 57.1429, 12.8205),
                tuple("model:RTX 4090", "2022-10", "2023-06", "2023-11", 36.1337, 14.3624));
        for (long floor : List.of(11L, GpuSoldRebound.DEFAULT_MIN_QUANTITY, 82L)) {
            assertThat(soldSignals(new GpuSoldRebound(true, GpuSoldRebound.MONTHLY_DEFAULTS, floor)))
                    .as("minQuantity %d", floor)
                    .extracting(s -> s.subject(), s -> soldMonth(s.peakTime()), s -> soldMonth(s.troughTime()),
                            s -> soldMonth(s.confirmedWindowEnd()), ReboundSignal::drawdownPct,
                            ReboundSignal::recoveryPct)
                    .containsExactlyElementsOf(realRebounds);
        }
        assertThat(GpuSoldRebound.defaults().minQuantity()).isBetween(11L, 82L);

        // at 83 the RTX 3080 12GB's February (82 sold) and March (69) are out: the peak becomes April's $1,025
        assertThat(soldSignals(new GpuSoldRebound(true, GpuSoldRebound.MONTHLY_DEFAULTS, 83)))
                .extracting(s -> s.subject(), s -> soldMonth(s.peakTime()), ReboundSignal::drawdownPct)
                .containsExactly(tuple("model:RTX 3080 12GB", "2022-04", 35.3171),
                        tuple("model:RTX 4090", "2022-10", 36.1337));
    }

    /** Every model's months as imported sold prices, in time order across models, through the sold-price series. */
    private List<ReboundSignal> soldSignals(GpuSoldRebound settings) throws IOException {
        GpuCatalogue catalogue = GpuCatalogue.load();
        List<Sold> months = EbaySoldMonthly.load().months().stream()
                .sorted(Comparator.comparing(Sold::month).thenComparing(Sold::model))
                .toList();
        StreamsBuilder builder = new StreamsBuilder();
        Rebound.addToGpuSold(builder, TopicNamespace.PRODUCTION, settings, SignalCounter.unread());
        Topic<String, GpuSoldPrice> soldPrices = Topics.GPU_SOLD_PRICES;
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(),
                StreamsStage.properties("localhost:9", "gpu-sold-rebound-calibration",
                        stateDir.resolve("sold-" + settings.minQuantity()), Duration.ofMillis(100),
                        TopicNamespace.PRODUCTION))) {
            TestInputTopic<String, GpuSoldPrice> input = driver.createInputTopic(soldPrices.name(),
                    soldPrices.keySerde().serializer(), soldPrices.valueSerde().serializer());
            for (Sold sold : months) {
                GpuSoldPrice price = new GpuSoldPrice(GpuSoldPrice.VERSION, EbaySoldMonthly.RESOURCE, sold.model(),
                        sold.model(), catalogue.find(sold.model()).orElseThrow().family(), monthStart(sold.month()),
                        monthStart(sold.month().plusMonths(1)), sold.averagePriceUsd(), sold.quantity());
                input.pipeInput(price.key(), price, price.periodEnd());
            }
            return driver.createOutputTopic(Topics.SIGNALS_REBOUND.name(),
                    Topics.SIGNALS_REBOUND.keySerde().deserializer(),
                    Topics.SIGNALS_REBOUND.valueSerde().deserializer()).readValuesToList();
        }
    }

    private static Instant monthStart(YearMonth month) {
        return month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The calendar month that ends at {@code monthEnd}. */
    private static String soldMonth(Instant monthEnd) {
        return YearMonth.from(monthEnd.atZone(ZoneOffset.UTC)).minusMonths(1).toString();
    }

    /** Every model's months, in time order across models, through the GPU rule with {@code config}. */
    private List<ReboundSignal> signals(ReboundConfig config) throws IOException {
        GpuCatalogue catalogue = GpuCatalogue.load();
        List<Sold> months = EbaySoldMonthly.load().months().stream()
                .sorted(Comparator.comparing(Sold::month).thenComparing(Sold::model))
                .toList();
        StreamsBuilder builder = new StreamsBuilder();
        Rebound.addToGpu(builder.stream(STATS.name(), Consumed.with(STATS.keySerde(), STATS.valueSerde())),
                TopicNamespace.PRODUCTION, MONTH, config, false, SignalCounter.unread());
        List<ReboundSignal> signals;
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(),
                StreamsStage.properties("localhost:9", "gpu-rebound-calibration", stateDir, Duration.ofMillis(100),
                        TopicNamespace.PRODUCTION))) {
            TestInputTopic<String, GpuMarketStats> input = driver.createInputTopic(STATS.name(),
                    STATS.keySerde().serializer(), STATS.valueSerde().serializer());
            for (Sold sold : months) {
                GpuMarketStats row = row(sold, catalogue);
                input.pipeInput(row.key(), row, row.windowEnd());
            }
            TestOutputTopic<String, ReboundSignal> output = driver.createOutputTopic(Topics.SIGNALS_REBOUND.name(),
                    Topics.SIGNALS_REBOUND.keySerde().deserializer(),
                    Topics.SIGNALS_REBOUND.valueSerde().deserializer());
            signals = output.readValuesToList();
        }
        signals.forEach(s -> log.info("GPU rebound {} with {}: peak ${} in {}, trough ${} in {}, ${} in {}; "
                        + "drawdown {} %, recovery {} %, strength {}", s.subject(), config, s.peak(),
                month(s.peakTime()), s.trough(), month(s.troughTime()), s.price(), month(s.confirmedWindowEnd()),
                s.drawdownPct(), s.recoveryPct(), s.strength()));
        return signals;
    }

    /**
     * The month as a model row whose median is the month's average sold price. The file has no listings, so the
     * counts of open, new and changed listings are 0 and the quantiles other than the median null; the rule reads
     * only the median.
     */
    private static GpuMarketStats row(Sold sold, GpuCatalogue catalogue) {
        Instant start = BASE.plus(MONTH.multipliedBy(ChronoUnit.MONTHS.between(FIRST, sold.month())));
        double price = sold.averagePriceUsd().doubleValue();
        double toMsrp = sold.averagePriceUsd().divide(catalogue.find(sold.model()).orElseThrow().launchMsrpUsd(),
                MathContext.DECIMAL64).doubleValue();
        return new GpuMarketStats(GpuMarketStats.VERSION, GpuMarketStats.MODEL, sold.model(), MONTH, start,
                start.plus(MONTH), 0, 0, sold.quantity(), 0, null, price, null, 0, null, toMsrp);
    }

    /** The calendar month of the 30-day window that ends at {@code windowEnd}. */
    private static String month(Instant windowEnd) {
        return FIRST.plusMonths(Duration.between(BASE, windowEnd).dividedBy(MONTH) - 1).toString();
    }
}
