package dev.rigwatch.app;

import dev.rigwatch.events.GpuMarketStats;
import dev.rigwatch.events.SupplyTightness;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One line per GPU statistics window, when the market's tightness index of it arrives:
 * {@code GPU 18:52-18:54 tightness: market 81.3 | RTX 3090 93.1 ($825 median ask, 5 open) | ...}. The shown
 * models' rows of a window arrive before its index (the market closes a window only after its grace, when the
 * next window's rows are already out), so rows are kept by window until that window's line is printed.
 */
final class GpuWindows {

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    /** The shown models' rows by window start, then model; only the monitor's thread calls in. */
    private final NavigableMap<Instant, Map<String, GpuMarketStats>> rows = new TreeMap<>();

    void row(GpuMarketStats stats) {
        if (stats.scope().equals(GpuMarketStats.MODEL) && GpuProgress.SHOWN.contains(stats.subject())) {
            rows.computeIfAbsent(stats.windowStart(), start -> new HashMap<>()).put(stats.subject(), stats);
        }
    }

    String line(SupplyTightness market) {
        Map<String, Double> indices = market.models().stream()
                .collect(Collectors.toMap(SupplyTightness.Constituent::model, SupplyTightness.Constituent::index));
        Map<String, GpuMarketStats> windowRows = rows.getOrDefault(market.windowStart(), Map.of());
        // the market index comes once per window, in order: earlier windows' rows are no longer needed
        rows.headMap(market.windowStart(), true).clear();
        String models = GpuProgress.SHOWN.stream()
                .map(model -> model + " " + index(indices.get(model)) + " (" + describe(windowRows.get(model)) + ")")
                .collect(Collectors.joining(" | "));
        return String.format(Locale.ROOT, "GPU %s-%s tightness: market %.1f | %s", HOUR.format(market.windowStart()),
                HOUR.format(market.windowEnd()), market.index(), models);
    }

    private static String index(Double index) {
        return index == null ? "-" : String.format(Locale.ROOT, "%.1f", index);
    }

    private static String describe(GpuMarketStats row) {
        if (row == null) {
            return "no row";
        }
        if (row.medianPriceUsd() == null) {
            return "none open";
        }
        return String.format(Locale.ROOT, "$%.0f median ask, %d open", row.medianPriceUsd(), row.activeSupply());
    }
}
