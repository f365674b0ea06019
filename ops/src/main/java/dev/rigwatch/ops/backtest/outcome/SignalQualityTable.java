package dev.rigwatch.ops.backtest.outcome;

import dev.rigwatch.events.outcome.Percent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The rule summaries as a table of plain text cells, one row per rule, subject and horizon, for the HTML report. */
public final class SignalQualityTable {

    public static final List<String> HEADER = List.of("rule", "subject", "interval", "after", "signals", "hit rate", "median",
            "mean", "every close: hit rate", "every close: median", "random entries: hit rate (5th–95th)",
            "random entries: median", "verdict");

    private SignalQualityTable() {
    }

    public static List<List<String>> rows(List<RuleSummary> summaries) {
        List<List<String>> rows = new ArrayList<>();
        for (RuleSummary rule : summaries.stream().filter(RuleSummary::measured).toList()) {
            for (HorizonSummary h : rule.horizons()) {
                String signals = h.signals().count() + (h.notYet() > 0 ? " (" + h.notYet() + " not yet)" : "");
                String random = h.random().map(r -> String.format(Locale.ROOT, "%s (%s–%s)", share(r.meanHitRate()),
                        share(r.hitRateP5()), share(r.hitRateP95()))).orElse("");
                String randomMedian = h.random().map(r -> pct(Optional.of(r.meanMedianPct()))).orElse("");
                rows.add(List.of(rule.type(), rule.subject(), rule.interval(), "after " + HorizonSummary.closes(h.windows()), signals,
                        h.signals().hitRate().map(SignalQualityTable::share).orElse(""), pct(h.signals().medianPct()),
                        pct(h.signals().meanPct()), h.everyEntry().hitRate().map(SignalQualityTable::share).orElse(""),
                        pct(h.everyEntry().medianPct()), random, randomMedian, h.comparison().text()));
            }
        }
        return rows;
    }

    /** A hit rate as a table shows it: {@code 88.9 %}. */
    public static String share(double rate) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * rate);
    }

    /** A change as a table shows it: {@code -2.70 %}; empty when there is none. */
    public static String pct(Optional<BigDecimal> pct) {
        return pct.map(SignalQualityTable::percent).orElse("");
    }

    /** A percentage as the report shows it, to 2 decimals: {@code -2.70 %}. */
    public static String percent(BigDecimal pct) {
        return pct.setScale(2, Percent.ROUNDING).toPlainString() + " %";
    }
}
