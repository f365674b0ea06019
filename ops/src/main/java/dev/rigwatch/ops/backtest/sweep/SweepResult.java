package dev.rigwatch.ops.backtest.sweep;

import dev.rigwatch.streams.signal.rebound.ReboundConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A sweep's figures: one {@link SweepPoint} per grid point and subject (points in grid order, subjects by name within
 * a point) and the check of the run's own parameters against the topology, per subject.
 *
 * <p>The best and worst point of a subject are those with the highest and lowest median change
 * {@value #RANKED_AFTER} closes after their signals (a month on daily closes: what a trader holding a rebound
 * lives with), among the points with a signal that far; a tie goes to the earlier point.
 */
public record SweepResult(Duration interval, ReboundConfig run, SweepGrid grid, List<SweepPoint> points,
                          List<TopologyCheck> checks) {

    /** The horizon, in closes, the best and worst point are ranked by. */
    public static final int RANKED_AFTER = 30;

    public SweepResult {
        points = List.copyOf(points);
        checks = List.copyOf(checks);
    }

    /** Whether the run's parameters gave the topology's signals on every subject. */
    public boolean matchesTopology() {
        return checks.stream().allMatch(TopologyCheck::identical);
    }

    public List<SweepPoint> points(String subject) {
        return points.stream().filter(p -> p.subject().equals(subject)).toList();
    }

    public List<String> subjects() {
        return points.stream().map(SweepPoint::subject).distinct().sorted().toList();
    }

    public Optional<SweepPoint> best(String subject) {
        return ranked(subject).reduce((best, p) -> p.medianAfter(RANKED_AFTER).orElseThrow()
                .compareTo(best.medianAfter(RANKED_AFTER).orElseThrow()) > 0 ? p : best);
    }

    public Optional<SweepPoint> worst(String subject) {
        return ranked(subject).reduce((worst, p) -> p.medianAfter(RANKED_AFTER).orElseThrow()
                .compareTo(worst.medianAfter(RANKED_AFTER).orElseThrow()) < 0 ? p : worst);
    }

    /** {@code best}, {@code worst} or empty; a subject with one ranked point has a best only. */
    public String rank(SweepPoint point) {
        if (best(point.subject()).filter(point::equals).isPresent()) {
            return "best";
        }
        return worst(point.subject()).filter(point::equals).isPresent() ? "worst" : "";
    }

    private java.util.stream.Stream<SweepPoint> ranked(String subject) {
        return points(subject).stream().filter(p -> p.medianAfter(RANKED_AFTER).isPresent());
    }

    /** The point with exactly {@code config} on {@code subject}, when the grid has it. */
    public Optional<SweepPoint> point(String subject, ReboundConfig config) {
        return points(subject).stream().filter(p -> p.config().equals(config)).findFirst();
    }

}
