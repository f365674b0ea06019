package dev.rigwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.broker.testing.SharedKafka;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.kafka.AdminFutures;
import dev.rigwatch.events.kafka.EventProducer;
import dev.rigwatch.events.kafka.KafkaClients;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

/** On the shared broker: what Kafka takes is counted as acknowledged, what it refuses as failed and undone. */
class CountedSenderTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");

    @Test
    void acknowledgedRecordsAreCountedAndRefusedOnesCountedAndUndone() throws Exception {
        Topic<String, String> topic = createTopic(1);
        LongAdder acknowledged = new LongAdder();
        LongAdder failed = new LongAdder();
        AtomicInteger undone = new AtomicInteger();
        try (EventProducer producer = new EventProducer(SharedKafka.bootstrapServers(), "test-counted-sender")) {
            CountedSender sender = new CountedSender(producer, "test");
            CountedSender.Accounting accounting = new CountedSender.Accounting(acknowledged, failed,
                    undone::incrementAndGet);

            Future<RecordMetadata> taken = sender.send(topic, "k", "a small value", T0, accounting);
            // beyond the producer's max.request.size (1 MiB): refused before it is queued
            Future<RecordMetadata> refused = sender.send(topic, "k", "x".repeat(2 * 1024 * 1024), T0, accounting);

            assertThat(taken.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).topic()).isEqualTo(topic.name());
            assertThat(refused).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(RecordTooLargeException.class);
        }
        assertThat(acknowledged.sum()).isEqualTo(1);
        assertThat(failed.sum()).isEqualTo(1);
        assertThat(undone).hasValue(1);
    }

    @Test
    void aCopyToEveryPartitionIsCountedOncePerPartition() {
        Topic<String, String> topic = createTopic(3);
        LongAdder acknowledged = new LongAdder();
        LongAdder failed = new LongAdder();
        try (EventProducer producer = new EventProducer(SharedKafka.bootstrapServers(), "test-counted-sender")) {
            new CountedSender(producer, "test").sendToEveryPartition(topic, "marker", "covered", T0,
                    CountedSender.Accounting.counted(acknowledged, failed));
            producer.flush();
        }
        assertThat(acknowledged.sum()).isEqualTo(3);
        assertThat(failed.sum()).isZero();
        assertThat(SharedKafka.consume(topic, r -> true, 3, WAIT)).extracting(r -> r.partition())
                .containsExactly(0, 1, 2);
    }

    private static Topic<String, String> createTopic(int partitions) {
        String name = "counted-sender-" + UUID.randomUUID();
        try (Admin admin = Admin.create(KafkaClients.admin(SharedKafka.bootstrapServers()))) {
            AdminFutures.await(admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all(), WAIT,
                    "create topic " + name);
        }
        return new Topic<>(name, Serdes.String(), Serdes.String(), partitions, (short) 1, "delete", null, "test");
    }
}
