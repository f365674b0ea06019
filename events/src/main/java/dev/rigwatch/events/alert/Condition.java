package dev.rigwatch.events.alert;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link Subscription} waits for. JSON and rules files name the kind in a {@code kind} field:
 * {@code signal}, {@code price-cross}, {@code price-move}, {@code tightness-level} or {@code feed-health}.
 *
 * <p>Prices are crypto 1-minute closes ({@code crypto.candles.1m}, subject {@code exchange:SYMBOL}) and GPU hourly
 * median asking prices ({@code gpu.stats.1h}, subject {@code model:<m>} or {@code family:<f>}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Condition.SignalFired.class, name = "signal"),
        @JsonSubTypes.Type(value = Condition.PriceCross.class, name = "price-cross"),
        @JsonSubTypes.Type(value = Condition.PriceMove.class, name = "price-move"),
        @JsonSubTypes.Type(value = Condition.TightnessLevel.class, name = "tightness-level"),
        @JsonSubTypes.Type(value = Condition.FeedHealth.class, name = "feed-health")})
public sealed interface Condition {

    /** The name alerts carry as their rule, e.g. {@code signal:rebound}, {@code price-cross}. */
    String ruleName();

    /** Up or down; {@link #ANY} only for moves. */
    enum Direction { UP, DOWN, ANY }

    /**
     * A signal fires: {@code rebound} (its strength score compared with {@code minStrength}), {@code capitulation}
     * (no strength: {@code minStrength} must be null) or {@code tightness} (fires when the index reaches
     * {@code minStrength}, default {@value #DEFAULT_TIGHT_INDEX}, and re-arms when it falls back 10 points below).
     */
    record SignalFired(String signal, Double minStrength) implements Condition {
        public static final Set<String> SIGNALS = Set.of("rebound", "tightness", "capitulation");
        public static final double DEFAULT_TIGHT_INDEX = 70;

        public SignalFired {
            if (!SIGNALS.contains(signal)) {
                throw new IllegalArgumentException("signal must be one of " + SIGNALS + ", got " + signal);
            }
            if ("capitulation".equals(signal) && minStrength != null) {
                throw new IllegalArgumentException("a capitulation signal has no strength to compare with");
            }
        }

        @Override
        public String ruleName() {
            return "signal:" + signal;
        }
    }

    /**
     * The price crosses {@code level} going {@code direction} (UP or DOWN). It re-arms only once the price is back
     * on the other side by {@code hysteresisPct} percent of the level, so a price flickering around it fires once.
     */
    record PriceCross(Direction direction, BigDecimal level, double hysteresisPct) implements Condition {
        public PriceCross {
            Objects.requireNonNull(level, "level");
            if (direction == null || direction == Direction.ANY) {
                throw new IllegalArgumentException("a crossing goes UP or DOWN, got " + direction);
            }
            if (level.signum() <= 0) {
                throw new IllegalArgumentException("level must be positive, got " + level.toPlainString());
            }
            if (!(hysteresisPct >= 0) || hysteresisPct >= 100) {
                throw new IllegalArgumentException("hysteresisPct must be in [0, 100), got " + hysteresisPct);
            }
        }

        @Override
        public String ruleName() {
            return "price-cross";
        }
    }

    /**
     * The price moved at least {@code pct} percent {@code direction} (UP, DOWN or ANY) within {@code window}:
     * against the lowest (UP) or highest (DOWN) price of the trailing window.
     */
    record PriceMove(Direction direction, double pct, Duration window) implements Condition {
        public PriceMove {
            Objects.requireNonNull(direction, "direction");
            Objects.requireNonNull(window, "window");
            if (!(pct > 0)) {
                throw new IllegalArgumentException("pct must be positive, got " + pct);
            }
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("window must be positive, got " + window);
            }
        }

        @Override
        public String ruleName() {
            return "price-move";
        }
    }

    /**
     * The tightness index crosses {@code level} going UP (tighter) or DOWN (looser), re-armed once it is back
     * {@code hysteresis} index points on the other side.
     */
    record TightnessLevel(Direction direction, double level, double hysteresis) implements Condition {
        public TightnessLevel {
            if (direction == null || direction == Direction.ANY) {
                throw new IllegalArgumentException("a level crossing goes UP or DOWN, got " + direction);
            }
            if (!(level >= 0 && level <= 100)) {
                throw new IllegalArgumentException("level must be in [0, 100], got " + level);
            }
            if (!(hysteresis >= 0)) {
                throw new IllegalArgumentException("hysteresis must not be negative, got " + hysteresis);
            }
        }

        @Override
        public String ruleName() {
            return "tightness-level";
        }
    }

    /**
     * A feed goes unhealthy: an exchange's symbol has had no good tick for {@code silentFor}, or its last
     * {@code failedPolls} polls failed (either, when both are given; any gap ingest reports, when neither), as the
     * gaps on {@code ingest.gaps} (subject {@code exchange:SYMBOL}) tell it. It fires once per outage, and again when
     * good ticks return: a recovery alert, severity {@code info}, never held back by the throttle.
     */
    record FeedHealth(Duration silentFor, Integer failedPolls) implements Condition {
        public FeedHealth {
            if (silentFor != null && (silentFor.isNegative() || silentFor.isZero())) {
                throw new IllegalArgumentException("silentFor must be positive, got " + silentFor);
            }
            if (failedPolls != null && failedPolls < 1) {
                throw new IllegalArgumentException("failedPolls must be at least 1, got " + failedPolls);
            }
        }

        @Override
        public String ruleName() {
            return "feed-health";
        }
    }
}
