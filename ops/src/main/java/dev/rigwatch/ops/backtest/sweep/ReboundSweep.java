package dev.rigwatch.ops.backtest.sweep;

import dev.rigwatch.events.Candle;
import dev.rigwatch.events.outcome.PricePoint;
import dev.rigwatch.ops.ProgressBar;
import dev.rigwatch.ops.backtest.BacktestFinding;
import dev.rigwatch.ops.backtest.ClosedCandles;
import dev.rigwatch.ops.backtest.outcome.SignalQuality;
import dev.rigwatch.streams.signal.rebound.Rebound;
import dev.rigwatch.streams.signal.rebound.ReboundConfig;
import dev.rigwatch.streams.signal.rebound.ReboundHistory;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * A parameter sweep of the crypto rebound rule after one sandbox pass: each point of the grid evaluates the production
 * rule ({@link ReboundHistory}) on the closed candles the sandbox's topology produced, per subject, and measures what
 * followed its signals ({@link SignalQuality}, the report's seed). The run's own parameters are evaluated too and
 * compared with what the topology emitted ({@link TopologyCheck}).
 */
public final class ReboundSweep {

    /** How often a progress line is printed at most, besides the last. */
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);

    private final SignalQuality quality = SignalQuality.standard(SignalQuality.REPORT_SEED);
    private final LongSupplier nanoTime;

    public ReboundSweep() {
        this(System::nanoTime);
    }

    ReboundSweep(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /**
     * @param interval the crypto series swept ({@code --interval})
     * @param run      the parameters the topology ran with on that series
     * @param candles  the sandbox's closed candles of {@code interval} per subject, in the order the rule read them
     * @param findings the topology's findings (the report's), for the check
     */
    public SweepResult run(SweepGrid grid, Duration interval, ReboundConfig run, Map<String, List<Candle>> candles,
                           List<BacktestFinding> findings, PrintStream progress) {
        String label = Rebound.label(interval);
        Map<String, List<Candle>> subjects = new TreeMap<>(candles);
        Map<String, List<PricePoint>> closes = new TreeMap<>();
        subjects.forEach((subject, list) -> closes.put(subject, ClosedCandles.closes(list)));
        List<SweepPoint> points = new ArrayList<>();
        long total = (long) grid.points().size() * subjects.size();
        long lastLine = nanoTime.getAsLong();
        for (ReboundConfig config : grid.points()) {
            for (Map.Entry<String, List<Candle>> subject : subjects.entrySet()) {
                List<BacktestFinding> signals = signals(subject.getKey(), interval, config, subject.getValue());
                points.add(new SweepPoint(config, subject.getKey(), signals, quality.summarise("rebound",
                        subject.getKey(), label, signals, closes.get(subject.getKey()))));
                long now = nanoTime.getAsLong();
                if (points.size() == total || now - lastLine >= PROGRESS_EVERY.toNanos()) {
                    lastLine = now;
                    progress.printf("sweep %s %d of %d points%s%n", ProgressBar.of(points.size(), total),
                            points.size(), total, subjects.size() > 1 ? " and subjects" : "");
                }
            }
        }
        List<TopologyCheck> checks = new ArrayList<>();
        subjects.forEach((subject, list) -> checks.add(new TopologyCheck(subject, findings.stream()
                .filter(f -> f.type().equals("rebound") && f.subject().equals(subject) && f.interval().equals(label))
                .toList(), signals(subject, interval, run, list))));
        return new SweepResult(interval, run, grid, points, checks);
    }

    private static List<BacktestFinding> signals(String subject, Duration interval, ReboundConfig config,
                                                 List<Candle> candles) {
        return ReboundHistory.signals(subject, interval, config, candles).stream().map(BacktestFinding::of).toList();
    }
}
