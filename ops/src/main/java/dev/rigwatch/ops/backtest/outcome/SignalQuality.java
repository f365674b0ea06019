package dev.rigwatch.ops.backtest.outcome;

import dev.rigwatch.events.outcome.ForwardOutcomes;
import dev.rigwatch.events.outcome.HorizonOutcome;
import dev.rigwatch.events.outcome.Percent;
import dev.rigwatch.events.outcome.PricePoint;
import dev.rigwatch.events.outcome.TroughFate;
import dev.rigwatch.ops.backtest.BacktestFinding;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Answers "and then?" for every rule: groups a backtest's signals by type and subject, measures them forward
 * ({@link ForwardOutcomes}) and sets each horizon beside holding from every close and beside random entries
 * ({@link RandomEntries}), all on the subject's own series over the backtest's range.
 */
public final class SignalQuality {

    /** The seed a report's random entries use: fixed, so the same backtest gives the same report on every run. */
    public static final long REPORT_SEED = 18;

    private final ForwardOutcomes outcomes;
    private final int resamples;
    private final long seed;

    public SignalQuality(ForwardOutcomes outcomes, int resamples, long seed) {
        this.outcomes = outcomes;
        this.resamples = resamples;
        this.seed = seed;
    }

    public ForwardOutcomes outcomes() {
        return outcomes;
    }

    public static SignalQuality standard(long seed) {
        return new SignalQuality(ForwardOutcomes.standard(), RandomEntries.DEFAULT_RESAMPLES, seed);
    }

    /**
     * One summary per type, subject and interval, by subject, type and interval. A signal is measured on its
     * subject's series when its interval is that series' (or either is unknown); otherwise it is counted as
     * unmeasured, as is one without a series or before the series' first close.
     */
    public List<RuleSummary> summarise(List<BacktestFinding> signals, Map<String, List<PricePoint>> series) {
        Map<List<String>, List<BacktestFinding>> byRule = new TreeMap<>(Comparator.<List<String>, String>comparing(
                k -> k.get(1)).thenComparing(k -> k.get(0)).thenComparing(k -> k.get(2)));
        for (BacktestFinding signal : signals) {
            byRule.computeIfAbsent(List.of(signal.type(), signal.subject(), signal.interval()), k -> new ArrayList<>())
                    .add(signal);
        }
        List<RuleSummary> summaries = new ArrayList<>();
        byRule.forEach((rule, ruleSignals) -> summaries.add(summarise(rule.get(0), rule.get(1), rule.get(2),
                ruleSignals, series.getOrDefault(rule.get(1), List.of()))));
        return summaries;
    }

    /**
     * What followed each finding, in their order, measured on its subject's series as {@link #summarise} measures it:
     * one without a series, on another interval than the series' or before its first close has none. Each series'
     * interval is read from its closes once, not once per finding.
     */
    public Map<BacktestFinding, SignalOutcome> outcomes(List<BacktestFinding> findings,
                                                        Map<String, List<PricePoint>> series) {
        Map<String, Optional<String>> intervals = new HashMap<>();
        Map<BacktestFinding, SignalOutcome> measured = new LinkedHashMap<>();
        for (BacktestFinding finding : findings) {
            List<PricePoint> closes = series.getOrDefault(finding.subject(), List.of());
            Optional<String> interval = intervals.computeIfAbsent(finding.subject(), s -> SeriesInterval.label(closes));
            if (SeriesInterval.matches(finding.interval(), interval)) {
                SignalOutcome.measure(outcomes, finding, closes).ifPresent(o -> measured.put(finding, o));
            }
        }
        return measured;
    }

    /** One rule on one subject's {@code closes}, also when it fired nothing there (a parameter sweep's point). */
    public RuleSummary summarise(String type, String subject, String interval, List<BacktestFinding> signals,
                                 List<PricePoint> closes) {
        List<SignalOutcome> measured = SeriesInterval.matches(interval, SeriesInterval.label(closes))
                ? signals.stream().flatMap(s -> SignalOutcome.measure(outcomes, s, closes).stream()).toList() : List.of();
        List<TroughFate> troughs = measured.stream().flatMap(o -> o.trough().stream()).toList();
        List<HorizonSummary> horizons = new ArrayList<>();
        for (int windows : outcomes.horizons()) {
            horizons.add(horizon(windows, measured, closes));
        }
        Optional<BigDecimal> buyAndHold = closes.size() < 2 ? Optional.empty()
                : Optional.of(Percent.change(closes.get(0).price(), closes.get(closes.size() - 1).price()));
        return new RuleSummary(type, subject, interval, measured.size(), signals.size() - measured.size(), troughs.size(),
                (int) troughs.stream().filter(TroughFate::broken).count(), buyAndHold, horizons);
    }

    private HorizonSummary horizon(int windows, List<SignalOutcome> measured, List<PricePoint> closes) {
        List<BigDecimal> changes = measured.stream().flatMap(o -> o.at(windows).stream())
                .map(HorizonOutcome::changePct).toList();
        ForwardStats signalStats = ForwardStats.of(changes);
        List<BigDecimal> everyEntry = everyEntryChanges(closes, windows);
        if (changes.isEmpty() || everyEntry.isEmpty()) {
            return new HorizonSummary(windows, signalStats, measured.size() - changes.size(),
                    ForwardStats.of(everyEntry), Optional.empty(), RandomComparison.NOT_MEASURED);
        }
        // Seeded per horizon, so one horizon's figures do not depend on which others were asked for.
        RandomEntriesBaseline random = RandomEntries.bootstrap(everyEntry, changes.size(), resamples, seed + windows);
        return new HorizonSummary(windows, signalStats, measured.size() - changes.size(), ForwardStats.of(everyEntry),
                Optional.of(random), RandomComparison.of(signalStats, random));
    }

    /** The change after {@code windows} closes from every close that has one. */
    static List<BigDecimal> everyEntryChanges(List<PricePoint> closes, int windows) {
        List<BigDecimal> changes = new ArrayList<>(Math.max(0, closes.size() - windows));
        for (int i = 0; i + windows < closes.size(); i++) {
            changes.add(Percent.change(closes.get(i).price(), closes.get(i + windows).price()));
        }
        return changes;
    }
}
