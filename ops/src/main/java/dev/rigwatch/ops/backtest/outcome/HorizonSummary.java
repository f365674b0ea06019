package dev.rigwatch.ops.backtest.outcome;

import java.util.Locale;
import java.util.Optional;

/**
 * A rule's signals at one horizon, beside the two baselines on the same series.
 *
 * @param windows    the horizon, in closes after the entry
 * @param signals    the signals that have this horizon
 * @param notYet     signals too close to the series' end to have it, left out of {@code signals}
 * @param everyEntry holding {@code windows} closes from every close of the series that has the horizon: what any
 *                   day's entry did, the level a signal has to beat
 * @param random     as many entries as {@code signals.count()} at random closes; empty when no signal has it
 * @param comparison the plain verdict against {@code random}
 */
public record HorizonSummary(int windows, ForwardStats signals, int notYet, ForwardStats everyEntry,
                             Optional<RandomEntriesBaseline> random, RandomComparison comparison) {

    /** {@code 1 close}, {@code 30 closes}: a horizon counted in closes of the signal's own series. */
    public static String closes(int windows) {
        return windows + (windows == 1 ? " close" : " closes");
    }

    /** E.g. {@code after 30 closes: hit rate 60.0 % (6 of 10, 2 not yet) · random 48.1 % (5th–95th 20.0–80.0 %): no
     * better than random entries}. */
    public String describe() {
        if (random.isEmpty()) {
            return String.format(Locale.ROOT, "after %s: %s (%d not yet)", closes(windows), comparison.text(), notYet);
        }
        RandomEntriesBaseline r = random.get();
        return String.format(Locale.ROOT,
                "after %s: hit rate %.1f %% (%d of %d, %d not yet), median %s %% · random entries %.1f %% "
                        + "(5th–95th %.1f–%.1f %%), median %s %% · every close %.1f %%, median %s %%: %s",
                closes(windows), 100 * signals.hitRate().orElseThrow(), signals.hits(), signals.count(), notYet,
                signals.medianPct().orElseThrow().toPlainString(), 100 * r.meanHitRate(), 100 * r.hitRateP5(),
                100 * r.hitRateP95(), r.meanMedianPct().toPlainString(), 100 * everyEntry.hitRate().orElseThrow(),
                everyEntry.medianPct().orElseThrow().toPlainString(), comparison.text());
    }
}
