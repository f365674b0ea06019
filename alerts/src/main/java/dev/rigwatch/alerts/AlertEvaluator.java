package dev.rigwatch.alerts;

import dev.rigwatch.events.Alert;
import dev.rigwatch.events.alert.Subscription;
import dev.rigwatch.events.alert.Throttle;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 1 of the alerts, per subject (the triggers' partitioning key): evaluates every live subscription whose scope
 * covers the trigger's subject, applies its cooldown and once-per window in event time, and forwards each alert that
 * passes keyed by its subscriber (stage 2 applies the daily cap). What each subscription remembers about each subject
 * lives in a changelogged store under {@code subject|subscriber/id}; entries of subscriptions that no longer cover the
 * subject (removed, expired, re-scoped) are deleted the next time the subject is evaluated.
 *
 * <p>Alert ids are {@code subscriber/id:subject:time}, time being the once-per window's start when the subscription
 * has one, else the trigger's event time: the same trigger always yields the same id, and an id already emitted for a
 * subject is not emitted again (a rebound of the 1-minute and the 1-hour series confirming at the same instant is one
 * alert).
 */
final class AlertEvaluator extends ContextualProcessor<String, Trigger, String, Alert> {

    private static final Logger log = LoggerFactory.getLogger(AlertEvaluator.class);
    /** Separates subject and subscription key in the state store's keys; never in a subscription key. */
    static final String SEPARATOR = "|";

    private final String subscriptionStoreName;
    private final String stateStoreName;
    private final SubjectScopes scopes;
    private final Clock clock;
    private KeyValueStore<String, Subscription> subscriptions;
    private KeyValueStore<String, EvaluationState> states;

    AlertEvaluator(String subscriptionStoreName, String stateStoreName, SubjectScopes scopes, Clock clock) {
        this.subscriptionStoreName = subscriptionStoreName;
        this.stateStoreName = stateStoreName;
        this.scopes = scopes;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        super.init(context);
        subscriptions = context.getStateStore(subscriptionStoreName);
        states = context.getStateStore(stateStoreName);
    }

    @Override
    public void process(Record<String, Trigger> record) {
        Trigger trigger = record.value();
        Set<String> covering = new HashSet<>();
        try (KeyValueIterator<String, Subscription> all = subscriptions.all()) {
            while (all.hasNext()) {
                Subscription subscription = all.next().value;
                if (subscription.activeAt(trigger.eventTime()) && scopes.covers(subscription.scope(), trigger)) {
                    covering.add(subscription.key());
                    if (ConditionRules.listensTo(subscription.condition(), trigger.kind())) {
                        evaluate(subscription, trigger, record);
                    }
                }
            }
        }
        forgetOthers(trigger.subject(), covering);
    }

    private void evaluate(Subscription subscription, Trigger trigger, Record<String, Trigger> record) {
        String stateKey = trigger.subject() + SEPARATOR + subscription.key();
        EvaluationState previous = states.get(stateKey);
        EvaluationState state = previous == null ? EvaluationState.fresh(subscription.condition())
                : previous.forCondition(subscription.condition());
        ConditionRules.Evaluation evaluation = ConditionRules.evaluate(subscription.condition(), trigger, state);
        EvaluationState next = evaluation.next();
        if (evaluation.firedMessage() != null) {
            Instant at = trigger.eventTime();
            Throttle throttle = subscription.throttle();
            // a recovery is never held back (the outage it ends was alerted) and leaves the throttle's state alone
            Instant window = throttle.oncePer() == null || evaluation.recovery() ? null : windowStart(at, throttle);
            String held = evaluation.recovery() ? null : heldBack(throttle, next, at, window);
            if (held == null) {
                next = evaluation.recovery() ? next : next.alerted(at, window);
                Alert alert = new Alert(Alert.VERSION,
                        subscription.key() + ":" + trigger.subject() + ":" + (window == null ? at : window),
                        subscription.condition().ruleName(), subscription.subscriber(), subscription.key(),
                        evaluation.recovery() ? Alert.Severity.INFO : subscription.severity(), trigger.subject(),
                        evaluation.firedMessage(), at, clock.instant(), TriggerFields.of(trigger.event()));
                context().forward(record.withKey(subscription.subscriber()).withValue(alert)
                        .withTimestamp(at.toEpochMilli()));
            } else {
                log.debug("{} fired on {} at {} but {}: no alert", subscription.key(), trigger.subject(), at, held);
            }
        }
        if (!next.equals(previous)) {
            states.put(stateKey, next);
        }
    }

    /** Why an alert at {@code at} is held back, or null when it is not. */
    private static String heldBack(Throttle throttle, EvaluationState state, Instant at, Instant window) {
        Instant last = state.lastAlertAt();
        if (window != null && window.equals(state.lastWindowStart())) {
            return "it already alerted in the window from " + window;
        }
        if (window == null && at.equals(last)) {
            return "it already alerted at that instant";
        }
        if (throttle.cooldown() != null && last != null && at.isBefore(last.plus(throttle.cooldown()))) {
            return "its cooldown since " + last + " runs";
        }
        return null;
    }

    /** The start of the UTC-aligned once-per window (from the epoch) holding {@code at}. */
    static Instant windowStart(Instant at, Throttle throttle) {
        long size = throttle.oncePer().toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), size) * size);
    }

    private void forgetOthers(String subject, Set<String> covering) {
        String prefix = subject + SEPARATOR;
        List<String> stale = new ArrayList<>();
        try (KeyValueIterator<String, EvaluationState> entries = states.prefixScan(prefix, new StringSerializer())) {
            while (entries.hasNext()) {
                KeyValue<String, EvaluationState> entry = entries.next();
                int split = entry.key.lastIndexOf(SEPARATOR);
                if (split == subject.length() && !covering.contains(entry.key.substring(split + 1))) {
                    stale.add(entry.key);
                }
            }
        }
        stale.forEach(states::delete);
    }
}
