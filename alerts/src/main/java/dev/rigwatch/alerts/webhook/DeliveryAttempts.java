package dev.rigwatch.alerts.webhook;

import dev.rigwatch.events.alert.Subscription;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The attempts of each alert read, on a bounded pool of delivery threads, and what comes of them: delivered,
 * retried after its {@link RetrySchedule} (on a timer, not on a delivery thread), or given up on and dead-lettered.
 * 5xx, 429, timeouts and connection errors are retried until {@link WebhookSettings#maxAttempts()}; other statuses,
 * redirects included, are final. Every alert handed in ends finished (its offset may be committed) or abandoned
 * (delivered again after a restart or by the partition's new owner).
 */
final class DeliveryAttempts implements AutoCloseable {

    private final WebhookSettings settings;
    private final Clock clock;
    private final SubscriptionDirectory subscriptions;
    private final WebhookClient client;
    private final DeadLetterWriter deadLetters;
    private final WebhookMetrics metrics;
    private final PendingWork work;
    private final DeliveryStatus status;
    private final RetrySchedule retries;
    private final FailingWebhooks failing;
    private final ExecutorService pool;
    private final ScheduledExecutorService timers;
    private final SubscriberQueues queues;

    DeliveryAttempts(WebhookSettings settings, Clock clock, SubscriptionDirectory subscriptions, WebhookClient client,
            DeadLetterWriter deadLetters, WebhookMetrics metrics, PendingWork work, DeliveryStatus status) {
        this.settings = settings;
        this.clock = clock;
        this.subscriptions = subscriptions;
        this.client = client;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.work = work;
        this.status = status;
        this.retries = new RetrySchedule(settings.initialBackoff(), settings.maxBackoff());
        this.failing = new FailingWebhooks(deadLetters.deadLetterTopic());
        this.pool = Executors.newFixedThreadPool(settings.concurrency(), threads("rigwatch-webhook-"));
        this.timers = Executors.newSingleThreadScheduledExecutor(threads("rigwatch-webhook-retries-"));
        this.queues = new SubscriberQueues(pool, this::attempt, this::abandon);
    }

    /** Delivers an alert read, after those of its subscriber read before it. */
    void deliver(AlertDelivery delivery) {
        metrics.inFlight().incrementAndGet();
        queues.enqueue(delivery);
    }

    /** At shutdown: retries waiting on their timer are dropped, not committed, so the next start delivers them. */
    void dropWaitingRetries() {
        timers.shutdownNow();
    }

    private void attempt(AlertDelivery delivery) {
        if (status.closing() || delivery.partition.revoked()) {
            abandon(delivery);
            return;
        }
        Subscription subscription = subscriptions.get(delivery.alert.subscription());
        if (subscription == null || subscription.webhook() == null) {
            metrics.skippedUnsubscribed(); // unsubscribed, or the webhook removed, while it waited
            finish(delivery);
            return;
        }
        delivery.webhook = subscription.webhook(); // the latest: a rotated secret or a corrected URL applies now
        work.begin();
        try {
            if (delivery.firstAttempt == null) {
                delivery.firstAttempt = clock.instant();
            }
            long start = System.nanoTime();
            WebhookClient.Attempt attempt = client.post(delivery.alert, delivery.body, delivery.webhook, delivery.attempts + 1);
            delivery.last = attempt;
            if (attempt.kind() != WebhookClient.Kind.REFUSED) {
                delivery.attempts++;
                metrics.posted(attempt.kind(), System.nanoTime() - start);
            }
            switch (attempt.kind()) {
                case DELIVERED -> {
                    metrics.delivered();
                    failing.delivered(delivery.subscription());
                    finish(delivery);
                }
                case RETRYABLE -> {
                    failing.failed(delivery);
                    if (failing.failingFast(delivery.subscription())) {
                        deadLetter(delivery);
                    } else if (delivery.attempts >= settings.maxAttempts()) {
                        failing.exhausted(delivery);
                        deadLetter(delivery);
                    } else {
                        retryLater(delivery);
                    }
                }
                case REJECTED, REFUSED -> {
                    failing.failed(delivery);
                    deadLetter(delivery);
                }
            }
        } catch (RuntimeException e) {
            status.fail(e);
        } finally {
            work.end();
        }
    }

    private void retryLater(AlertDelivery delivery) {
        metrics.retried();
        Duration wait = retries.delay(delivery.attempts, delivery.last.retryAfter());
        AtomicInteger retrying = metrics.retrying();
        retrying.incrementAndGet();
        try {
            timers.schedule(() -> {
                retrying.decrementAndGet();
                queues.submit(delivery);
            }, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            retrying.decrementAndGet();
            abandon(delivery); // closing
        }
    }

    private void deadLetter(AlertDelivery delivery) {
        deadLetters.undeliverable(delivery, () -> {
            metrics.deadLettered();
            finish(delivery);
        });
    }

    private void finish(AlertDelivery delivery) {
        delivery.partition.finished(delivery.offset);
        metrics.inFlight().decrementAndGet();
        queues.done(delivery);
    }

    /** Not finished and not to be committed: after shutdown or a rebalance, it is delivered from Kafka again. */
    private void abandon(AlertDelivery delivery) {
        metrics.inFlight().decrementAndGet();
        queues.done(delivery);
    }

    @Override
    public void close() {
        pool.shutdownNow();
        timers.shutdownNow();
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger number = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
