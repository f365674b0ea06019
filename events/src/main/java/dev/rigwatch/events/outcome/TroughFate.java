package dev.rigwatch.events.outcome;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether the trough a rebound rose from held: a later close strictly below it, within the series, breaks it.
 * "Held" is only as far as the series goes: {@code windowsWatched} says how far that was.
 *
 * @param trough         the rebound's {@code trough} field
 * @param brokenAt       the first close after the entry close that is below the trough, if any
 * @param windowsWatched closes after the entry close until the one that broke it, or to the series' end if held
 */
public record TroughFate(BigDecimal trough, Optional<Instant> brokenAt, int windowsWatched) {

    public boolean broken() {
        return brokenAt.isPresent();
    }
}
