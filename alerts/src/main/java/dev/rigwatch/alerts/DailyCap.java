package dev.rigwatch.alerts;

import dev.rigwatch.events.Alert;
import dev.rigwatch.events.alert.Subscription;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 2 of the alerts, per subscriber: drops alerts of subscriptions removed or expired since stage 1 fired them,
 * and applies each subscription's {@code maxPerDay} over all its subjects, per UTC day of the alerts' event time. What
 * the cap holds back is counted in the task metric {@code capped-alerts-total} (group {@code stream-alerts-metrics})
 * and logged once per subscription and day, when the cap starts holding back.
 *
 * <p>An alert more than {@value DailyCounts#DAYS_KEPT} days older than the subscription's newest is counted against
 * a day whose count is no longer kept, so the cap no longer holds it back.
 */
final class DailyCap extends ContextualProcessor<String, Alert, String, Alert> {

    private static final Logger log = LoggerFactory.getLogger(DailyCap.class);

    private final String subscriptionStoreName;
    private final String countStoreName;
    private KeyValueStore<String, Subscription> subscriptions;
    private KeyValueStore<String, DailyCounts> counts;
    private Sensor capped;

    DailyCap(String subscriptionStoreName, String countStoreName) {
        this.subscriptionStoreName = subscriptionStoreName;
        this.countStoreName = countStoreName;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        super.init(context);
        subscriptions = context.getStateStore(subscriptionStoreName);
        counts = context.getStateStore(countStoreName);
        capped = context.metrics().addRateTotalSensor("alerts", "daily-cap", "capped-alerts", Sensor.RecordingLevel.INFO);
    }

    @Override
    public void process(Record<String, Alert> record) {
        Alert alert = record.value();
        Subscription subscription = subscriptions.get(alert.subscription());
        if (subscription == null || !subscription.activeAt(alert.eventTime())) {
            log.debug("Alert {} dropped: its subscription was removed or has expired", alert.id());
            return;
        }
        Integer cap = subscription.throttle().maxPerDay();
        if (cap != null) {
            String key = subscription.key();
            DailyCounts kept = counts.get(key);
            DailyCounts before = kept == null ? DailyCounts.none() : kept;
            DailyCounts.Day day = before.on(LocalDate.ofInstant(alert.eventTime(), ZoneOffset.UTC));
            if (day.sent() >= cap) {
                capped.record();
                if (day.suppressed() == 0) {
                    log.info("Subscription {} reached its cap of {} alerts on {}: holding back the rest of that day's",
                            key, cap, day.day());
                }
                counts.put(key, before.with(new DailyCounts.Day(day.day(), day.sent(), day.suppressed() + 1)));
                return;
            }
            counts.put(key, before.with(new DailyCounts.Day(day.day(), day.sent() + 1, day.suppressed())));
        }
        context().forward(record);
    }
}
