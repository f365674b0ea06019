package dev.rigwatch.events.alert;

import dev.rigwatch.events.Alert;
import dev.rigwatch.events.Versioned;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One trader's standing alert rule: when {@link #condition()} holds for a subject in {@link #scope()}, an alert for
 * {@link #subscriber()}, throttled by {@link #throttle()}, until {@link #expiresAt()}. Topic
 * {@code alerts.subscriptions} (compacted), key {@link #key()}; a tombstone on that key unsubscribes. Rules files
 * hold the same records and are published to that topic at start.
 *
 * @param id         the subscription's name, unique per subscriber ({@code btc-breakout})
 * @param subscriber who receives the alerts (the key of the {@code alerts} topic)
 * @param condition  what must happen
 * @param scope      which subjects it watches
 * @param severity   the alerts' severity
 * @param throttle   cooldown, once-per-window and daily cap; never null ({@link Throttle#NONE})
 * @param expiresAt  from this event time on the subscription no longer fires; null = never
 * @param webhook    where alerts are also POSTed, or null for the topic only
 * @param createdAt  when it was created or last replaced
 */
public record Subscription(
        int v,
        String id,
        String subscriber,
        Condition condition,
        Scope scope,
        Alert.Severity severity,
        Throttle throttle,
        Instant expiresAt,
        Webhook webhook,
        Instant createdAt) implements Versioned {

    public static final int VERSION = 1;
    /** Ids and subscriber names: letters, digits, {@code . _ -}, so that {@code subscriber/id} is a clear key. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public Subscription {
        requireName(id, "id");
        requireName(subscriber, "subscriber");
        Objects.requireNonNull(condition, "condition");
        scope = scope == null ? Scope.ALL : scope;
        severity = severity == null ? Alert.Severity.WARNING : severity;
        throttle = throttle == null ? Throttle.NONE : throttle;
    }

    /** The Kafka key: {@code subscriber/id}. */
    public String key() {
        return key(subscriber, id);
    }

    public static String key(String subscriber, String id) {
        return subscriber + "/" + id;
    }

    /** Whether it still fires at {@code eventTime}. */
    public boolean activeAt(Instant eventTime) {
        return expiresAt == null || eventTime.isBefore(expiresAt);
    }

    private static void requireName(String value, String what) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be 1-64 letters, digits, '.', '_' or '-', got " + value);
        }
    }
}
