package dev.rigwatch.alerts;

import dev.rigwatch.events.Topic;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.alert.Subscription;
import dev.rigwatch.events.kafka.EventProducer;
import dev.rigwatch.events.kafka.TopicScan;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Writes and reads the compacted {@code alerts.subscriptions} topic of a namespace: upserts and tombstones keyed by
 * {@code subscriber/id}, each acknowledged by every in-sync replica before the call returns, and the live
 * subscriptions as of now.
 */
public final class SubscriptionsTopic {

    private static final Duration POLL = Duration.ofMillis(200);

    private final String bootstrapServers;
    private final Topic<String, Subscription> topic;

    public SubscriptionsTopic(String bootstrapServers, TopicNamespace ns) {
        this.bootstrapServers = bootstrapServers;
        this.topic = ns.of(Topics.ALERTS_SUBSCRIPTIONS);
    }

    public String name() {
        return topic.name();
    }

    /**
     * Writes each subscription under its key, stamped with its {@code createdAt} (or {@code now} without one):
     * writing the same subscriptions again changes nothing.
     *
     * @throws IllegalStateException when a write is not acknowledged
     */
    public void publish(Collection<Subscription> subscriptions, Instant now) {
        try (EventProducer producer = new EventProducer(bootstrapServers, "rigwatch-subscriptions")) {
            Map<String, Future<RecordMetadata>> sent = new TreeMap<>();
            for (Subscription subscription : subscriptions) {
                Instant at = subscription.createdAt() == null ? now : subscription.createdAt();
                sent.put(subscription.key(), producer.send(topic, subscription.key(), subscription, at, null));
            }
            for (Map.Entry<String, Future<RecordMetadata>> write : sent.entrySet()) {
                await(write.getKey(), write.getValue());
            }
        }
    }

    /** Writes the tombstone that unsubscribes {@code key} ({@code subscriber/id}). */
    public void remove(String key, Instant now) {
        try (EventProducer producer = new EventProducer(bootstrapServers, "rigwatch-subscriptions")) {
            await(key, producer.send(topic, key, null, now, null));
        }
    }

    /**
     * The topic read from its beginning to the end offsets of when the call started: the live subscriptions by key,
     * and the records that could not be read.
     *
     * @throws IllegalStateException when the end is not reached within {@code timeout}
     */
    public Snapshot read(Duration timeout) {
        Map<String, Subscription> live = new TreeMap<>();
        List<String> unreadable = new ArrayList<>();
        TopicScan.readToEnd(bootstrapServers, List.of(topic.name()),
                Map.of(ConsumerConfig.CLIENT_ID_CONFIG, "rigwatch-subscriptions-reader"), timeout, record -> {
                    String where = record.topic() + "/" + record.partition() + "@" + record.offset();
                    if (record.key() == null) {
                        unreadable.add(where + ": no key");
                        return;
                    }
                    String key = new String(record.key(), StandardCharsets.UTF_8);
                    try {
                        Subscription subscription = topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
                        if (subscription == null) {
                            live.remove(key);
                        } else {
                            live.put(key, subscription);
                        }
                    } catch (SerializationException e) {
                        unreadable.add(where + ": " + unreadable(record.value(), e));
                    }
                });
        return new Snapshot(live, unreadable);
    }

    /**
     * @param live       the subscriptions by key, in key order
     * @param unreadable the records skipped, each as {@code topic/partition@offset: why}
     */
    public record Snapshot(Map<String, Subscription> live, List<String> unreadable) {
    }

    /**
     * Why a subscription record could not be read, without the record's text: a malformed record may still hold
     * webhook secrets.
     */
    static String unreadable(byte[] value, SerializationException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        String reason = String.valueOf(cause.getMessage()).lines().findFirst().orElse("");
        return "not a subscription (" + value.length + " bytes): " + reason;
    }

    private void await(String key, Future<RecordMetadata> write) {
        try {
            write.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not write subscription " + key + " to " + topic.name() + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing subscription " + key, e);
        }
    }
}
