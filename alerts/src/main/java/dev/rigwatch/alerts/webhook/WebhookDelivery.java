package dev.rigwatch.alerts.webhook;

import dev.rigwatch.events.Alert;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * POSTs alerts to their subscriptions' webhooks from a consumer group of its own on {@code alerts}, at least once and
 * in order per subscriber, so that a slow or failing receiver delays only its own subscriber and a crash loses no
 * alert. It wires together, starts and stops the parts: {@link AlertReader}, {@link DeliveryAttempts} and
 * {@link DeadLetterWriter}. Their Kafka clients' metrics go to the delivery's meter registry with its own.
 */
public final class WebhookDelivery implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    /** Totals since start, for progress lines. */
    public record Stats(long delivered, long retried, long deadLettered, long skipped, int retrying, int inFlight) {
    }

    private final WebhookSettings settings;
    private final Topic<String, Alert> alerts;
    private final DeliveryStatus status = new DeliveryStatus();
    private final WebhookMetrics metrics;
    private final WebhookClient client;
    private final SubscriptionDirectory subscriptions;
    private final DeadLetterWriter deadLetters;
    private final DeliveryAttempts attempts;
    private final AlertReader reader;
    private final List<KafkaClientMetrics> clientMetrics;

    public WebhookDelivery(String bootstrap, WebhookSettings settings, Clock clock, MeterRegistry meters) {
        this.settings = settings;
        this.alerts = settings.topics().of(Topics.ALERTS);
        PendingWork work = new PendingWork();
        this.deadLetters = new DeadLetterWriter(bootstrap, settings, clock, work, status);
        this.metrics = new WebhookMetrics(meters, deadLetters.deadLetterTopic());
        this.client = WebhookClient.of(settings, clock);
        this.subscriptions = new SubscriptionDirectory(bootstrap, settings.topics().of(Topics.ALERTS_SUBSCRIPTIONS),
                settings.groupId() + "-subscriptions", metrics::skippedUnreadable, status::fail);
        this.attempts = new DeliveryAttempts(settings, clock, subscriptions, client, deadLetters, metrics, work, status);
        this.reader = new AlertReader(bootstrap, settings, alerts, subscriptions, attempts, deadLetters, metrics, work,
                status);
        this.clientMetrics = List.of(reader.clientMetrics(), subscriptions.clientMetrics(), deadLetters.clientMetrics());
        clientMetrics.forEach(kafkaMetrics -> kafkaMetrics.bindTo(meters));
    }

    /**
     * Reads the subscriptions, joins the group and returns once this instance has its partitions (and their start
     * offsets), so alerts written from now on are delivered.
     */
    public void start() {
        subscriptions.start(START_TIMEOUT);
        reader.start();
        try {
            if (!status.awaitStarted(START_TIMEOUT)) {
                throw new IllegalStateException("no partitions of " + alerts.name() + " were assigned to group "
                        + settings.groupId() + " within " + START_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting webhook delivery", e);
        }
        Optional<Throwable> failure = status.failure();
        if (failure.isPresent()) {
            throw new IllegalStateException("webhook delivery failed to start: " + failure.get().getMessage(),
                    failure.get());
        }
    }

    public Stats stats() {
        return metrics.stats();
    }

    /** Why delivery stopped by itself (the cluster refused a dead letter or a commit), if it did. */
    public Optional<Throwable> failure() {
        return status.failure();
    }

    /** Stops reading, drops waiting retries, lets running attempts finish within the grace and commits what is done. */
    @Override
    public void close() {
        status.close();
        reader.stop(settings.shutdownGrace().plusSeconds(30));
        attempts.close();
        deadLetters.close();
        subscriptions.close();
        client.close();
        clientMetrics.forEach(KafkaClientMetrics::close);
    }
}
