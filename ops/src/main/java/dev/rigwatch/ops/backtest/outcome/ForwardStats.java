package dev.rigwatch.ops.backtest.outcome;

import dev.rigwatch.events.outcome.Percent;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Forward changes at one horizon, summed up: how many, how many rose, their median and mean.
 *
 * @param count     changes measured
 * @param hits      changes strictly above 0 (a flat close is not a hit)
 * @param medianPct median change in %, empty when {@code count} is 0
 * @param meanPct   mean change in %, empty when {@code count} is 0
 */
public record ForwardStats(int count, int hits, Optional<BigDecimal> medianPct, Optional<BigDecimal> meanPct) {

    public static ForwardStats of(List<BigDecimal> changesPct) {
        if (changesPct.isEmpty()) {
            return new ForwardStats(0, 0, Optional.empty(), Optional.empty());
        }
        int hits = (int) changesPct.stream().filter(c -> c.signum() > 0).count();
        return new ForwardStats(changesPct.size(), hits, Optional.of(Percent.median(changesPct)),
                Optional.of(Percent.mean(changesPct)));
    }

    /** Share of hits, in [0, 1]; empty when nothing was measured, so that "no data" never reads as 0 %. */
    public Optional<Double> hitRate() {
        return count == 0 ? Optional.empty() : Optional.of((double) hits / count);
    }
}
