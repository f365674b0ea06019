package dev.rigwatch.alerts.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code webhooks.*} meters, in one place so the reader and the delivery threads count the same way and
 * {@link WebhookDelivery#stats()} reads them back: counters {@code delivered}, {@code retried},
 * {@code dead_lettered} and {@code skipped} (tag {@code reason}), the timer {@code latency} of each POST (tag
 * {@code outcome}), and the gauges {@code in_flight} and {@code retrying}.
 */
final class WebhookMetrics {

    private final Counter delivered;
    private final Counter retried;
    private final Counter deadLettered;
    private final Counter skippedNoWebhook;
    private final Counter skippedUnsubscribed;
    private final Counter skippedUnreadable;
    private final Map<WebhookClient.Kind, Timer> latency = new EnumMap<>(WebhookClient.Kind.class);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger retrying = new AtomicInteger();

    WebhookMetrics(MeterRegistry meters, String deadLetterTopic) {
        this.delivered = Counter.builder("webhooks.delivered").description("Alerts POSTed and acknowledged with a 2xx")
                .register(meters);
        this.retried = Counter.builder("webhooks.retried").description("Failed attempts that are tried again")
                .register(meters);
        this.deadLettered = Counter.builder("webhooks.dead_lettered")
                .description("Alerts given up on, written to " + deadLetterTopic).register(meters);
        this.skippedNoWebhook = skipped(meters, "no-webhook");
        this.skippedUnsubscribed = skipped(meters, "unsubscribed");
        this.skippedUnreadable = skipped(meters, "unreadable");
        for (WebhookClient.Kind kind : List.of(WebhookClient.Kind.DELIVERED, WebhookClient.Kind.RETRYABLE,
                WebhookClient.Kind.REJECTED)) {
            latency.put(kind, Timer.builder("webhooks.latency").description("Duration of one webhook POST")
                    .tag("outcome", kind.name().toLowerCase(Locale.ROOT)).register(meters));
        }
        meters.gauge("webhooks.in_flight", inFlight);
        meters.gauge("webhooks.retrying", retrying);
    }

    void delivered() {
        delivered.increment();
    }

    void retried() {
        retried.increment();
    }

    void deadLettered() {
        deadLettered.increment();
    }

    /** The alert's subscription has no webhook. */
    void skippedNoWebhook() {
        skippedNoWebhook.increment();
    }

    /** The alert's subscription does not exist (any more). */
    void skippedUnsubscribed() {
        skippedUnsubscribed.increment();
    }

    /** An alert or a subscription record that does not decode. */
    void skippedUnreadable() {
        skippedUnreadable.increment();
    }

    /** One POST that got an answer, or timed out; refused URLs are not POSTed and not timed. */
    void posted(WebhookClient.Kind outcome, long nanos) {
        latency.get(outcome).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Alerts read but not yet delivered, dead-lettered, skipped or abandoned. */
    AtomicInteger inFlight() {
        return inFlight;
    }

    /** Alerts waiting on a timer for their next attempt. */
    AtomicInteger retrying() {
        return retrying;
    }

    WebhookDelivery.Stats stats() {
        return new WebhookDelivery.Stats((long) delivered.count(), (long) retried.count(), (long) deadLettered.count(),
                (long) (skippedNoWebhook.count() + skippedUnsubscribed.count() + skippedUnreadable.count()),
                retrying.get(), inFlight.get());
    }

    private static Counter skipped(MeterRegistry meters, String reason) {
        return Counter.builder("webhooks.skipped").description("Alerts not POSTed").tag("reason", reason).register(meters);
    }
}
