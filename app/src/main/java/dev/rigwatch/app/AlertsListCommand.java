package dev.rigwatch.app;

import dev.rigwatch.alerts.SubscriptionsTopic;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.alert.Condition;
import dev.rigwatch.events.alert.Subscription;
import dev.rigwatch.events.alert.Throttle;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rigwatch alerts list}: the live subscriptions, one line each; webhook secrets are never shown. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the live subscriptions (alerts.subscriptions read to its end), expired ones marked.")
final class AlertsListCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--subscriber", paramLabel = "NAME", description = "Only this subscriber's subscriptions.")
    String subscriber;

    @Override
    public Integer call() {
        SubscriptionsTopic.Snapshot snapshot = new SubscriptionsTopic(kafka.bootstrapServers, TopicNamespace.PRODUCTION)
                .read(Duration.ofSeconds(30));
        Instant now = Instant.now();
        int shown = 0;
        for (Subscription subscription : snapshot.live().values()) {
            if (subscriber == null || subscriber.equals(subscription.subscriber())) {
                System.out.println(describe(subscription, now));
                shown++;
            }
        }
        if (shown == 0) {
            System.out.println(subscriber == null ? "no subscriptions" : "no subscriptions of " + subscriber);
        }
        snapshot.unreadable().forEach(line -> System.err.println("unreadable subscription record " + line));
        return 0;
    }

    /** {@code alice/btc-100k  price crosses above 100000 ...  on symbol:BTC-USD  WARNING  cooldown 30m}. */
    static String describe(Subscription subscription, Instant now) {
        List<String> parts = new ArrayList<>();
        parts.add(subscription.key());
        parts.add(describe(subscription.condition()));
        parts.add("on " + subscription.scope());
        parts.add(subscription.severity().name());
        Throttle throttle = subscription.throttle();
        if (throttle.cooldown() != null) {
            parts.add("cooldown " + duration(throttle.cooldown()));
        }
        if (throttle.oncePer() != null) {
            parts.add("once per " + duration(throttle.oncePer()));
        }
        if (throttle.maxPerDay() != null) {
            parts.add("at most " + throttle.maxPerDay() + " a day");
        }
        if (subscription.expiresAt() != null) {
            parts.add((subscription.activeAt(now) ? "until " : "EXPIRED since ") + subscription.expiresAt());
        }
        if (subscription.webhook() != null) {
            parts.add("webhook " + subscription.webhook().url() + " (" + subscription.webhook().secrets().size()
                    + " secret(s), hidden)");
        }
        return String.join("  ", parts);
    }

    private static String describe(Condition condition) {
        if (condition instanceof Condition.SignalFired signal) {
            String strength = switch (signal.signal()) {
                case "rebound" -> signal.minStrength() == null ? "" : " of strength " + signal.minStrength() + "+";
                case "tightness" -> " at index " + (signal.minStrength() == null
                        ? Condition.SignalFired.DEFAULT_TIGHT_INDEX : signal.minStrength()) + "+";
                default -> "";
            };
            return "signal " + signal.signal() + strength;
        }
        if (condition instanceof Condition.PriceCross cross) {
            return "price crosses " + side(cross.direction()) + " " + plain(cross.level())
                    + (cross.hysteresisPct() == 0 ? "" : " (re-armed " + cross.hysteresisPct() + "% back)");
        }
        if (condition instanceof Condition.PriceMove move) {
            return "price moves " + move.pct() + "% " + move.direction().name().toLowerCase(Locale.ROOT)
                    + " within " + duration(move.window());
        }
        if (condition instanceof Condition.FeedHealth health) {
            List<String> when = new ArrayList<>();
            if (health.silentFor() != null) {
                when.add("no good tick for " + duration(health.silentFor()));
            }
            if (health.failedPolls() != null) {
                when.add(health.failedPolls() + " failed polls in a row");
            }
            return "feed unhealthy" + (when.isEmpty() ? " (any gap)" : ": " + String.join(" or ", when))
                    + ", and recovered";
        }
        Condition.TightnessLevel level = (Condition.TightnessLevel) condition;
        return "tightness crosses " + side(level.direction()) + " " + level.level()
                + (level.hysteresis() == 0 ? "" : " (re-armed " + level.hysteresis() + " points back)");
    }

    private static String side(Condition.Direction direction) {
        return direction == Condition.Direction.UP ? "above" : "below";
    }

    private static String plain(BigDecimal value) {
        return value.toPlainString();
    }

    private static String duration(Duration duration) {
        return duration.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
