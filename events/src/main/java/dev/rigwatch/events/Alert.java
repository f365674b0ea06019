package dev.rigwatch.events;

import java.time.Instant;
import java.util.Map;

/**
 * An alert for one subscriber. Topic {@code alerts}, key the subscriber id (one partition holds one
 * trader's alerts in order), record timestamp {@link #eventTime()}.
 *
 * @param id          deterministic (rule + subject + triggering event time), so consumers can de-duplicate
 * @param rule        the kind of condition that fired, e.g. {@code signal:rebound}, {@code price-cross}
 * @param subscriber  who the alert is for
 * @param subscription the subscription that fired ({@code subscriber/id}); null in version 1 records
 * @param severity    how loudly to tell
 * @param subject     what it is about: an instrument ({@code coinbase:BTC-USD}) or a GPU model
 * @param message     one human-readable line
 * @param eventTime   event time of the triggering event
 * @param emittedTime when the alert was produced (from the stage's injected clock)
 * @param trigger     the triggering event's fields, values as text (decimals exact, as the exchanges send them)
 */
public record Alert(
        int v,
        String id,
        String rule,
        String subscriber,
        String subscription,
        Severity severity,
        String subject,
        String message,
        Instant eventTime,
        Instant emittedTime,
        Map<String, String> trigger) implements Versioned {

    public static final int VERSION = 2;

    public enum Severity { INFO, WARNING, CRITICAL }
}
