package dev.rigwatch.api.routes;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rigwatch.events.outcome.ForwardOutcome;
import dev.rigwatch.events.outcome.HorizonOutcome;
import dev.rigwatch.events.outcome.TroughFate;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What followed a rebound, as {@code /api/signals} shows it: a {@link ForwardOutcome} in plain JSON (no Optionals),
 * every horizon listed, one the series has not reached yet marked {@code "notYet": true}. Either measured (series,
 * entry, horizons, trough) or {@code unmeasured} with the reason.
 *
 * @param series the view store whose closes were measured
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record OutcomeView(String series, Instant entryTime, BigDecimal entryClose, List<HorizonView> horizons,
                   TroughView trough, String unmeasured) {

    /** One horizon: the figures, or only {@code closes} and {@code notYet} when the series ends before it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record HorizonView(int closes, Boolean notYet, Instant exitTime, BigDecimal exitClose, BigDecimal changePct,
                       BigDecimal maxAdversePct, BigDecimal maxFavourablePct) {

        static HorizonView of(HorizonOutcome h) {
            return new HorizonView(h.windows(), null, h.exitTime(), h.exitClose(), h.changePct(), h.maxAdversePct(),
                    h.maxFavourablePct());
        }

        static HorizonView notYet(int closes) {
            return new HorizonView(closes, true, null, null, null, null, null);
        }
    }

    /**
     * @param closesWatched closes after the entry until the one that broke it, or, if it held, as far as the closes
     *                      read go (at most the longest horizon)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TroughView(BigDecimal price, boolean broken, Instant brokenAt, int closesWatched) {

        static TroughView of(TroughFate fate) {
            return new TroughView(fate.trough(), fate.broken(), fate.brokenAt().orElse(null), fate.windowsWatched());
        }
    }

    static OutcomeView unmeasured(String reason) {
        return new OutcomeView(null, null, null, null, null, reason);
    }

    static OutcomeView of(String series, ForwardOutcome outcome, List<Integer> horizons) {
        List<HorizonView> views = horizons.stream()
                .map(h -> outcome.at(h).map(HorizonView::of).orElseGet(() -> HorizonView.notYet(h))).toList();
        return new OutcomeView(series, outcome.entryTime(), outcome.entryClose(), views,
                outcome.trough().map(TroughView::of).orElse(null), null);
    }
}
