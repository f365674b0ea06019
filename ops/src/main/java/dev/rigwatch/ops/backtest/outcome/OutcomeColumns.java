package dev.rigwatch.ops.backtest.outcome;

import dev.rigwatch.events.outcome.TroughFate;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A signal's outcome as flat CSV columns, in a fixed order: the entry close, then per horizon the change and the
 * adverse and favourable moves, then when the trough broke. A cell is empty where there is nothing to say (a horizon
 * not reached yet, a signal without a trough), never 0.
 */
public final class OutcomeColumns {

    private OutcomeColumns() {
    }

    public static List<String> names(List<Integer> horizons) {
        List<String> names = new ArrayList<>(List.of("entry_time", "entry_close"));
        for (int windows : horizons) {
            names.add("after_" + windows + "_change_pct");
            names.add("after_" + windows + "_max_adverse_pct");
            names.add("after_" + windows + "_max_favourable_pct");
        }
        names.add("trough_broken_at");
        return names;
    }

    /**
     * The columns of {@link #names} for one signal; all empty when it could not be measured.
     *
     * @param price how the entry close is written (rounded to the subject's precision)
     */
    public static Map<String, String> values(Optional<SignalOutcome> outcome, List<Integer> horizons,
                                             Function<BigDecimal, String> price) {
        Map<String, String> values = new LinkedHashMap<>();
        names(horizons).forEach(name -> values.put(name, ""));
        outcome.ifPresent(o -> {
            values.put("entry_time", o.entryTime().toString());
            values.put("entry_close", price.apply(o.entryClose()));
            o.horizons().values().forEach(h -> {
                values.put("after_" + h.windows() + "_change_pct", plain(h.changePct()));
                values.put("after_" + h.windows() + "_max_adverse_pct", plain(h.maxAdversePct()));
                values.put("after_" + h.windows() + "_max_favourable_pct", plain(h.maxFavourablePct()));
            });
            o.trough().ifPresent(t -> values.put("trough_broken_at", troughFate(t)));
        });
        return values;
    }

    /** When the trough broke ({@code 2022-11-09T00:00:00Z}), or how long it has held ({@code held 99 closes}). */
    public static String troughFate(TroughFate trough) {
        return trough.brokenAt().map(Instant::toString).orElse("held " + HorizonSummary.closes(trough.windowsWatched()));
    }

    private static String plain(BigDecimal pct) {
        return pct.toPlainString();
    }
}
