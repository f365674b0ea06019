package dev.rigwatch.alerts;

import dev.rigwatch.events.Topic;
import dev.rigwatch.events.alert.Subscription;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global subscription store equal to the compacted {@code alerts.subscriptions} topic: an upsert replaces
 * the subscription, a tombstone removes it.
 *
 * <p>It reads the values as bytes and decodes them itself, because Kafka Streams cannot skip a record of a global
 * topic that fails to deserialize while it restores the store at start: with a dead-letter topic configured its
 * handler fails on the global thread (a {@code ClassCastException} in Kafka 4.4) and the whole stage goes to ERROR.
 * So a subscription that cannot be read, and one whose key is not its {@code subscriber/id} (its tombstone could never
 * remove it), are logged here with their coordinates and the reason (never the record's text, which may hold webhook
 * secrets), counted in {@code skipped-subscriptions-total} (group
 * {@code stream-alerts-metrics}) and skipped. Global stores have no dead-letter support in Kafka Streams;
 * {@code rigwatch alerts list} shows such records.
 */
final class SubscriptionUpdater implements Processor<String, byte[], Void, Void> {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionUpdater.class);

    private final String storeName;
    private final Topic<String, Subscription> topic;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, Subscription> subscriptions;
    private Sensor skipped;

    SubscriptionUpdater(String storeName, Topic<String, Subscription> topic) {
        this.storeName = storeName;
        this.topic = topic;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        subscriptions = context.getStateStore(storeName);
        skipped = context.metrics().addRateTotalSensor("alerts", "subscriptions", "skipped-subscriptions",
                Sensor.RecordingLevel.INFO);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String key = record.key();
        if (key == null) {
            skip("it has no key (subscriber/id)");
            return;
        }
        Subscription subscription;
        try {
            subscription = topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
        } catch (SerializationException e) {
            skip(SubscriptionsTopic.unreadable(record.value(), e));
            return;
        }
        if (subscription == null) {
            if (subscriptions.delete(key) != null) {
                log.info("Unsubscribed {}", key);
            }
            return;
        }
        if (!key.equals(subscription.key())) {
            skip("subscription " + subscription.key() + " arrived under the key " + key
                    + "; its key must be subscriber/id");
            return;
        }
        subscriptions.put(key, subscription);
        log.info("Subscription {}: {} on {}, {}, {}{}", key, subscription.condition(), subscription.scope(),
                subscription.severity(), subscription.throttle(),
                subscription.expiresAt() == null ? "" : ", until " + subscription.expiresAt());
    }

    private void skip(String why) {
        skipped.record();
        String where = context.recordMetadata().map(m -> m.topic() + "/" + m.partition() + "@" + m.offset())
                .orElse(topic.name());
        log.warn("Skipped the subscription record {}: {}", where, why);
    }
}
