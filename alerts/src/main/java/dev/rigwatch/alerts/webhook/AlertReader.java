package dev.rigwatch.alerts.webhook;

import dev.rigwatch.events.Alert;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.alert.Subscription;
import dev.rigwatch.events.kafka.KafkaClients;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reader thread: alerts in from the group's partitions of {@code alerts}, offsets out. It hands each alert with a
 * webhook to {@link DeliveryAttempts}, skips the others, pauses reading while
 * {@link WebhookSettings#maxInFlight()} alerts are unfinished (until half of them are), and at shutdown waits
 * {@link WebhookSettings#shutdownGrace()} for running attempts before it commits what is done.
 */
final class AlertReader {

    private static final Logger log = LoggerFactory.getLogger(AlertReader.class);

    private static final Duration POLL = Duration.ofMillis(100);
    /** How long the reader waits for subscriptions named by alerts it has just read to be known. */
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_POLL_RECORDS = 500;

    /** A record of {@code alerts}, decoded or not. */
    private record Read(ConsumerRecord<byte[], byte[]> record, Alert alert, SerializationException error) {
        static Read of(Topic<String, Alert> topic, ConsumerRecord<byte[], byte[]> record) {
            try {
                Alert alert = topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
                if (alert == null) {
                    return new Read(record, null, new SerializationException("an alert record without a value"));
                }
                return new Read(record, alert, null);
            } catch (SerializationException e) {
                return new Read(record, null, e);
            }
        }
    }

    private final WebhookSettings settings;
    private final Topic<String, Alert> alerts;
    private final SubscriptionDirectory subscriptions;
    private final DeliveryAttempts attempts;
    private final DeadLetterWriter deadLetters;
    private final WebhookMetrics metrics;
    private final PendingWork work;
    private final DeliveryStatus status;
    private final Consumer<byte[], byte[]> consumer;
    private final AlertOffsets offsets;
    private final Thread thread;
    private boolean paused;

    AlertReader(String bootstrap, WebhookSettings settings, Topic<String, Alert> alerts,
            SubscriptionDirectory subscriptions, DeliveryAttempts attempts, DeadLetterWriter deadLetters,
            WebhookMetrics metrics, PendingWork work, DeliveryStatus status) {
        this.settings = settings;
        this.alerts = alerts;
        this.subscriptions = subscriptions;
        this.attempts = attempts;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.work = work;
        this.status = status;
        this.consumer = new KafkaConsumer<>(KafkaClients.consumer(bootstrap, settings.groupId(), Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.min(MAX_POLL_RECORDS, settings.maxInFlight()),
                ConsumerConfig.CLIENT_ID_CONFIG, settings.groupId() + "-alerts")));
        this.offsets = new AlertOffsets(consumer, settings.commitInterval(), status::started);
        this.thread = new Thread(this::run, "rigwatch-webhook-reader");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** The alerts consumer's Kafka client metrics, for the delivery to bind to its registry. */
    KafkaClientMetrics clientMetrics() {
        return new KafkaClientMetrics(consumer);
    }

    /** Waits for the reader to stop (it was told to by {@link DeliveryStatus#close()}); closes it if it never ran. */
    void stop(Duration timeout) {
        if (thread.isAlive()) {
            try {
                thread.join(timeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else if (!status.startedYet()) {
            consumer.close(Duration.ofSeconds(5)); // never started
        }
    }

    private void run() {
        try {
            consumer.subscribe(List.of(alerts.name()), offsets);
            while (!status.closing() && !status.failed()) {
                offsets.commitIfDue();
                applyBackpressure();
                accept(consumer.poll(POLL));
            }
        } catch (RuntimeException e) {
            status.fail(e);
        } finally {
            try {
                drain();
            } catch (RuntimeException e) {
                log.warn("Committing the finished webhook deliveries at shutdown failed; they are delivered again at the next start", e);
            }
            consumer.close(Duration.ofSeconds(5));
            status.started();
        }
    }

    private void accept(ConsumerRecords<byte[], byte[]> records) {
        if (records.isEmpty()) {
            return;
        }
        List<Read> reads = new ArrayList<>(records.count());
        boolean unknownSubscription = false;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            Read read = Read.of(alerts, record);
            reads.add(read);
            unknownSubscription |= read.alert() != null && read.alert().subscription() != null
                    && subscriptions.get(read.alert().subscription()) == null;
        }
        // the subscription is written before its alerts: an unknown one may just not be read yet
        if (unknownSubscription && !subscriptions.awaitCurrent(CATCH_UP_TIMEOUT)) {
            log.warn("Subscriptions are not read up to date within {}: alerts of subscriptions not yet seen are skipped",
                    CATCH_UP_TIMEOUT);
        }
        for (Read read : reads) {
            ConsumerRecord<byte[], byte[]> record = read.record();
            PartitionProgress partition = offsets.of(record.topic(), record.partition());
            if (read.error() != null) {
                sendUnreadable(partition, record, read.error());
                continue;
            }
            Alert alert = read.alert();
            Subscription subscription = alert.subscription() == null ? null : subscriptions.get(alert.subscription());
            if (subscription == null || subscription.webhook() == null) {
                if (subscription == null && alert.subscription() != null) {
                    metrics.skippedUnsubscribed();
                } else {
                    metrics.skippedNoWebhook();
                }
                partition.skipped(record.offset());
                continue;
            }
            partition.awaiting(record.offset());
            attempts.deliver(new AlertDelivery(alert, WebhookPayload.body(alert), partition, record.offset()));
        }
    }

    /** An alert that does not decode goes, raw, to the stages' dead letter topic with where it came from. */
    private void sendUnreadable(PartitionProgress partition, ConsumerRecord<byte[], byte[]> record, SerializationException error) {
        log.warn("Skipping unreadable alert {}-{}@{}, written to {}", record.topic(), record.partition(), record.offset(),
                deadLetters.unreadableTopic(), error);
        metrics.skippedUnreadable();
        partition.awaiting(record.offset());
        long offset = record.offset();
        deadLetters.unreadable(record, error, () -> partition.finished(offset));
    }

    private void applyBackpressure() {
        int running = metrics.inFlight().get();
        if (!paused && running >= settings.maxInFlight()) {
            paused = true;
            log.debug("{} alerts in flight: pausing {}", running, alerts.name());
        } else if (paused && running <= settings.maxInFlight() / 2) {
            paused = false;
            consumer.resume(consumer.paused());
            log.debug("{} alerts in flight: resuming {}", running, alerts.name());
        }
        if (paused) {
            consumer.pause(consumer.assignment()); // again each time: a rebalance may have added partitions
        }
    }

    /** Stops reading; running attempts get the grace period; what is finished is committed. */
    private void drain() {
        attempts.dropWaitingRetries();
        int running = work.awaitNone(settings.shutdownGrace());
        if (running > 0) {
            log.warn("{} webhook attempts still running after the {} grace: their alerts are delivered again at the next start",
                    running, settings.shutdownGrace());
        }
        offsets.commitAndRelease();
    }
}
