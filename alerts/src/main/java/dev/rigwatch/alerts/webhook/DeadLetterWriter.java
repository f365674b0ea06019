package dev.rigwatch.alerts.webhook;

import dev.rigwatch.events.Topic;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.alert.WebhookFailure;
import dev.rigwatch.events.kafka.KafkaClients;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Writes what cannot be delivered: an alert given up on, with its last error, to
 * {@code alerts.webhook-dead-letter}, and an alert record that does not decode, raw, to the stages' dead letter
 * topic. Its alert counts as finished only once the dead letter is stored; if it cannot be, delivery stops and the
 * alert stays uncommitted, so a restart handles it again rather than losing it.
 */
final class DeadLetterWriter implements AutoCloseable {

    private final Topic<String, WebhookFailure> deadLetters;
    private final Topic<byte[], byte[]> unreadable;
    private final Producer<byte[], byte[]> producer;
    private final Clock clock;
    private final PendingWork work;
    private final DeliveryStatus status;

    DeadLetterWriter(String bootstrap, WebhookSettings settings, Clock clock, PendingWork work, DeliveryStatus status) {
        this.deadLetters = settings.topics().of(Topics.ALERTS_WEBHOOK_DEAD_LETTER);
        this.unreadable = settings.topics().of(Topics.STREAMS_DEAD_LETTER);
        this.clock = clock;
        this.work = work;
        this.status = status;
        this.producer = new KafkaProducer<>(KafkaClients.producer(bootstrap, settings.groupId() + "-dead-letters"));
    }

    /** Writes the {@link WebhookFailure} of a delivery given up on; runs {@code then} once it is stored. */
    void undeliverable(AlertDelivery delivery, Runnable then) {
        WebhookClient.Attempt last = delivery.last;
        WebhookFailure failure = new WebhookFailure(WebhookFailure.VERSION, delivery.alert, delivery.subscription(),
                delivery.webhook.url(), delivery.attempts, last.status(), last.error(),
                last.kind() == WebhookClient.Kind.RETRYABLE, delivery.firstAttempt, clock.instant());
        byte[] key = deadLetters.keySerde().serializer().serialize(deadLetters.name(), delivery.subscriber());
        byte[] value = deadLetters.valueSerde().serializer().serialize(deadLetters.name(), failure);
        send(new ProducerRecord<>(deadLetters.name(), null, failure.failedAt().toEpochMilli(), key, value), then,
                "the dead letter of alert " + delivery.alert.id());
    }

    /** Writes an alert record that does not decode, with where it came from; runs {@code then} once it is stored. */
    void unreadable(ConsumerRecord<byte[], byte[]> record, SerializationException error, Runnable then) {
        ProducerRecord<byte[], byte[]> dead = new ProducerRecord<>(unreadable.name(), null, record.timestamp(),
                record.key(), record.value());
        // the header names Kafka Streams gives its dead letters, so one tool reads both
        dead.headers().add("__streams.errors.topic", record.topic().getBytes(StandardCharsets.UTF_8));
        dead.headers().add("__streams.errors.partition", Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
        dead.headers().add("__streams.errors.offset", Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        dead.headers().add("__streams.errors.exception", error.getClass().getName().getBytes(StandardCharsets.UTF_8));
        dead.headers().add("__streams.errors.message", String.valueOf(error.getMessage()).getBytes(StandardCharsets.UTF_8));
        send(dead, then, "the unreadable alert " + record.topic() + "-" + record.partition() + "@" + record.offset());
    }

    /** The dead-letter producer's Kafka client metrics, for the delivery to bind to its registry. */
    KafkaClientMetrics clientMetrics() {
        return new KafkaClientMetrics(producer);
    }

    String deadLetterTopic() {
        return deadLetters.name();
    }

    String unreadableTopic() {
        return unreadable.name();
    }

    private void send(ProducerRecord<byte[], byte[]> record, Runnable then, String what) {
        work.begin();
        Callback callback = (metadata, e) -> {
            try {
                if (e != null) {
                    status.fail(new IllegalStateException("could not write " + what + " to " + record.topic(), e));
                } else {
                    then.run();
                }
            } finally {
                work.end();
            }
        };
        try {
            producer.send(record, callback);
        } catch (RuntimeException e) {
            callback.onCompletion(null, e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
