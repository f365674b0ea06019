package dev.rigwatch.ops.backtest.outcome;

import dev.rigwatch.events.outcome.ForwardOutcomes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.ops.backtest.BacktestFinding;
import dev.rigwatch.events.outcome.PricePoint;
import dev.rigwatch.testing.FixtureMutations;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * On any positive close series and any signals on it: horizons present exactly where the series reaches them, each
 * change between its adverse and favourable moves, hit rates in [0, 1], counts that add up, and a bootstrap that
 * gives the same figures for the same seed.
 */
class SignalOutcomeProperties {

    private static final ForwardOutcomes FORWARD = new ForwardOutcomes(List.of(1, 3, 10));

    record Case(List<PricePoint> closes, List<BacktestFinding> signals) {
    }

    @Property(tries = 200, seed = FixtureMutations.CI_SEED)
    void eachHorizonIsPresentExactlyWhereTheSeriesReachesIt(@ForAll("cases") Case c) {
        for (BacktestFinding signal : c.signals()) {
            SignalOutcome outcome = SignalOutcome.measure(FORWARD, signal, c.closes()).orElseThrow();
            assertThat(outcome.entryTime()).isBeforeOrEqualTo(signal.eventTime());
            for (int windows : FORWARD.horizons()) {
                assertThat(outcome.at(windows).isPresent())
                        .isEqualTo(outcome.entryIndex() + windows < c.closes().size());
                outcome.at(windows).ifPresent(h -> {
                    assertThat(h.maxAdversePct()).isLessThanOrEqualTo(BigDecimal.ZERO);
                    assertThat(h.maxFavourablePct()).isGreaterThanOrEqualTo(BigDecimal.ZERO);
                    assertThat(h.changePct()).isBetween(h.maxAdversePct(), h.maxFavourablePct());
                });
            }
            outcome.trough().ifPresent(t -> assertThat(t.windowsWatched())
                    .isBetween(0, c.closes().size() - 1 - outcome.entryIndex()));
        }
    }

    @Property(tries = 100, seed = FixtureMutations.CI_SEED)
    void summaryCountsAddUpAndRatesAreShares(@ForAll("cases") Case c) {
        RuleSummary summary = new SignalQuality(FORWARD, 200, 7)
                .summarise(c.signals(), Map.of(Series.SUBJECT, c.closes())).get(0);

        assertThat(summary.signals() + summary.unmeasured()).isEqualTo(c.signals().size());
        assertThat(summary.troughsBroken()).isBetween(0, summary.troughsChecked());
        for (HorizonSummary h : summary.horizons()) {
            assertThat(h.signals().count() + h.notYet()).isEqualTo(summary.signals());
            assertThat(h.signals().hits()).isBetween(0, h.signals().count());
            assertThat(h.everyEntry().count()).isEqualTo(Math.max(0, c.closes().size() - h.windows()));
            h.signals().hitRate().ifPresent(rate -> assertThat(rate).isBetween(0.0, 1.0));
            h.random().ifPresent(r -> {
                assertThat(r.entries()).isEqualTo(h.signals().count());
                assertThat(r.hitRateP5()).isBetween(0.0, 1.0);
                assertThat(r.hitRateP95()).isBetween(r.hitRateP5(), 1.0);
                assertThat(r.meanHitRate()).isBetween(r.hitRateP5(), r.hitRateP95());
                assertThat(r.medianP5Pct()).isLessThanOrEqualTo(r.medianP95Pct());
            });
            assertThat(h.comparison() == RandomComparison.NOT_MEASURED).isEqualTo(h.signals().count() == 0);
        }
    }

    @Property(tries = 50, seed = FixtureMutations.CI_SEED)
    void theSameSeedGivesTheSameSummary(@ForAll("cases") Case c, @ForAll long seed) {
        Map<String, List<PricePoint>> series = Map.of(Series.SUBJECT, c.closes());

        assertThat(new SignalQuality(FORWARD, 100, seed).summarise(c.signals(), series))
                .isEqualTo(new SignalQuality(FORWARD, 100, seed).summarise(c.signals(), series));
    }

    @Provide
    Arbitrary<Case> cases() {
        return Arbitraries.longs().between(1, 1_000_000).list().ofMinSize(1).ofMaxSize(60).flatMap(raw -> {
            List<PricePoint> closes = Series.daily(raw.stream().mapToLong(Long::longValue).toArray());
            Arbitrary<BacktestFinding> signal = Arbitraries.integers().between(0, closes.size() - 1)
                    .flatMap(i -> Arbitraries.longs().between(1, 1_000_000).injectNull(0.5)
                            .map(trough -> trough == null ? Series.signalOn(i) : Series.rebound(i, trough.toString())));
            return signal.list().ofMinSize(1).ofMaxSize(15).map(signals -> new Case(closes, signals));
        });
    }
}
