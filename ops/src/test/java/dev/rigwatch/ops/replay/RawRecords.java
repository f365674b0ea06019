package dev.rigwatch.ops.replay;

import dev.rigwatch.broker.testing.SharedKafka;
import dev.rigwatch.events.kafka.KafkaClients;
import dev.rigwatch.events.kafka.TopicScan;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/** Records as bytes on the shared broker, compared by everything a replay must keep. */
final class RawRecords {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** One record: its partition, key (null allowed), value, timestamp and headers ({@code name=value}). */
    record Raw(int partition, String key, String value, long timestamp, List<String> headers) {
    }

    private RawRecords() {
    }

    static void write(String topic, List<Raw> records) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                KafkaClients.producer(SharedKafka.bootstrapServers(), "test-replay-source"))) {
            List<Future<?>> sent = new ArrayList<>();
            for (Raw raw : records) {
                List<Header> headers = raw.headers().stream()
                        .map(h -> (Header) new RecordHeader(h.substring(0, h.indexOf('=')),
                                h.substring(h.indexOf('=') + 1).getBytes(StandardCharsets.UTF_8)))
                        .toList();
                sent.add(producer.send(new ProducerRecord<>(topic, raw.partition(), raw.timestamp(),
                        raw.key() == null ? null : raw.key().getBytes(StandardCharsets.UTF_8),
                        raw.value().getBytes(StandardCharsets.UTF_8), headers)));
            }
            for (Future<?> future : sent) {
                future.get();
            }
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError("writing to " + topic + " failed", e);
        }
    }

    /** Every committed record of the topic (read_committed), in partition then offset order. */
    static List<Raw> readAll(String topic) {
        List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
        TopicScan.readToEnd(SharedKafka.bootstrapServers(), List.of(topic),
                Map.of(CommonClientConfigs.CLIENT_ID_CONFIG, "test-replay-reader"), WAIT, read::add);
        return read.stream()
                .sorted(Comparator.<ConsumerRecord<byte[], byte[]>>comparingInt(ConsumerRecord::partition)
                        .thenComparingLong(ConsumerRecord::offset))
                .map(RawRecords::raw)
                .toList();
    }

    /** The end offset of every partition, aborted records and transaction markers included. */
    static long logEnd(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaClients.consumer(
                SharedKafka.bootstrapServers(), null, Map.of("isolation.level", "read_uncommitted")))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, WAIT).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            return consumer.endOffsets(partitions, WAIT).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    static Raw raw(ConsumerRecord<byte[], byte[]> record) {
        List<String> headers = new ArrayList<>();
        record.headers().forEach(h -> headers.add(h.key() + "=" + new String(h.value(), StandardCharsets.UTF_8)));
        return new Raw(record.partition(), record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
                new String(record.value(), StandardCharsets.UTF_8), record.timestamp(), headers);
    }
}
