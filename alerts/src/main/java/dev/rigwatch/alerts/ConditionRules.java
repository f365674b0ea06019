package dev.rigwatch.alerts;

import dev.rigwatch.alerts.EvaluationState.Point;
import dev.rigwatch.events.MinerCapitulation;
import dev.rigwatch.events.ReboundSignal;
import dev.rigwatch.events.SourceGap;
import dev.rigwatch.events.alert.Condition.Direction;
import dev.rigwatch.events.alert.Condition.FeedHealth;
import dev.rigwatch.events.alert.Condition.PriceCross;
import dev.rigwatch.events.alert.Condition.PriceMove;
import dev.rigwatch.events.alert.Condition.SignalFired;
import dev.rigwatch.events.alert.Condition.TightnessLevel;
import dev.rigwatch.events.alert.Condition;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Each {@link Condition} applied to one trigger, given what its subscription remembers about the subject: whether it
 * fires, and the state to remember next. Pure functions of event time and values, so a replay fires exactly as the
 * live run did.
 *
 * <ul>
 *   <li>Crossings (price-cross, tightness-level, and the tightness signal) fire when the value reaches the level from
 *       the other side ({@code >=} going up, {@code <=} going down). The first value a subscription sees on a subject
 *       only tells which side it is on, so a level already passed never fires. After firing, a crossing re-arms only
 *       once a value is back on the other side by the hysteresis margin: a value flickering around the level fires
 *       once. The tightness signal is armed from the start (reaching the index is the signal) and re-arms
 *       {@value #TIGHTNESS_SIGNAL_REARM_POINTS} points below it.</li>
 *   <li>A move compares each price with the lowest (up) or highest (down) price of the trailing window, boundaries
 *       included. After it fires the window starts again from that price, so one move alerts once, not on every
 *       price that stays up.</li>
 *   <li>Signals fire on every signal event; a rebound only at {@code minStrength} or stronger.</li>
 *   <li>Feed health fires once per outage, on the first report of an open gap that is silent or failing enough, and
 *       once more, as a recovery, when that gap closes; a gap that closes before it was enough alerts nothing.</li>
 * </ul>
 */
final class ConditionRules {

    static final double TIGHTNESS_SIGNAL_REARM_POINTS = 10;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /**
     * The new state, and the alert's message when the condition fired (null when not).
     *
     * @param recovery whether what fired is the end of what an earlier alert reported (a feed back): it is not held
     *                 back by the throttle, and it is information whatever the subscription's severity
     */
    record Evaluation(EvaluationState next, String firedMessage, boolean recovery) {
        Evaluation(EvaluationState next, String firedMessage) {
            this(next, firedMessage, false);
        }
    }

    private ConditionRules() {
    }

    /** Whether {@code condition} is evaluated on triggers of {@code kind} at all. */
    static boolean listensTo(Condition condition, Trigger.Kind kind) {
        if (condition instanceof SignalFired signal) {
            return signal.signal().equals(kind.signalName());
        }
        if (condition instanceof TightnessLevel) {
            return kind == Trigger.Kind.TIGHTNESS;
        }
        if (condition instanceof FeedHealth) {
            return kind == Trigger.Kind.FEED;
        }
        return kind == Trigger.Kind.PRICE; // PriceCross, PriceMove
    }

    /** Applies {@code condition} to {@code trigger}, which it must {@link #listensTo listen to}. */
    static Evaluation evaluate(Condition condition, Trigger trigger, EvaluationState state) {
        if (condition instanceof SignalFired signal) {
            return signal(signal, trigger, state);
        }
        if (condition instanceof PriceCross cross) {
            BigDecimal margin = cross.level().multiply(BigDecimal.valueOf(cross.hysteresisPct())).divide(HUNDRED);
            return crossing(cross.direction(), cross.level(), margin, false, trigger, state,
                    (value) -> trigger.subject() + " crossed " + side(cross.direction()) + " "
                            + AlertMessages.price(trigger.subject(), cross.level()) + " (now " + AlertMessages.price(trigger.subject(), value) + ")");
        }
        if (condition instanceof TightnessLevel level) {
            BigDecimal at = BigDecimal.valueOf(level.level());
            return crossing(level.direction(), at, BigDecimal.valueOf(level.hysteresis()), false, trigger, state,
                    (value) -> trigger.subject() + " supply tightness " + (level.direction() == Direction.UP
                            ? "rose above " : "fell below ") + AlertMessages.number(at)
                            + " (now " + AlertMessages.index(value) + ")");
        }
        if (condition instanceof FeedHealth health) {
            return feedHealth(health, trigger, state);
        }
        return move((PriceMove) condition, trigger, state);
    }

    /** {@code armed} is true while no outage of the subject has been alerted, false from the alert to the recovery. */
    private static Evaluation feedHealth(FeedHealth health, Trigger trigger, EvaluationState state) {
        SourceGap gap = (SourceGap) trigger.event();
        boolean alerted = Boolean.FALSE.equals(state.armed());
        if (gap.status() == SourceGap.Status.CLOSED) {
            return alerted ? new Evaluation(state.crossing(true, null),
                    AlertMessages.feedRecovered(trigger.subject(), gap), true) : new Evaluation(state, null);
        }
        boolean unhealthy = health.silentFor() == null && health.failedPolls() == null
                || health.silentFor() != null && gap.silence() != null && gap.silence().compareTo(health.silentFor()) >= 0
                || health.failedPolls() != null && gap.failedPolls() != null && gap.failedPolls() >= health.failedPolls();
        return !alerted && unhealthy ? new Evaluation(state.crossing(false, null),
                AlertMessages.feedStale(trigger.subject(), gap)) : new Evaluation(state, null);
    }

    private static Evaluation signal(SignalFired signal, Trigger trigger, EvaluationState state) {
        return switch (trigger.kind()) {
            case REBOUND -> new Evaluation(state, signal.minStrength() == null
                    || trigger.strength() >= signal.minStrength()
                    ? AlertMessages.rebound((ReboundSignal) trigger.event()) : null);
            case CAPITULATION -> new Evaluation(state,
                    AlertMessages.capitulation(trigger.subject(), (MinerCapitulation) trigger.event()));
            case TIGHTNESS -> {
                BigDecimal at = BigDecimal.valueOf(signal.minStrength() == null
                        ? SignalFired.DEFAULT_TIGHT_INDEX : signal.minStrength());
                yield crossing(Direction.UP, at, BigDecimal.valueOf(TIGHTNESS_SIGNAL_REARM_POINTS), true, trigger,
                        state, (value) -> trigger.subject() + " supply is tight: index " + AlertMessages.index(value)
                                + " reached " + AlertMessages.number(at));
            }
            case PRICE, FEED -> throw new IllegalArgumentException("a signal condition does not look at " + trigger.kind());
        };
    }

    private interface Message {
        String of(BigDecimal value);
    }

    private static Evaluation crossing(Direction direction, BigDecimal level, BigDecimal margin, boolean armedAtStart,
                                       Trigger trigger, EvaluationState state, Message message) {
        BigDecimal value = trigger.value();
        boolean up = direction == Direction.UP;
        boolean reached = up ? value.compareTo(level) >= 0 : value.compareTo(level) <= 0;
        Boolean armed = state.armed();
        if (armed == null) {
            if (!armedAtStart) {
                return new Evaluation(state.crossing(!reached, value), null);
            }
            armed = true;
        }
        if (armed && reached) {
            return new Evaluation(state.crossing(false, value), message.of(value));
        }
        boolean backByMargin = up
                ? value.compareTo(level) < 0 && value.compareTo(level.subtract(margin)) <= 0
                : value.compareTo(level) > 0 && value.compareTo(level.add(margin)) >= 0;
        return new Evaluation(state.crossing(armed || backByMargin, value), null);
    }

    private static Evaluation move(PriceMove move, Trigger trigger, EvaluationState state) {
        Instant now = trigger.eventTime();
        BigDecimal price = trigger.value();
        Instant oldest = now.minus(move.window());
        List<Point> lows = withinWindow(state.lows(), oldest);
        List<Point> highs = withinWindow(state.highs(), oldest);
        BigDecimal threshold = BigDecimal.valueOf(move.pct());
        BigDecimal rise = lows.isEmpty() ? null : percent(price.subtract(lows.get(0).price()), lows.get(0).price());
        BigDecimal fall = highs.isEmpty() ? null : percent(highs.get(0).price().subtract(price), highs.get(0).price());
        boolean rose = move.direction() != Direction.DOWN && rise != null && rise.compareTo(threshold) >= 0;
        boolean fell = move.direction() != Direction.UP && fall != null && fall.compareTo(threshold) >= 0;
        if (rose || fell) {
            // both at once only in a window wider than the move on either side: report the larger
            boolean up = rose && (!fell || rise.compareTo(fall) >= 0);
            Point from = up ? lows.get(0) : highs.get(0);
            String message = trigger.subject() + (up ? " rose " : " fell ") + AlertMessages.percent(up ? rise : fall)
                    + " within " + AlertMessages.duration(move.window()) + " (from " + AlertMessages.price(trigger.subject(), from.price())
                    + " at " + from.at() + " to " + AlertMessages.price(trigger.subject(), price) + ")";
            Point here = new Point(now, price);
            return new Evaluation(state.window(List.of(here), List.of(here)), message);
        }
        return new Evaluation(state.window(push(lows, now, price, true), push(highs, now, price, false)), null);
    }

    private static List<Point> withinWindow(List<Point> points, Instant oldest) {
        int first = 0;
        while (first < points.size() && points.get(first).at().isBefore(oldest)) {
            first++;
        }
        return points.subList(first, points.size());
    }

    /**
     * The monotonic deque of a sliding-window minimum (or maximum): a new price removes every older one it is at
     * least as low (high) as, since those can never be the window's extreme again. It stays short.
     */
    private static List<Point> push(List<Point> points, Instant at, BigDecimal price, boolean lows) {
        List<Point> kept = new ArrayList<>(points);
        while (!kept.isEmpty()) {
            int c = kept.get(kept.size() - 1).price().compareTo(price);
            if (lows ? c >= 0 : c <= 0) {
                kept.remove(kept.size() - 1);
            } else {
                break;
            }
        }
        kept.add(new Point(at, price));
        return kept;
    }

    /** Null for a base that is not positive: no move is measured from a zero price. */
    private static BigDecimal percent(BigDecimal change, BigDecimal base) {
        return base.signum() <= 0 ? null : change.multiply(HUNDRED).divide(base, MathContext.DECIMAL64);
    }

    private static String side(Direction direction) {
        return direction == Direction.UP ? "above" : "below";
    }
}
