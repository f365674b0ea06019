package dev.rigwatch.bench;

import dev.rigwatch.bench.BenchResults.RawRates;
import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.kafka.KafkaClients;
import dev.rigwatch.events.kafka.TopicAdmin;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * What the broker does without rigwatch: tick-sized records produced as fast as one producer may, then consumed by
 * one consumer from the start, measured as Kafka's {@code ProducerPerformance} (send loop to the last ack) and
 * {@code ConsumerPerformance} (first poll to the last record) measure them. The records are real ticks' JSON, a few
 * thousand different ones in turn, so compression sees what it sees in production; the clients are the project's
 * ({@link KafkaClients}: idempotent, {@code acks=all}, lz4; {@code read_committed}).
 */
final class RawBaseline {

    private static final int DISTINCT_VALUES = 4096;
    private static final Duration CONSUME_TIMEOUT = Duration.ofMinutes(5);

    private RawBaseline() {
    }

    /** Produces then consumes {@code records} records on a topic of {@code ns} shaped like the ticks topic. */
    static RawRates measure(String bootstrap, TopicNamespace ns, long records) {
        Topic<String, CryptoTick> ticks = ns.of(Topics.CRYPTO_TICKS);
        Topic<String, CryptoTick> topic = new Topic<>(ns.prefix() + "bench.raw", ticks.keySerde(), ticks.valueSerde(),
                ticks.partitions(), ticks.replication(), ticks.cleanupPolicy(), ticks.retention(), "raw baseline");
        try (Admin admin = Admin.create(KafkaClients.admin(bootstrap))) {
            new TopicAdmin(admin).ensure(List.of(topic));
        }
        BenchInput input = new BenchInput(8);
        byte[][] keys = new byte[DISTINCT_VALUES][];
        byte[][] values = new byte[DISTINCT_VALUES][];
        Instant start = Instant.now();
        long valueBytes = 0;
        for (int i = 0; i < DISTINCT_VALUES; i++) {
            CryptoTick tick = input.tick(i % input.instruments(), start.plusSeconds(i));
            keys[i] = tick.key().getBytes(StandardCharsets.UTF_8);
            values[i] = ticks.valueSerde().serializer().serialize(topic.name(), tick);
            valueBytes += values[i].length;
        }
        int recordBytes = (int) (valueBytes / DISTINCT_VALUES);
        double produceSeconds = produce(bootstrap, topic.name(), records, keys, values);
        double consumeSeconds = consume(bootstrap, topic.name(), topic.partitions(), records);
        double mib = (double) records * recordBytes / (1024 * 1024);
        return new RawRates(records, recordBytes, records / produceSeconds, mib / produceSeconds,
                records / consumeSeconds, mib / consumeSeconds);
    }

    private static double produce(String bootstrap, String topic, long records, byte[][] keys, byte[][] values) {
        AtomicReference<Exception> failed = new AtomicReference<>();
        long started = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KafkaClients.producer(bootstrap, "rigwatch-bench-raw"))) {
            long timestamp = System.currentTimeMillis();
            for (long i = 0; i < records && failed.get() == null; i++) {
                int v = (int) (i % DISTINCT_VALUES);
                producer.send(new ProducerRecord<>(topic, null, timestamp, keys[v], values[v]), (metadata, e) -> {
                    if (e != null) {
                        failed.compareAndSet(null, e);
                    }
                });
            }
            producer.flush();
        }
        if (failed.get() != null) {
            throw new IllegalStateException("the raw produce failed: " + failed.get().getMessage(), failed.get());
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private static double consume(String bootstrap, String topic, int partitions, long records) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaClients.consumer(bootstrap, null,
                Map.of(ConsumerConfig.CLIENT_ID_CONFIG, "rigwatch-bench-raw", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000)))) {
            List<TopicPartition> all = java.util.stream.IntStream.range(0, partitions)
                    .mapToObj(p -> new TopicPartition(topic, p)).toList();
            consumer.assign(all);
            consumer.seekToBeginning(all);
            long started = System.nanoTime();
            long deadline = started + CONSUME_TIMEOUT.toNanos();
            long read = 0;
            while (read < records) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the raw consume read " + read + " of " + records + " records in "
                            + CONSUME_TIMEOUT);
                }
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(500));
                read += batch.count();
            }
            return (System.nanoTime() - started) / 1e9;
        }
    }
}
