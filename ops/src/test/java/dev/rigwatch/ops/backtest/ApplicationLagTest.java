package dev.rigwatch.ops.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.broker.testing.SharedKafka;
import dev.rigwatch.events.kafka.ApplicationLag;
import dev.rigwatch.events.kafka.KafkaClients;
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
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                    KafkaClients.producer(SharedKafka.bootstrapServers(), "lag-test"), new StringSerializer(),
                    new StringSerializer())) {
                for (int i = 0; i < 8; i++) {
                    producer.send(new ProducerRecord<>(topic, i < 5 ? 0 : 1, "k", "v" + i));
                }
                producer.flush();
            }

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
}
