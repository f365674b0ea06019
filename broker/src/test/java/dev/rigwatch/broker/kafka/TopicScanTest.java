package dev.rigwatch.broker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigwatch.broker.testing.SharedKafka;
import dev.rigwatch.events.kafka.AdminFutures;
import dev.rigwatch.events.kafka.KafkaAdminException;
import dev.rigwatch.events.kafka.KafkaClients;
import dev.rigwatch.events.kafka.TopicScan;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;

/** The shared readers of events.kafka against the shared broker, each test on topics of its own. */
class TopicScanTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void readToEndPassesEveryRecordOfEveryPartitionInOffsetOrderAndReturns() throws Exception {
        String topic = createTopic(3);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                KafkaClients.producer(SharedKafka.bootstrapServers(), "test-scan-writer"))) {
            for (int i = 0; i < 30; i++) {
                producer.send(new ProducerRecord<>(topic, i % 3, null, bytes("v" + i))).get();
            }
        }
        List<String> read = new ArrayList<>();

        TopicScan.readToEnd(SharedKafka.bootstrapServers(), List.of(topic), Map.of(), WAIT,
                record -> read.add(record.partition() + ":" + new String(record.value(), StandardCharsets.UTF_8)));

        assertThat(read).hasSize(30);
        assertThat(read.stream().filter(r -> r.startsWith("1:")).toList())
                .containsExactly("1:v1", "1:v4", "1:v7", "1:v10", "1:v13", "1:v16", "1:v19", "1:v22", "1:v25", "1:v28");
    }

    @Test
    void anEmptyTopicIsReadAtOnce() {
        String topic = createTopic(2);
        List<Object> read = new ArrayList<>();

        TopicScan.readToEnd(SharedKafka.bootstrapServers(), List.of(topic), Map.of(), WAIT, read::add);

        assertThat(read).isEmpty();
    }

    @Test
    void aTopicThatDoesNotExistIsNamedInTheError() {
        String missing = "scan-missing-" + UUID.randomUUID();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                KafkaClients.consumer(SharedKafka.bootstrapServers(), null, Map.of()))) {
            assertThatThrownBy(() -> TopicScan.partitions(consumer, missing, Duration.ofSeconds(2)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("topic " + missing + " does not exist");
        }
    }

    @Test
    void adminFuturesNameWhatWasAskedAndGiveKafkasCause() {
        try (Admin admin = Admin.create(KafkaClients.admin(SharedKafka.bootstrapServers()))) {
            String missing = "scan-missing-" + UUID.randomUUID();

            assertThatThrownBy(() -> AdminFutures.await(admin.describeTopics(List.of(missing)).allTopicNames(), WAIT,
                    "describe topic " + missing))
                    .isInstanceOf(KafkaAdminException.class)
                    .hasMessageStartingWith("cannot describe topic " + missing + ": ")
                    .hasCauseInstanceOf(UnknownTopicOrPartitionException.class);
            assertThat(AdminFutures.awaitOr(admin.deleteConsumerGroups(List.of("no-such-group-" + UUID.randomUUID()))
                    .all(), WAIT, "delete a group", GroupIdNotFoundException.class, null)).isNull();
            assertThat(AdminFutures.awaitOr(admin.describeTopics(List.of(missing)).allTopicNames(), WAIT,
                    "describe topic " + missing, UnknownTopicOrPartitionException.class, Map.of())).isEmpty();
        }
    }

    private static String createTopic(int partitions) {
        String topic = "scan-" + UUID.randomUUID();
        try (Admin admin = Admin.create(KafkaClients.admin(SharedKafka.bootstrapServers()))) {
            AdminFutures.await(admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all(), WAIT,
                    "create topic " + topic);
        }
        return topic;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
