package dev.rigwatch.broker.testing;

import dev.rigwatch.broker.KafkaTarget;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.kafka.KafkaClients;
import dev.rigwatch.events.kafka.TopicScan;
import dev.rigwatch.events.kafka.TopicAdmin;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real Kafka cluster for the whole test JVM, with the catalogue topics created: an embedded broker started
 * on first use, or the external cluster named by {@value KafkaClients#BOOTSTRAP_ENV}. Tests share it, so they
 * tell their records apart by key (a unique instrument or subscriber id per test), not by topic.
 */
public final class SharedKafka {

    private static final Logger log = LoggerFactory.getLogger(SharedKafka.class);

    private static final Duration POLL = Duration.ofMillis(100);
    /** How many of the records read a timeout message shows (the latest ones). */
    private static final int SHOWN_IN_FAILURE = 20;

    private static KafkaTarget target;

    private SharedKafka() {
    }

    /** The shared cluster's bootstrap servers; the first call starts it (if embedded) and creates the catalogue. */
    public static synchronized String bootstrapServers() {
        if (target == null) {
            KafkaTarget started = KafkaTarget.resolve(0, null);
            try {
                ensureCatalogue(started.bootstrapServers());
            } catch (RuntimeException e) {
                started.close();
                throw e;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "shared-kafka-shutdown"));
            log.info("Tests use the {}", started);
            target = started;
        }
        return target.bootstrapServers();
    }

    /**
     * Reads {@code topic} of the shared cluster from the beginning until {@code expected} records match, then
     * on to the end of what is already written; see {@link #consume(String, Topic, Predicate, int, Duration)}.
     */
    public static <K, V> List<ConsumerRecord<K, V>> consume(
            Topic<K, V> topic, Predicate<? super ConsumerRecord<K, V>> matching, int expected, Duration timeout) {
        return consume(bootstrapServers(), topic, matching, expected, timeout);
    }

    /**
     * Reads every partition of {@code topic} from the beginning with a fresh consumer (no group, nothing
     * committed), deserializing with the topic's serdes, until {@code expected} records match; then it reads on
     * to the end offsets of that moment, so the result also holds matching records beyond {@code expected} that
     * were already written and a test can assert there are no more than it wanted. Records that other tests
     * wrote undeserializable (poison-record tests) are skipped with a warning and counted in a failure message.
     *
     * @return the matching records, in partition then offset order
     * @throws AssertionError when fewer than {@code expected} matched within {@code timeout}, naming what it
     *                        waited for and listing what it read
     */
    public static <K, V> List<ConsumerRecord<K, V>> consume(String bootstrapServers, Topic<K, V> topic,
            Predicate<? super ConsumerRecord<K, V>> matching, int expected, Duration timeout) {
        Reader<K, V> reader = new Reader<>(topic, matching);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Consumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaClients.consumer(bootstrapServers, null,
                Map.of(CommonClientConfigs.CLIENT_ID_CONFIG, "test-reader-" + topic.name())))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            if (partitions.isEmpty()) {
                throw new AssertionError("topic " + topic.name() + " does not exist on " + bootstrapServers);
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (reader.matches.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(POLL).forEach(reader::accept);
            }
            if (reader.matches.size() < expected) {
                throw new AssertionError("waited " + timeout + " for " + expected + " matching records on "
                        + topic.name() + " but " + reader.seen());
            }
            TopicScan.readToEnd(consumer, partitions, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())),
                    reader::accept);
        }
        return reader.matches.stream()
                .sorted(Comparator.<ConsumerRecord<K, V>>comparingInt(ConsumerRecord::partition)
                        .thenComparingLong(ConsumerRecord::offset))
                .toList();
    }


    private static void ensureCatalogue(String bootstrap) {
        try (Admin admin = Admin.create(KafkaClients.admin(bootstrap))) {
            List<TopicAdmin.Result> mismatched = new TopicAdmin(admin).ensure(Topics.all()).stream()
                    .filter(r -> r.status() == TopicAdmin.Result.Status.MISMATCH)
                    .toList();
            if (!mismatched.isEmpty()) {
                throw new IllegalStateException("the Kafka cluster at " + bootstrap
                        + " has topics that differ from the catalogue: " + mismatched);
            }
        }
    }

    /** Deserializes and filters what a consumer reads, remembering enough to explain a timeout. */
    private static final class Reader<K, V> {
        private final Topic<K, V> topic;
        private final Predicate<? super ConsumerRecord<K, V>> matching;
        private final Deserializer<K> keys;
        private final Deserializer<V> values;
        private final List<ConsumerRecord<K, V>> matches = new ArrayList<>();
        private final Deque<String> latest = new ArrayDeque<>();
        private final List<String> skipped = new ArrayList<>();
        private int read;

        Reader(Topic<K, V> topic, Predicate<? super ConsumerRecord<K, V>> matching) {
            this.topic = topic;
            this.matching = matching;
            this.keys = topic.keySerde().deserializer();
            this.values = topic.valueSerde().deserializer();
        }

        void accept(ConsumerRecord<byte[], byte[]> raw) {
            read++;
            ConsumerRecord<K, V> record;
            try {
                record = new ConsumerRecord<>(raw.topic(), raw.partition(), raw.offset(), raw.timestamp(),
                        raw.timestampType(), raw.serializedKeySize(), raw.serializedValueSize(),
                        keys.deserialize(topic.name(), raw.headers(), raw.key()),
                        values.deserialize(topic.name(), raw.headers(), raw.value()),
                        raw.headers(), raw.leaderEpoch());
            } catch (SerializationException e) {
                String where = raw.topic() + "-" + raw.partition() + "@" + raw.offset();
                log.warn("Skipping undeserializable record {}: {}", where, e.getMessage());
                skipped.add(where);
                return;
            }
            boolean matched = matching.test(record);
            if (matched) {
                matches.add(record);
            }
            latest.addLast((matched ? "MATCH " : "") + record.partition() + "@" + record.offset()
                    + " key=" + record.key() + " value=" + record.value());
            if (latest.size() > SHOWN_IN_FAILURE) {
                latest.removeFirst();
            }
        }

        String seen() {
            return matches.size() + " of the " + read + " records read matched"
                    + (skipped.isEmpty() ? "" : ", " + skipped.size() + " were undeserializable " + skipped)
                    + (latest.isEmpty() ? "" : "; the latest read:\n  " + String.join("\n  ", latest));
        }
    }
}
