package dev.rigwatch.app;

import dev.rigwatch.events.Topic;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.kafka.KafkaClients;
import dev.rigwatch.events.kafka.TopicScan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Reads whole topics without a consumer group (every partition assigned, from the beginning or the end), for
 * {@code tail} and the demo's progress. Values of catalogue topics are decoded with their serdes; a record that
 * does not decode is returned with the error and its coordinates, never thrown, so one poison record cannot stop
 * a reader.
 */
final class TopicReader implements AutoCloseable {

    enum Start { BEGINNING, END }

    /** One record: its raw form, and either the decoded value or why it could not be decoded. */
    record Entry(ConsumerRecord<byte[], byte[]> raw, Object value, String error) {
        String coordinates() {
            return raw.topic() + "/" + raw.partition() + "@" + raw.offset();
        }
    }

    private final KafkaConsumer<byte[], byte[]> consumer;

    TopicReader(String bootstrap, Collection<String> topics, Start start) {
        consumer = new KafkaConsumer<>(KafkaClients.consumer(bootstrap, null, Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "rigwatch-reader")));
        List<TopicPartition> partitions = new ArrayList<>();
        try {
            for (String topic : topics) {
                partitions.addAll(TopicScan.partitions(consumer, topic, Duration.ofSeconds(30)));
            }
        } catch (IllegalArgumentException e) {
            consumer.close();
            throw e;
        }
        consumer.assign(partitions);
        if (start == Start.BEGINNING) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // resolve "end" now, not at the first poll
        }
    }

    List<Entry> poll(Duration timeout) {
        List<Entry> entries = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
            entries.add(decode(record));
        }
        return entries;
    }

    /** Whether every assigned partition has been read to its current end (its last stable offset). */
    boolean caughtUp() {
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment(), Duration.ofSeconds(5));
        return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }

    private static Entry decode(ConsumerRecord<byte[], byte[]> record) {
        Optional<Topic<?, ?>> topic = Topics.byName(record.topic());
        if (topic.isEmpty()) {
            return new Entry(record, null, null);
        }
        try {
            return new Entry(record, topic.get().valueSerde().deserializer().deserialize(record.topic(), record.value()), null);
        } catch (SerializationException e) {
            return new Entry(record, null, e.getMessage());
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
