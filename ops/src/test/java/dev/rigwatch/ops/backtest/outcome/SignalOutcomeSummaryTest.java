package dev.rigwatch.ops.backtest.outcome;

import dev.rigwatch.events.outcome.ForwardOutcomes;
import static dev.rigwatch.ops.backtest.outcome.Series.pct;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rigwatch.ops.backtest.BacktestFinding;
import dev.rigwatch.events.outcome.PricePoint;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SignalOutcomeSummaryTest {

    private static final long SEED = 42;

    /** 100, 110, 100, 110, ...: from an even close the next one is up 10 %, from an odd one down 9.0909 %. */
    private static final List<PricePoint> SAW = Series.daily(IntStream.range(0, 60).mapToLong(i -> i % 2 == 0 ? 100 : 110)
            .toArray());

    private final SignalQuality quality = new SignalQuality(new ForwardOutcomes(List.of(1, 2, 90)), 1_000, SEED);

    @Test
    void aRuleThatPicksOnlyTheRisingClosesIsBetterThanRandomEntries() {
        RuleSummary summary = summariseOne(signalsOn(0, 2, 40), SAW);

        HorizonSummary next = summary.horizons().get(0);
        assertThat(next.signals()).isEqualTo(new ForwardStats(21, 21, Optional.of(pct("10.0000")),
                Optional.of(pct("10.0000"))));
        // every close: 30 rises of 10 % and 29 falls of 9.0909 %; the 30th of 59 sorted is a rise
        assertThat(next.everyEntry().count()).isEqualTo(59);
        assertThat(next.everyEntry().hits()).isEqualTo(30);
        assertThat(next.everyEntry().medianPct()).contains(pct("10.0000"));
        RandomEntriesBaseline random = next.random().orElseThrow();
        assertThat(random.entries()).isEqualTo(21);
        assertThat(random.meanHitRate()).isCloseTo(30.0 / 59, within(0.02));
        assertThat(random.hitRateP5()).isLessThan(random.meanHitRate());
        assertThat(random.hitRateP95()).isBetween(random.meanHitRate(), 0.9);
        assertThat(next.comparison()).isEqualTo(RandomComparison.BETTER);
        assertThat(summary.verdict()).isEqualTo("better than random entries after 1 close");
        System.out.println(next.describe());
    }

    @Test
    void aFlatChangeIsNotAHitAndEqualsRandomEntriesOnAFlatHorizon() {
        HorizonSummary twoDays = summariseOne(signalsOn(0, 2, 40), SAW).horizons().get(1);

        assertThat(twoDays.signals().hits()).isZero();
        assertThat(twoDays.signals().hitRate()).contains(0.0);
        assertThat(twoDays.random().orElseThrow().hitRateP95()).isZero();
        assertThat(twoDays.comparison()).isEqualTo(RandomComparison.NO_BETTER);
    }

    @Test
    void aRuleThatPicksOnlyTheFallingClosesIsWorseThanRandomEntries() {
        HorizonSummary next = summariseOne(signalsOn(1, 2, 41), SAW).horizons().get(0);

        assertThat(next.signals().hitRate()).contains(0.0);
        assertThat(next.signals().medianPct()).contains(pct("-9.0909"));
        assertThat(next.comparison()).isEqualTo(RandomComparison.WORSE);
    }

    @Test
    void onARampEveryEntryRisesSoEvenAPerfectHitRateIsNoBetterThanRandom() {
        RuleSummary summary = summariseOne(signalsOn(0, 20, 180), Series.ramp(200));

        assertThat(summary.horizons()).extracting(HorizonSummary::comparison)
                .containsExactly(RandomComparison.NO_BETTER, RandomComparison.NO_BETTER, RandomComparison.NO_BETTER);
        assertThat(summary.verdict()).isEqualTo("no better than random entries at any horizon");
        assertThat(summary.buyAndHoldPct()).contains(pct("199.0000"));
    }

    @Test
    void signalsWithoutAHorizonAreLeftOutAndCountedAsNotYet() {
        RuleSummary summary = summariseOne(signalsOn(0, 20, 180), Series.ramp(200));

        assertThat(summary.signals()).isEqualTo(10);
        HorizonSummary quarter = summary.horizons().get(2);
        assertThat(quarter.windows()).isEqualTo(90);
        // entries 0, 20, ..., 100 have 90 closes after them; 120 to 180 do not
        assertThat(quarter.signals().count()).isEqualTo(6);
        assertThat(quarter.notYet()).isEqualTo(4);
        assertThat(quarter.random().orElseThrow().entries()).isEqualTo(6);
    }

    @Test
    void medianAndMeanAreExactOnKnownChanges() {
        // ramp entries 100, 120, 140: next close up 1.0000 %, 0.8333 %, 0.7143 %
        HorizonSummary next = summariseOne(signalsOn(0, 20, 40), Series.ramp(200)).horizons().get(0);

        assertThat(next.signals().medianPct()).contains(pct("0.8333"));
        assertThat(next.signals().meanPct()).contains(pct("0.8492"));
    }

    @Test
    void aHorizonNoSignalReachesIsNotMeasuredRatherThanZero() {
        RuleSummary summary = summariseOne(List.of(Series.signalOn(50)), SAW);

        HorizonSummary quarter = summary.horizons().get(2);
        assertThat(quarter.comparison()).isEqualTo(RandomComparison.NOT_MEASURED);
        assertThat(quarter.signals().hitRate()).isEmpty();
        assertThat(quarter.random()).isEmpty();
        assertThat(quarter.notYet()).isEqualTo(1);
        assertThat(quarter.describe()).isEqualTo("after 90 closes: not measured: no signal has this horizon yet (1 not yet)");
    }

    @Test
    void summariesAreOnePerTypeAndSubjectAndCountSignalsWithoutASeries() {
        List<BacktestFinding> signals = new ArrayList<>(signalsOn(0, 2, 10));
        signals.add(Series.signal("alert:rebound", Series.day(3)));
        signals.add(new BacktestFinding(Series.day(3), "rebound", "model:RTX 3080", "1d", null, Map.of()));

        List<RuleSummary> summaries = quality.summarise(signals, Map.of(Series.SUBJECT, SAW));

        assertThat(summaries).extracting(RuleSummary::subject, RuleSummary::type, RuleSummary::signals,
                        RuleSummary::unmeasured)
                .containsExactly(org.assertj.core.api.Assertions.tuple(Series.SUBJECT, "alert:rebound", 1, 0),
                        org.assertj.core.api.Assertions.tuple(Series.SUBJECT, "rebound", 6, 0),
                        org.assertj.core.api.Assertions.tuple("model:RTX 3080", "rebound", 0, 1));
        assertThat(summaries.get(2).verdict())
                .isEqualTo("not measured: no close of their series at or before them in this backtest");
    }

    @Test
    void aSignalOnAnotherIntervalThanTheChartedSeriesIsNotMeasuredInItsWindows() {
        List<BacktestFinding> signals = new ArrayList<>(signalsOn(0, 2, 10));
        signals.add(new BacktestFinding(Series.day(3), "rebound", Series.SUBJECT, "1h", null, Map.of()));

        List<RuleSummary> summaries = quality.summarise(signals, Map.of(Series.SUBJECT, SAW));

        assertThat(summaries).extracting(RuleSummary::interval, RuleSummary::signals, RuleSummary::unmeasured)
                .containsExactly(org.assertj.core.api.Assertions.tuple("1d", 6, 0),
                        org.assertj.core.api.Assertions.tuple("1h", 0, 1));
    }

    @Test
    void theSeriesIntervalIsItsMostCommonGapInTheSignalsLabels() {
        List<PricePoint> hourly = List.of(new PricePoint(Series.START, BigDecimal.ONE),
                new PricePoint(Series.START.plusSeconds(3_600), BigDecimal.ONE),
                new PricePoint(Series.START.plusSeconds(7_200), BigDecimal.ONE));
        List<PricePoint> monthly = java.util.stream.Stream.of("2023-01-01", "2023-02-01", "2023-03-01", "2023-04-01",
                "2023-05-01", "2023-06-01").map(d -> new PricePoint(java.time.Instant.parse(d + "T00:00:00Z"),
                BigDecimal.ONE)).toList();

        assertThat(SeriesInterval.label(SAW)).contains("1d");
        assertThat(SeriesInterval.label(hourly)).contains("1h");
        assertThat(SeriesInterval.label(monthly)).contains("1mo");
        assertThat(SeriesInterval.label(Series.daily(100))).isEmpty();
        assertThat(SeriesInterval.matches("", Optional.of("1d"))).isTrue();
        assertThat(SeriesInterval.matches("1h", Optional.of("1d"))).isFalse();
    }

    @Test
    void theBootstrapIsTheSameForTheSameSeedAndUsesNearestRankPercentiles() {
        List<BigDecimal> changes = SignalQuality.everyEntryChanges(SAW, 1);

        assertThat(RandomEntries.bootstrap(changes, 7, 500, 1)).isEqualTo(RandomEntries.bootstrap(changes, 7, 500, 1));
        assertThat(RandomEntries.bootstrap(changes, 7, 500, 1)).isNotEqualTo(RandomEntries.bootstrap(changes, 7, 500, 2));
        double[] oneToHundred = IntStream.rangeClosed(1, 100).asDoubleStream().toArray();
        assertThat(RandomEntries.percentile(oneToHundred, 5)).isEqualTo(5.0);
        assertThat(RandomEntries.percentile(oneToHundred, 95)).isEqualTo(95.0);
        assertThat(RandomEntries.percentile(new double[] {3.0}, 5)).isEqualTo(3.0);
    }

    private RuleSummary summariseOne(List<BacktestFinding> signals, List<PricePoint> closes) {
        List<RuleSummary> summaries = quality.summarise(signals, Map.of(Series.SUBJECT, closes));
        assertThat(summaries).hasSize(1);
        return summaries.get(0);
    }

    private static List<BacktestFinding> signalsOn(int first, int step, int last) {
        List<BacktestFinding> signals = new ArrayList<>();
        for (int i = first; i <= last; i += step) {
            signals.add(Series.signalOn(i));
        }
        return signals;
    }
}
