package dev.rigwatch.ops.backtest.outcome;

import dev.rigwatch.events.outcome.ForwardOutcome;
import dev.rigwatch.events.outcome.ForwardOutcomes;
import dev.rigwatch.events.outcome.HorizonOutcome;
import dev.rigwatch.events.outcome.PricePoint;
import dev.rigwatch.events.outcome.TroughFate;
import dev.rigwatch.ops.backtest.BacktestFinding;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * One backtest finding and what followed it on its subject's closes.
 *
 * @param signal  the finding as the backtest emitted it
 * @param forward what followed it ({@link ForwardOutcomes})
 */
public record SignalOutcome(BacktestFinding signal, ForwardOutcome forward) {

    /** The finding's outcome on {@code closes}; a finding with a {@code trough} field has its trough watched. */
    public static Optional<SignalOutcome> measure(ForwardOutcomes outcomes, BacktestFinding signal,
                                                  List<PricePoint> closes) {
        String trough = signal.fields().get("trough");
        Optional<BigDecimal> watched = trough == null || trough.isBlank() ? Optional.empty()
                : Optional.of(new BigDecimal(trough));
        return outcomes.measure(signal.eventTime(), watched, closes).map(f -> new SignalOutcome(signal, f));
    }

    public int entryIndex() {
        return forward.entryIndex();
    }

    public Instant entryTime() {
        return forward.entryTime();
    }

    public BigDecimal entryClose() {
        return forward.entryClose();
    }

    public SortedMap<Integer, HorizonOutcome> horizons() {
        return forward.horizons();
    }

    public Optional<TroughFate> trough() {
        return forward.trough();
    }

    public Optional<HorizonOutcome> at(int windows) {
        return forward.at(windows);
    }
}
