package dev.rigwatch.events.kafka;

import dev.rigwatch.events.Topic;
import dev.rigwatch.events.TopicNamespace;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;

/**
 * One idempotent producer for all of a stage's topics: each send is serialized with its topic's serdes and
 * stamped with the event time, so the record timestamp is always when the event happened. A long-running stage
 * gives it its meter registry, so the producer's own Kafka metrics (sends, errors, buffer, latency) are published.
 */
public final class EventProducer implements AutoCloseable {

    private final Producer<byte[], byte[]> producer;
    /** Null when no registry was given. */
    private final KafkaClientMetrics metrics;
    /** Where every catalogue topic sent to is resolved: production, but for {@link #inNamespace}. */
    private final TopicNamespace ns;

    public EventProducer(String bootstrap, String clientId) {
        this(new KafkaProducer<>(KafkaClients.producer(bootstrap, clientId)));
    }

    /** A producer with this security rather than the process's. */
    public EventProducer(String bootstrap, String clientId, KafkaSecurity security) {
        this(new KafkaProducer<>(KafkaClients.producer(bootstrap, clientId, security)));
    }

    /** A producer whose Kafka client metrics are bound to {@code meters} until it is closed. */
    public EventProducer(String bootstrap, String clientId, MeterRegistry meters) {
        this.producer = new KafkaProducer<>(KafkaClients.producer(bootstrap, clientId));
        this.metrics = new KafkaClientMetrics(producer);
        metrics.bindTo(meters);
        this.ns = TopicNamespace.PRODUCTION;
    }

    EventProducer(Producer<byte[], byte[]> producer) {
        this(producer, TopicNamespace.PRODUCTION);
    }

    private EventProducer(Producer<byte[], byte[]> producer, TopicNamespace ns) {
        this.producer = producer;
        this.metrics = null;
        this.ns = ns;
    }

    /**
     * A producer that sends each catalogue topic it is given to that topic in {@code ns} instead: code written for
     * the production names (ingest's pollers and feeds) then writes into a sandbox, such as a benchmark's
     * namespace, unchanged. Give it catalogue topics only; one already in a namespace would be prefixed again.
     */
    public static EventProducer inNamespace(String bootstrap, String clientId, TopicNamespace ns) {
        return new EventProducer(new KafkaProducer<>(KafkaClients.producer(bootstrap, clientId)), ns);
    }

    public <K, V> Future<RecordMetadata> send(Topic<K, V> catalogueTopic, K key, V value, Instant eventTime,
                                              Callback callback) {
        Topic<K, V> topic = ns.of(catalogueTopic);
        byte[] keyBytes = topic.keySerde().serializer().serialize(topic.name(), key);
        byte[] valueBytes = topic.valueSerde().serializer().serialize(topic.name(), value);
        return producer.send(new ProducerRecord<>(topic.name(), null, eventTime.toEpochMilli(), keyBytes, valueBytes),
                callback);
    }

    /**
     * Sends one copy of the record to each partition of the topic: a marker (such as a poll's coverage) that every
     * consumer of the topic must see after the records sent before it, whichever partition it reads.
     */
    public <K, V> void sendToEveryPartition(Topic<K, V> catalogueTopic, K key, V value, Instant eventTime,
                                            Callback callback) {
        Topic<K, V> topic = ns.of(catalogueTopic);
        byte[] keyBytes = topic.keySerde().serializer().serialize(topic.name(), key);
        byte[] valueBytes = topic.valueSerde().serializer().serialize(topic.name(), value);
        for (PartitionInfo partition : producer.partitionsFor(topic.name())) {
            producer.send(new ProducerRecord<>(topic.name(), partition.partition(), eventTime.toEpochMilli(), keyBytes,
                    valueBytes), callback);
        }
    }

    public void flush() {
        producer.flush();
    }

    /** Flushes every accepted record, then closes. */
    @Override
    public void close() {
        producer.flush();
        producer.close(Duration.ofSeconds(30));
        if (metrics != null) {
            metrics.close();
        }
    }
}
