package dev.rigwatch.ops.backtest.outcome;

/**
 * How a rule's hit rate at one horizon compares with random entries: better only above the random hit rates' 95th
 * percentile, so a handful of lucky signals does not read as an edge. Hit rates alone decide, one figure a trader
 * can check; the medians are shown beside it.
 */
public enum RandomComparison {
    BETTER("better than random entries"),
    NO_BETTER("no better than random entries"),
    WORSE("worse than random entries"),
    NOT_MEASURED("not measured: no signal has this horizon yet");

    private final String text;

    RandomComparison(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    static RandomComparison of(ForwardStats signals, RandomEntriesBaseline random) {
        double hitRate = signals.hitRate().orElseThrow();
        if (hitRate > random.hitRateP95()) {
            return BETTER;
        }
        return hitRate < random.hitRateP5() ? WORSE : NO_BETTER;
    }
}
