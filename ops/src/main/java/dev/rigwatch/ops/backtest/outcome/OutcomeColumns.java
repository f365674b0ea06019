package dev.rigwatch.ops.backtest.outcome;

import dev.rigwatch.events.outcome.TroughFate;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    /** The columns of {@link #names} for one signal; all empty when it could not be measured. */
    public static Map<String, String> values(Optional<SignalOutcome> outcome, List<Integer> horizons) {
        Map<String, String> values = new LinkedHashMap<>();
        names(horizons).forEach(name -> values.put(name, ""));
        outcome.ifPresent(o -> {
            values.put("entry_time", o.entryTime().toString());
            values.put("entry_close", o.entryClose().toPlainString());
            o.horizons().values().forEach(h -> {
                values.put("after_" + h.windows() + "_change_pct", plain(h.changePct()));
                values.put("after_" + h.windows() + "_max_adverse_pct", plain(h.maxAdversePct()));
                values.put("after_" + h.windows() + "_max_favourable_pct", plain(h.maxFavourablePct()));
            });
            o.trough().flatMap(TroughFate::brokenAt).ifPresent(at -> values.put("trough_broken_at", at.toString()));
            o.trough().filter(t -> !t.broken()).ifPresent(t -> values.put("trough_broken_at",
                    "held " + HorizonSummary.closes(t.windowsWatched())));
        });
        return values;
    }

    private static String plain(BigDecimal pct) {
        return pct.toPlainString();
    }
}
