package dev.rigwatch.ops.backtest.outcome;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One rule on one subject: its signals' forward outcomes per horizon against the baselines.
 *
 * @param type            the findings' type ({@code rebound}, {@code alert:<rule>}, ...)
 * @param subject         the subject they fired on
 * @param interval        the series they fired on ({@code 1d}, {@code 1h}, ...), or empty
 * @param signals         signals measured (each had a close at or before it)
 * @param unmeasured      signals left out: no series, one on another interval, or fired before its first close
 * @param troughsChecked  signals with a {@code trough} field
 * @param troughsBroken   of those, how many saw a later close below the trough
 * @param buyAndHoldPct   the series' first close → last close, in %: holding over the whole range
 * @param horizons        one summary per horizon, shortest first
 */
public record RuleSummary(String type, String subject, String interval, int signals, int unmeasured, int troughsChecked,
                          int troughsBroken, Optional<BigDecimal> buyAndHoldPct, List<HorizonSummary> horizons) {

    public RuleSummary {
        horizons = List.copyOf(horizons);
    }

    /**
     * Whether any signal was measured: a rule on a subject the backtest has no series of (a GPU model) is not, nor a
     * sweep point that fired nothing.
     */
    public boolean measured() {
        return signals > 0;
    }

    /**
     * The rule's verdict in one line: {@code no better than random entries at any horizon} unless some horizon's hit
     * rate is above the random spread, then which ones.
     */
    public String verdict() {
        if (!measured() && unmeasured > 0) {
            return "not measured: no close of their series at or before them in this backtest";
        }
        List<Integer> better = horizons.stream().filter(h -> h.comparison() == RandomComparison.BETTER)
                .map(HorizonSummary::windows).toList();
        if (horizons.stream().allMatch(h -> h.comparison() == RandomComparison.NOT_MEASURED)) {
            return "not measured: no signal has a horizon yet";
        }
        if (better.isEmpty()) {
            return "no better than random entries at any horizon";
        }
        return "better than random entries after "
                + better.stream().map(HorizonSummary::closes).collect(Collectors.joining(", "));
    }
}
