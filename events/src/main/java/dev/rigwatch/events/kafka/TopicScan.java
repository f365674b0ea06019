package dev.rigwatch.events.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads whole topics without a consumer group: every partition assigned, from its beginning to the end offsets it
 * had when the read started (read_committed, so up to the last stable offset). What a snapshot of a compacted topic,
 * a backtest's results or a test's expectations need: a read that ends, and sees everything written before it.
 */
public final class TopicScan {

    private static final Duration POLL = Duration.ofMillis(100);

    private TopicScan() {
    }

    /**
     * Every partition of {@code topic}.
     *
     * @throws IllegalArgumentException when the topic does not exist
     */
    public static List<TopicPartition> partitions(org.apache.kafka.clients.consumer.Consumer<?, ?> consumer,
                                                  String topic, Duration timeout) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalArgumentException("topic " + topic + " does not exist (rigwatch topics create makes the "
                    + "catalogue's topics)");
        }
        return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    /**
     * Reads {@code topics} to their ends with a consumer of its own and passes each record to {@code onRecord}, in
     * offset order within a partition.
     *
     * @param overrides consumer settings beyond {@link KafkaClients#consumer} (a client id, a larger poll)
     * @throws IllegalArgumentException when a topic does not exist
     * @throws IllegalStateException    when the ends are not reached within {@code timeout}
     */
    public static void readToEnd(String bootstrapServers, Collection<String> topics, Map<String, Object> overrides,
                                 Duration timeout, Consumer<ConsumerRecord<byte[], byte[]>> onRecord) {
        Map<String, Object> settings = new HashMap<>(Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
        settings.putAll(overrides);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                KafkaClients.consumer(bootstrapServers, null, settings))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                partitions.addAll(partitions(consumer, topic, timeout));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            readToEnd(consumer, partitions, timeout, onRecord);
        }
    }

    /**
     * Reads the assigned {@code partitions} of {@code consumer} from their positions to the end offsets they have
     * now; records past those ends (written during the read) are not passed on.
     *
     * @throws IllegalStateException when the ends are not reached within {@code timeout}
     */
    public static <K, V> void readToEnd(org.apache.kafka.clients.consumer.Consumer<K, V> consumer,
                                        Collection<TopicPartition> partitions, Duration timeout,
                                        Consumer<ConsumerRecord<K, V>> onRecord) {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!partitions.stream().allMatch(p -> consumer.position(p, timeout) >= end.get(p))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("did not read " + partitions + " to the end offsets " + end
                        + " within " + timeout);
            }
            for (ConsumerRecord<K, V> record : consumer.poll(POLL)) {
                if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                    onRecord.accept(record);
                }
            }
        }
    }
}
