package dev.rigwatch.ops.backtest.sweep;

import dev.rigwatch.ops.backtest.BacktestFinding;
import dev.rigwatch.ops.backtest.outcome.HorizonSummary;
import dev.rigwatch.ops.backtest.outcome.RuleSummary;
import dev.rigwatch.streams.signal.rebound.ReboundConfig;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * One point of a sweep on one subject: the parameters, the signals the rule gave with them and what followed.
 *
 * @param config  the point's parameters
 * @param subject the crypto subject (record key)
 * @param signals the rule's signals, as report rows, in time order
 * @param quality what followed them ({@code SignalQuality} with the report's seed)
 */
public record SweepPoint(ReboundConfig config, String subject, List<BacktestFinding> signals, RuleSummary quality) {

    public SweepPoint {
        signals = List.copyOf(signals);
    }

    /** The horizon of {@code windows} closes, when the sweep measured it. */
    public Optional<HorizonSummary> after(int windows) {
        return quality.horizons().stream().filter(h -> h.windows() == windows).findFirst();
    }

    /** The median change {@code windows} closes after the signals; empty when no signal had that horizon. */
    public Optional<BigDecimal> medianAfter(int windows) {
        return after(windows).flatMap(h -> h.signals().medianPct());
    }
}
