package dev.rigwatch.ops.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigwatch.broker.testing.SharedKafka;
import dev.rigwatch.events.kafka.ApplicationLag;
import dev.rigwatch.events.kafka.ApplicationLag.Look;
import dev.rigwatch.events.kafka.KafkaClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** On the shared broker, with a topic and an application id of its own. */
class ApplicationLagTest {

    @Test
    void anApplicationIsBehindByWhatItHasNotCommittedPastAndByAllOfAPartitionItHasNotCommittedOn() throws Exception {
        String topic = "lag-" + UUID.randomUUID().toString().substring(0, 8);
        String application = "rigwatch-backtest-" + topic;
        try (Admin admin = Admin.create(KafkaClients.admin(SharedKafka.bootstrapServers()))) {
            createWithRecords(admin, topic, 5, 3);

            assertThat(ApplicationLag.of(admin, application, Set.of(topic))).as("no commits yet").isEqualTo(8);

            admin.alterConsumerGroupOffsets(application,
                    Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(2))).all().get();
            assertThat(ApplicationLag.of(admin, application, Set.of(topic))).isEqualTo(3 + 3);

            admin.alterConsumerGroupOffsets(application, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(5),
                    new TopicPartition(topic, 1), new OffsetAndMetadata(3))).all().get();
            assertThat(ApplicationLag.of(admin, application, Set.of(topic))).as("caught up").isZero();
            admin.deleteConsumerGroups(List.of(application)).all().get();
            admin.deleteTopics(List.of(topic)).all().get();
        }
    }

    @Test
    void waitingGivesUpOnlyWhenNothingIsCommittedForTheStallTimeoutAndEndsWhenCaughtUp() throws Exception {
        String topic = "stall-" + UUID.randomUUID().toString().substring(0, 8);
        String application = "rigwatch-backtest-" + topic;
        try (Admin admin = Admin.create(KafkaClients.admin(SharedKafka.bootstrapServers()))) {
            createWithRecords(admin, topic, 4);
            TopicPartition partition = new TopicPartition(topic, 0);
            List<Look> looks = new ArrayList<>();
            Map<String, Set<String>> readBy = Map.of(application, Set.of(topic));

            assertThatThrownBy(() -> ApplicationLag.awaitCaughtUp(admin, readBy, Duration.ofMillis(100),
                    Duration.ofMillis(600), looks::add, () -> false))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("the topologies committed nothing for PT0.6S with 4 records still behind");
            assertThat(looks).as("looked until the stall").hasSizeGreaterThan(2).allMatch(l -> l.behind() == 4);

            // a commit every look, one record at a time: slower than the stall timeout in all, never stalled
            looks.clear();
            ApplicationLag.awaitCaughtUp(admin, readBy, Duration.ofMillis(100), Duration.ofMillis(600), look -> {
                looks.add(look);
                long next = Math.min(4, look.committed() + 1);
                try {
                    admin.alterConsumerGroupOffsets(application, Map.of(partition, new OffsetAndMetadata(next))).all()
                            .get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, () -> false);
            assertThat(looks).extracting(Look::committed).startsWith(0L, 1L, 2L, 3L, 4L);
            assertThat(looks.get(looks.size() - 1).behind()).isZero();
            admin.deleteConsumerGroups(List.of(application)).all().get();
            admin.deleteTopics(List.of(topic)).all().get();
        }
    }

    /** A topic of one partition per count, holding that many records. */
    private static void createWithRecords(Admin admin, String topic, int... recordsPerPartition) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, recordsPerPartition.length, (short) 1))).all().get();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                KafkaClients.producer(SharedKafka.bootstrapServers(), "lag-test"), new StringSerializer(),
                new StringSerializer())) {
            for (int p = 0; p < recordsPerPartition.length; p++) {
                for (int i = 0; i < recordsPerPartition[p]; i++) {
                    producer.send(new ProducerRecord<>(topic, p, "k", "v" + i));
                }
            }
            producer.flush();
        }
    }
}
