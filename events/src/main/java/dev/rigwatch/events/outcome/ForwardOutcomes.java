package dev.rigwatch.events.outcome;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Measures each signal forward on its subject's closes: the entry is the last close at or before the signal's time
 * (a signal fires on a close, so a later close would be a price the signal could not have been acted on), the exit
 * the close {@code h} windows later. A horizon past the series' last close is left out, never estimated. The one
 * measure of "and then?": a backtest's report and the dashboard's recent signals both use it.
 */
public final class ForwardOutcomes {

    /** The horizons a trader asks about on a daily series: the next day, week, month and quarter. */
    public static final List<Integer> STANDARD_HORIZONS = List.of(1, 7, 30, 90);

    private final List<Integer> horizons;

    public ForwardOutcomes(List<Integer> horizons) {
        if (horizons.isEmpty() || horizons.stream().anyMatch(h -> h < 1)) {
            throw new IllegalArgumentException("horizons are one window or more: " + horizons);
        }
        this.horizons = horizons.stream().sorted().distinct().toList();
    }

    public static ForwardOutcomes standard() {
        return new ForwardOutcomes(STANDARD_HORIZONS);
    }

    public List<Integer> horizons() {
        return horizons;
    }

    /**
     * The outcome of a signal at {@code signalTime} on {@code closes} (in time order), or empty when no close is at
     * or before it.
     *
     * @param trough the trough a rebound rose from, to see whether it held; empty for other signals
     */
    public Optional<ForwardOutcome> measure(Instant signalTime, Optional<BigDecimal> trough, List<PricePoint> closes) {
        int entry = entryIndex(closes, signalTime);
        if (entry < 0) {
            return Optional.empty();
        }
        BigDecimal entryClose = closes.get(entry).price();
        TreeMap<Integer, HorizonOutcome> measured = new TreeMap<>();
        for (int windows : horizons) {
            int exit = entry + windows;
            if (exit >= closes.size()) {
                break;
            }
            measured.put(windows, horizon(closes, entry, exit, windows));
        }
        return Optional.of(new ForwardOutcome(entry, closes.get(entry).time(), entryClose, measured,
                trough.map(t -> troughFate(t, closes, entry))));
    }

    private static HorizonOutcome horizon(List<PricePoint> closes, int entry, int exit, int windows) {
        BigDecimal entryClose = closes.get(entry).price();
        BigDecimal lowest = entryClose;
        BigDecimal highest = entryClose;
        for (int i = entry + 1; i <= exit; i++) {
            BigDecimal close = closes.get(i).price();
            lowest = lowest.min(close);
            highest = highest.max(close);
        }
        return new HorizonOutcome(windows, closes.get(exit).time(), closes.get(exit).price(),
                Percent.change(entryClose, closes.get(exit).price()), Percent.change(entryClose, lowest),
                Percent.change(entryClose, highest));
    }

    private static TroughFate troughFate(BigDecimal trough, List<PricePoint> closes, int entry) {
        for (int i = entry + 1; i < closes.size(); i++) {
            if (closes.get(i).price().compareTo(trough) < 0) {
                return new TroughFate(trough, Optional.of(closes.get(i).time()), i - entry);
            }
        }
        return new TroughFate(trough, Optional.empty(), closes.size() - 1 - entry);
    }

    /** The last close at or before the signal, by binary search; -1 when the series starts after it. */
    static int entryIndex(List<PricePoint> closes, Instant signalTime) {
        int low = 0;
        int high = closes.size() - 1;
        int found = -1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (closes.get(middle).time().isAfter(signalTime)) {
                high = middle - 1;
            } else {
                found = middle;
                low = middle + 1;
            }
        }
        return found;
    }
}
