package dev.rigwatch.events.outcome;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What the price did in the {@code windows} closes after a signal's entry close. The excursions look at closes only
 * (the series has no highs and lows), over the closes after the entry up to and including the exit.
 *
 * @param windows          how many closes after the entry close the exit is (1, 7, 30, 90)
 * @param exitTime         the time of the exit close
 * @param exitClose        the exit close
 * @param changePct        entry → exit, in % of the entry close
 * @param maxAdversePct    the lowest close in between, in % of the entry close, never above 0 (0: never below entry)
 * @param maxFavourablePct the highest close in between, in % of the entry close, never below 0
 */
public record HorizonOutcome(int windows, Instant exitTime, BigDecimal exitClose, BigDecimal changePct,
                             BigDecimal maxAdversePct, BigDecimal maxFavourablePct) {

    public boolean hit() {
        return changePct.signum() > 0;
    }
}
