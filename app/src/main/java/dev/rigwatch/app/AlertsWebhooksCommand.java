package dev.rigwatch.app;

import dev.rigwatch.alerts.webhook.WebhookDelivery;
import dev.rigwatch.alerts.webhook.WebhookSettings;
import dev.rigwatch.api.metrics.MetricsServer;
import dev.rigwatch.events.metrics.ProcessMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rigwatch alerts webhooks}: POSTs alerts to their subscriptions' webhooks. Its option defaults are
 * {@link WebhookSettings#defaults()}' (a test holds them equal).
 */
@Command(name = "webhooks", mixinStandardHelpOptions = true,
        header = "Deliver alerts to subscribers' webhooks as signed POSTs, with retries and a dead letter.",
        description = {"Deliver alerts to their subscriptions' webhooks: signed JSON POSTs, retried",
                "with backoff on 5xx, 429, timeouts and connection errors; what cannot be",
                "delivered goes to alerts.webhook-dead-letter. At-least-once: receivers",
                "de-duplicate by the Rigwatch-Alert-Id header. Prints a progress line every",
                "--progress interval."})
final class AlertsWebhooksCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--group-id", paramLabel = "ID", defaultValue = WebhookSettings.DEFAULT_GROUP_ID,
            description = "Consumer group on the alerts topic; its committed offsets are the alerts already handled.")
    String groupId;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "3s",
            description = "Connect timeout of one POST.")
    Duration connectTimeout;

    @Option(names = "--read-timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "5s",
            description = "Longest silence while sending a POST or reading its response.")
    Duration readTimeout;

    @Option(names = "--call-timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "5s",
            description = "Longest whole POST, connect to response.")
    Duration callTimeout;

    @Option(names = "--max-attempts", paramLabel = "N", defaultValue = "6",
            description = "POSTs of one alert before it is dead-lettered.")
    int maxAttempts;

    @Option(names = "--initial-backoff", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "1s",
            description = "Pause before the second attempt; doubled for each further one, with jitter.")
    Duration initialBackoff;

    @Option(names = "--max-backoff", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "60s",
            description = "Longest pause between attempts, also the cap on a receiver's Retry-After.")
    Duration maxBackoff;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "8",
            description = "POSTs at once (one subscriber's alerts are always sent one after the other).")
    int concurrency;

    @Option(names = "--max-in-flight", paramLabel = "N", defaultValue = "1000",
            description = "Alerts read but not yet delivered or dead-lettered before reading pauses.")
    int maxInFlight;

    @Option(names = "--allow-private-targets",
            description = "Allow webhooks on loopback, private and link-local addresses, and plain http: for local testing only.")
    boolean allowPrivateTargets;

    @Mixin
    MetricsOptions.Webhooks metrics;

    @Option(names = "--progress", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "10s",
            description = "How often to print a progress line.")
    Duration progress;

    WebhookSettings settings() {
        return WebhookSettings.defaults()
                .withGroupId(groupId)
                .withTimeouts(connectTimeout, readTimeout, callTimeout)
                .withRetries(maxAttempts, initialBackoff, maxBackoff)
                .withConcurrency(concurrency, maxInFlight)
                .withAllowPrivateTargets(allowPrivateTargets);
    }

    @Override
    public Integer call() {
        WebhookSettings settings = settings();
        PrometheusMeterRegistry meters = ProcessMetrics.prometheus("webhooks");
        try (MetricsServer metricsServer = metrics.serve(meters);
             Shutdown shutdown = Shutdown.onSignal()) {
            WebhookDelivery delivery = new WebhookDelivery(kafka.bootstrapServers, settings, Clock.systemUTC(), meters);
            try (delivery) {
                delivery.start();
                System.out.println("webhook delivery (group " + settings.groupId() + ") running against "
                        + kafka.bootstrapServers + (settings.allowPrivateTargets()
                        ? "; PRIVATE TARGETS AND PLAIN HTTP ALLOWED (local testing only)" : "") + "; Ctrl-C stops it");
                while (!shutdown.await(progress)) {
                    System.out.println(progressLine(delivery.stats()));
                    if (delivery.failure().isPresent()) {
                        System.err.println("webhook delivery stopped: " + delivery.failure().get().getMessage()
                                + "; alerts not yet handled are delivered at the next start");
                        return 1;
                    }
                }
                System.out.println("stopping webhook delivery; letting running attempts finish");
            }
            System.out.println(progressLine(delivery.stats()));
        } finally {
            meters.close();
        }
        return 0;
    }

    static String progressLine(WebhookDelivery.Stats stats) {
        return "webhooks: " + stats.delivered() + " delivered, " + stats.retrying() + " retrying (" + stats.retried()
                + " retries), " + stats.deadLettered() + " dead-lettered, " + stats.skipped() + " skipped, "
                + stats.inFlight() + " in flight";
    }
}
