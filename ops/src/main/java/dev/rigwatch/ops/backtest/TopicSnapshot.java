package dev.rigwatch.ops.backtest;

import dev.rigwatch.events.Topic;
import dev.rigwatch.events.kafka.KafkaClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything committed on a topic up to the end offsets seen when reading starts: no consumer group, every
 * partition, read_committed. A record its serde cannot read is logged with its coordinates and counted, never
 * dropped silently: the backtest reports how many.
 */
final class TopicSnapshot {

    private static final Logger log = LoggerFactory.getLogger(TopicSnapshot.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private TopicSnapshot() {
    }

    /** Calls {@code onRecord} for every readable record; returns how many could not be read. */
    static <K, V> long read(String bootstrapServers, Topic<K, V> topic, BiConsumer<ConsumerRecord<?, ?>, V> onRecord) {
        long unreadable = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaClients.consumer(bootstrapServers, null,
                Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000)))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(topic.name(), p.partition())).collect(Collectors.toCollection(ArrayList::new));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue;
                    }
                    V value;
                    try {
                        value = topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
                    } catch (RuntimeException e) {
                        unreadable++;
                        log.warn("Skipped unreadable record {}-{}@{}: {}", record.topic(), record.partition(),
                                record.offset(), e.getMessage());
                        continue;
                    }
                    if (value != null) {
                        onRecord.accept(record, value);
                    }
                }
            }
        }
        return unreadable;
    }
}
