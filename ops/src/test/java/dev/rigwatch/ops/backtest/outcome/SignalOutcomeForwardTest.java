package dev.rigwatch.ops.backtest.outcome;

import dev.rigwatch.events.outcome.Percent;
import dev.rigwatch.events.outcome.HorizonOutcome;
import dev.rigwatch.events.outcome.TroughFate;
import dev.rigwatch.events.outcome.ForwardOutcomes;
import static dev.rigwatch.ops.backtest.outcome.Series.day;
import static dev.rigwatch.ops.backtest.outcome.Series.pct;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.events.outcome.PricePoint;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignalOutcomeForwardTest {

    private final ForwardOutcomes forward = ForwardOutcomes.standard();

    @Test
    void onALinearRampEachHorizonGainsItsWindowsInPercentOfTheFirstClose() {
        List<PricePoint> ramp = Series.ramp(100);

        SignalOutcome outcome = SignalOutcome.measure(forward, Series.signalOn(0), ramp).orElseThrow();

        assertThat(outcome.entryClose()).isEqualByComparingTo("100");
        assertThat(outcome.horizons().keySet()).containsExactly(1, 7, 30, 90);
        for (int windows : List.of(1, 7, 30, 90)) {
            HorizonOutcome h = outcome.at(windows).orElseThrow();
            assertThat(h.changePct()).isEqualTo(pct(windows + ".0000"));
            assertThat(h.maxAdversePct()).isEqualTo(pct("0.0000"));
            assertThat(h.maxFavourablePct()).isEqualTo(h.changePct());
            assertThat(h.exitTime()).isEqualTo(day(windows));
        }
    }

    @Test
    void aHorizonBeyondTheLastCloseIsAbsentNotGuessed() {
        List<PricePoint> ramp = Series.ramp(100);

        SignalOutcome outcome = SignalOutcome.measure(forward, Series.signalOn(10), ramp).orElseThrow();

        assertThat(outcome.horizons().keySet()).containsExactly(1, 7, 30);
        assertThat(outcome.at(90)).isEmpty();
        // 110 → 111: 1/110 = 0.90909..%, rounded half-even to four decimals
        assertThat(outcome.at(1).orElseThrow().changePct()).isEqualTo(pct("0.9091"));
        assertThat(SignalOutcome.measure(forward, Series.signalOn(99), ramp).orElseThrow().horizons()).isEmpty();
    }

    @Test
    void onAVShapeTheAdverseMoveIsTheBottomAndTheFavourableTheTopInBetween() {
        List<PricePoint> v = Series.daily(100, 90, 80, 70, 60, 50, 60, 70, 80, 90, 100, 110);

        SignalOutcome outcome = SignalOutcome.measure(new ForwardOutcomes(List.of(1, 7, 11)), Series.signalOn(0), v).orElseThrow();

        HorizonOutcome day = outcome.at(1).orElseThrow();
        assertThat(List.of(day.changePct(), day.maxAdversePct(), day.maxFavourablePct()))
                .containsExactly(pct("-10.0000"), pct("-10.0000"), pct("0.0000"));
        HorizonOutcome week = outcome.at(7).orElseThrow();
        assertThat(List.of(week.changePct(), week.maxAdversePct(), week.maxFavourablePct()))
                .containsExactly(pct("-30.0000"), pct("-50.0000"), pct("0.0000"));
        HorizonOutcome all = outcome.at(11).orElseThrow();
        assertThat(List.of(all.changePct(), all.maxAdversePct(), all.maxFavourablePct()))
                .containsExactly(pct("10.0000"), pct("-50.0000"), pct("10.0000"));
    }

    @Test
    void theEntryIsTheLastCloseAtOrBeforeTheSignal() {
        List<PricePoint> v = Series.daily(100, 90, 80, 70, 60);

        SignalOutcome between = SignalOutcome.measure(forward, Series.signal("rebound", day(2).plus(Duration.ofHours(5))), v)
                .orElseThrow();
        SignalOutcome onClose = SignalOutcome.measure(forward, Series.signalOn(3), v).orElseThrow();

        assertThat(between.entryIndex()).isEqualTo(2);
        assertThat(between.entryClose()).isEqualByComparingTo("80");
        assertThat(onClose.entryIndex()).isEqualTo(3);
        assertThat(SignalOutcome.measure(forward, Series.signal("rebound", day(0).minusSeconds(1)), v)).isEmpty();
        assertThat(SignalOutcome.measure(forward, Series.signalOn(0), List.of())).isEmpty();
    }

    @Test
    void aReboundsTroughIsBrokenByTheFirstLaterCloseBelowIt() {
        List<PricePoint> closes = Series.daily(100, 50, 75, 80, 50, 49, 90);

        TroughFate broken = SignalOutcome.measure(forward, Series.rebound(3, "50"), closes).orElseThrow().trough().orElseThrow();
        TroughFate held = SignalOutcome.measure(forward, Series.rebound(3, "40"), closes).orElseThrow().trough().orElseThrow();

        // 50 equals the trough: not below it, so only the 49 breaks it
        assertThat(broken.brokenAt()).contains(day(5));
        assertThat(broken.windowsWatched()).isEqualTo(2);
        assertThat(held.broken()).isFalse();
        assertThat(held.windowsWatched()).isEqualTo(3);
        assertThat(SignalOutcome.measure(forward, Series.signalOn(3), closes).orElseThrow().trough()).isEqualTo(Optional.empty());
    }

    @Test
    void percentagesRoundOnceHalfEvenToFourDecimals() {
        assertThat(Percent.change(pct("3"), pct("4"))).isEqualTo(pct("33.3333"));
        assertThat(Percent.change(pct("3"), pct("5"))).isEqualTo(pct("66.6667"));
        assertThat(Percent.median(List.of(pct("1.0001"), pct("1.0002")))).isEqualTo(pct("1.0002"));
        assertThat(Percent.median(List.of(pct("1.0002"), pct("1.0003")))).isEqualTo(pct("1.0002"));
        assertThat(Percent.mean(List.of(pct("1"), pct("2"), pct("2")))).isEqualTo(pct("1.6667"));
    }
}
