package dev.rigwatch.ops.backtest.sweep;

import dev.rigwatch.ops.backtest.BacktestFinding;
import java.util.List;
import java.util.Locale;

/**
 * Whether the sweep's rule, with the run's own parameters, gave on one subject exactly the signals the sandbox's
 * topology emitted: every field equal, in the same order. That is what shows the sweep evaluates the production rule.
 *
 * @param subject  the crypto subject
 * @param topology the topology's rebound signals on the swept interval
 * @param sweep    the sweep's, with the run's parameters
 */
public record TopologyCheck(String subject, List<BacktestFinding> topology, List<BacktestFinding> sweep) {

    public TopologyCheck {
        topology = List.copyOf(topology);
        sweep = List.copyOf(sweep);
    }

    public boolean identical() {
        return topology.equals(sweep);
    }

    private static String signals(int count) {
        return count + (count == 1 ? " signal" : " signals");
    }

    /** E.g. {@code coinbase:ETH-USD: the run's parameters give the topology's 9 signals, identical}. */
    public String describe() {
        if (identical()) {
            return String.format(Locale.ROOT, "%s: the run's parameters give the topology's %s, identical", subject,
                    signals(topology.size()));
        }
        int first = 0;
        while (first < Math.min(topology.size(), sweep.size()) && topology.get(first).equals(sweep.get(first))) {
            first++;
        }
        return String.format(Locale.ROOT, "%s: MISMATCH: the topology emitted %s, the sweep's rule gives %d "
                + "with the same parameters; they differ from signal %d on (%s)", subject, signals(topology.size()),
                sweep.size(),
                first + 1, first < topology.size() ? "topology: " + topology.get(first).eventTime()
                        : "sweep: " + sweep.get(first).eventTime());
    }
}
