package dev.rigwatch.alerts;

import dev.rigwatch.events.alert.Condition;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What one subscription remembers about one subject, in the evaluator's store (JSON, changelogged).
 *
 * @param condition       the condition the rest was built for: a subscription replaced with another condition starts
 *                        its condition state afresh (keeping its throttle state)
 * @param armed           crossings: whether the next crossing fires; null until the first value has been seen
 * @param lastValue       crossings: the previous value
 * @param lows            moves: the trailing window's candidate lows, oldest first, prices strictly increasing (the
 *                        front is the window's lowest price)
 * @param highs           moves: likewise for the highs, prices strictly decreasing
 * @param lastAlertAt     event time of the last alert for this subject, for the cooldown
 * @param lastWindowStart once-per: start of the window of the last alert
 */
record EvaluationState(
        Condition condition,
        Boolean armed,
        BigDecimal lastValue,
        List<Point> lows,
        List<Point> highs,
        Instant lastAlertAt,
        Instant lastWindowStart) {

    /** A price at an event time. */
    record Point(Instant at, BigDecimal price) {
    }

    EvaluationState {
        lows = lows == null ? List.of() : List.copyOf(lows);
        highs = highs == null ? List.of() : List.copyOf(highs);
    }

    static EvaluationState fresh(Condition condition) {
        return new EvaluationState(condition, null, null, List.of(), List.of(), null, null);
    }

    /** This state if it was built for {@code current}, else a fresh condition state with this throttle state. */
    EvaluationState forCondition(Condition current) {
        return current.equals(condition) ? this
                : new EvaluationState(current, null, null, List.of(), List.of(), lastAlertAt, lastWindowStart);
    }

    EvaluationState crossing(boolean nowArmed, BigDecimal value) {
        return new EvaluationState(condition, nowArmed, value, lows, highs, lastAlertAt, lastWindowStart);
    }

    EvaluationState window(List<Point> newLows, List<Point> newHighs) {
        return new EvaluationState(condition, armed, lastValue, newLows, newHighs, lastAlertAt, lastWindowStart);
    }

    EvaluationState alerted(Instant at, Instant windowStart) {
        return new EvaluationState(condition, armed, lastValue, lows, highs, at, windowStart);
    }
}
