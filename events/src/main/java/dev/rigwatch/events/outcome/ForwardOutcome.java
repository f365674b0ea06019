package dev.rigwatch.events.outcome;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What followed one signal on its subject's closes.
 *
 * @param entryIndex the index in the series of the entry close: the last close at or before the signal's time
 * @param entryTime  the time of the entry close
 * @param entryClose the entry close, the base of every percentage
 * @param horizons   the horizons the series reaches, by windows; one beyond the series' end is absent ("not yet")
 * @param trough     for a signal with a trough (a rebound), whether that trough was later broken
 */
public record ForwardOutcome(int entryIndex, Instant entryTime, BigDecimal entryClose,
                             SortedMap<Integer, HorizonOutcome> horizons, Optional<TroughFate> trough) {

    public ForwardOutcome {
        horizons = Collections.unmodifiableSortedMap(new TreeMap<>(horizons));
    }

    /** The outcome after {@code windows} closes, or empty when the series ends before it. */
    public Optional<HorizonOutcome> at(int windows) {
        return Optional.ofNullable(horizons.get(windows));
    }
}
