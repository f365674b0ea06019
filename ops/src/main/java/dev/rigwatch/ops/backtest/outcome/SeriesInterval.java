package dev.rigwatch.ops.backtest.outcome;

import dev.rigwatch.events.outcome.PricePoint;
import dev.rigwatch.streams.signal.rebound.Rebound;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The interval of a close series, read from the closes themselves, in the labels signals carry ({@code 1h},
 * {@code 1d}, {@code 1mo}): a backtest charts one series per subject, and a signal fired on another interval's
 * closes must not be measured in this one's windows (a 1h rebound's "after 7" would read as 7 days).
 */
final class SeriesInterval {

    private static final Duration SHORTEST_MONTH = Duration.ofDays(28);
    private static final Duration LONGEST_MONTH = Duration.ofDays(31);

    private SeriesInterval() {
    }

    /** The most common gap between consecutive closes as a label; empty for fewer than two closes. */
    static Optional<String> label(List<PricePoint> closes) {
        Map<Duration, Integer> gaps = new HashMap<>();
        for (int i = 1; i < closes.size(); i++) {
            gaps.merge(Duration.between(closes.get(i - 1).time(), closes.get(i).time()), 1, Integer::sum);
        }
        return gaps.entrySet().stream()
                .max(Map.Entry.<Duration, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).map(SeriesInterval::label);
    }

    private static String label(Duration gap) {
        // Months are 28 to 31 days: their most common gap is 31 days, which is no whole number of anything else.
        if (gap.compareTo(SHORTEST_MONTH) >= 0 && gap.compareTo(LONGEST_MONTH) <= 0) {
            return "1mo";
        }
        return gap.toMinutes() >= 1 && gap.equals(Duration.ofMinutes(gap.toMinutes())) ? Rebound.label(gap) : gap.toString();
    }

    /** Whether a signal on {@code signalInterval} is measured in {@code series}'s windows: same label, or unknown. */
    static boolean matches(String signalInterval, Optional<String> seriesInterval) {
        return signalInterval.isEmpty() || seriesInterval.isEmpty() || signalInterval.equals(seriesInterval.get());
    }
}
