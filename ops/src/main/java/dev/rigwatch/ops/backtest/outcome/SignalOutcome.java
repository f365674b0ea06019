package dev.rigwatch.ops.backtest.outcome;

import dev.rigwatch.ops.backtest.BacktestFinding;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One signal and what followed it on its subject's closes.
 *
 * @param signal     the finding as the backtest emitted it
 * @param entryIndex the index in the series of the entry close: the last close at or before the signal's time
 * @param entryTime  the time of the entry close
 * @param entryClose the entry close, the base of every percentage
 * @param horizons   the horizons the series reaches, by windows; one beyond the series' end is absent ("not yet")
 * @param trough     for a signal with a {@code trough} field (a rebound), whether that trough was later broken
 */
public record SignalOutcome(BacktestFinding signal, int entryIndex, Instant entryTime, BigDecimal entryClose,
                            SortedMap<Integer, HorizonOutcome> horizons, Optional<TroughFate> trough) {

    public SignalOutcome {
        horizons = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(horizons));
    }

    /** The outcome after {@code windows} closes, or empty when the series ends before it. */
    public Optional<HorizonOutcome> at(int windows) {
        return Optional.ofNullable(horizons.get(windows));
    }
}
