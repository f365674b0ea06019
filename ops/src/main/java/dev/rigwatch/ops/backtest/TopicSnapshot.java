package dev.rigwatch.ops.backtest;

import dev.rigwatch.events.Topic;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.kafka.TopicScan;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything committed on a sandbox topic up to the end offsets seen when reading starts: no consumer group, every
 * partition, read_committed. A record its serde cannot read is logged with its coordinates and counted, never
 * dropped silently: how many is logged too, as the report leaves them out.
 */
final class TopicSnapshot {

    private static final Logger log = LoggerFactory.getLogger(TopicSnapshot.class);
    /** A backtest's results are millions of records at most: minutes to read, never hours. */
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(10);

    private TopicSnapshot() {
    }

    /** Calls {@code onRecord} for every readable record of the sandbox's {@code catalogueTopic}. */
    static <K, V> void read(String bootstrapServers, TopicNamespace sandbox, Topic<K, V> catalogueTopic,
                            BiConsumer<ConsumerRecord<?, ?>, V> onRecord) {
        Topic<K, V> topic = sandbox.of(catalogueTopic);
        long[] unreadable = {0};
        TopicScan.readToEnd(bootstrapServers, List.of(topic.name()), Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000),
                READ_TIMEOUT, record -> {
                    V value;
                    try {
                        value = topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
                    } catch (RuntimeException e) {
                        unreadable[0]++;
                        log.warn("Skipped unreadable record {}-{}@{}: {}", record.topic(), record.partition(),
                                record.offset(), e.getMessage());
                        return;
                    }
                    if (value != null) {
                        onRecord.accept(record, value);
                    }
                });
        if (unreadable[0] > 0) {
            log.warn("{} records of the sandbox's {} could not be read (see the warnings above); the report leaves them out",
                    unreadable[0], catalogueTopic.name());
        }
    }
}
