package dev.rigwatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.broker.testing.SharedKafka;
import dev.rigwatch.events.Alert;
import dev.rigwatch.events.ReboundSignal;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.alert.Condition;
import dev.rigwatch.events.alert.Scope;
import dev.rigwatch.events.alert.Subscription;
import dev.rigwatch.events.alert.Throttle;
import dev.rigwatch.events.kafka.EventProducer;
import dev.rigwatch.events.kafka.KafkaClients;
import dev.rigwatch.events.kafka.StreamsStage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alerts stage on a real broker: subscriptions written while it runs take effect; a poison one does not stop it. */
class AlertsStageTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path stateDir;

    @Test
    void aSubscriptionWrittenWhileTheStageRunsAlertsOnTheNextSignalsAndAnUnreadableOneIsSkipped() throws Exception {
        String bootstrap = SharedKafka.bootstrapServers();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String subject = "test-" + run + ":BTC-USD";
        String poisonKey = "poison-" + run + "/x";
        SubscriptionsTopic topic = new SubscriptionsTopic(bootstrap, TopicNamespace.PRODUCTION);
        Subscription subscription = new Subscription(Subscription.VERSION, "rebounds", "stage-" + run,
                new Condition.SignalFired("rebound", null), Scope.parse("exchange:test-" + run), Alert.Severity.CRITICAL,
                Throttle.NONE, null, null, Instant.now());
        // already on the topic when the stage starts: restoring the global store must skip it
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KafkaClients.producer(bootstrap, "poison-" + run))) {
            producer.send(new ProducerRecord<>(Topics.ALERTS_SUBSCRIPTIONS.name(), poisonKey.getBytes(StandardCharsets.UTF_8),
                    "{not a subscription".getBytes(StandardCharsets.UTF_8))).get();
        }

        AlertsSettings settings = new AlertsSettings("alerts-stage-test-" + run, stateDir, Duration.ofMillis(100));
        try (StreamsStage stage = AlertTopology.stage(bootstrap, settings, Clock.systemUTC(), new SimpleMeterRegistry());
             KafkaConsumer<byte[], byte[]> alerts = alertsFromNow(bootstrap);
             EventProducer signals = new EventProducer(bootstrap, "signals-" + run)) {
            stage.start();
            topic.publish(List.of(subscription), Instant.now());

            // the subscription reaches the global store asynchronously: signal once a second until an alert comes
            Instant base = Instant.now().truncatedTo(ChronoUnit.MINUTES);
            List<ConsumerRecord<String, Alert>> received = new ArrayList<>();
            List<Instant> sent = new ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (received.isEmpty() && System.nanoTime() < deadline) {
                Instant at = base.plus(Duration.ofMinutes(sent.size()));
                signals.send(Topics.SIGNALS_REBOUND, subject,
                        AlertsDriver.reboundSignal(subject, Duration.ofMinutes(1), at, 0.7), at, null);
                signals.flush();
                sent.add(at);
                received.addAll(poll(alerts, "stage-" + run, Duration.ofSeconds(1)));
            }

            assertThat(received).as("an alert for stage-%s within %s after signals at %s", run, WAIT, sent).isNotEmpty();
            ConsumerRecord<String, Alert> first = received.get(0);
            Alert alert = first.value();
            assertThat(sent).contains(alert.eventTime());
            assertThat(first.timestamp()).isEqualTo(alert.eventTime().toEpochMilli());
            assertThat(alert.id()).isEqualTo("stage-" + run + "/rebounds:" + subject + ":" + alert.eventTime());
            assertThat(alert.subscription()).isEqualTo("stage-" + run + "/rebounds");
            assertThat(alert.severity()).isEqualTo(Alert.Severity.CRITICAL);
            assertThat(alert.rule()).isEqualTo("signal:rebound");
            assertThat(stage.state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(topic.read(WAIT).unreadable())
                    .anyMatch(line -> line.endsWith("not a subscription (19 bytes): Unexpected character ('n' (code 110)):"
                            + " was expecting double-quote to start field name"));
        } finally {
            topic.remove(subscription.key(), Instant.now());
            topic.remove(poisonKey, Instant.now());
        }
    }

    private static KafkaConsumer<byte[], byte[]> alertsFromNow(String bootstrap) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaClients.consumer(bootstrap, null,
                Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)));
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.ALERTS.name(), WAIT).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    private static List<ConsumerRecord<String, Alert>> poll(KafkaConsumer<byte[], byte[]> consumer, String subscriber,
                                                            Duration timeout) {
        List<ConsumerRecord<String, Alert>> matching = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> raw : consumer.poll(timeout)) {
            String key = new String(raw.key(), StandardCharsets.UTF_8);
            if (key.equals(subscriber)) {
                matching.add(new ConsumerRecord<>(raw.topic(), raw.partition(), raw.offset(), raw.timestamp(),
                        raw.timestampType(), raw.serializedKeySize(), raw.serializedValueSize(), key,
                        Topics.ALERTS.valueSerde().deserializer().deserialize(raw.topic(), raw.value()),
                        raw.headers(), raw.leaderEpoch()));
            }
        }
        return matching;
    }
}
