package dev.rigwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.alerts.webhook.WebhookDelivery;
import dev.rigwatch.alerts.webhook.WebhookSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class AlertsWebhooksCommandTest {

    @Test
    void optionDefaultsAreTheSettingsDefaults() {
        AlertsWebhooksCommand command = new AlertsWebhooksCommand();
        new CommandLine(command).setDefaultValueProvider(new Settings(Map.of(), null)).parseArgs();

        assertThat(command.settings()).isEqualTo(WebhookSettings.defaults());
    }

    @Test
    void flagsSetTheSettings() {
        AlertsWebhooksCommand command = new AlertsWebhooksCommand();
        new CommandLine(command).setDefaultValueProvider(new Settings(Map.of(), null)).parseArgs(
                "--group-id", "desk-hooks", "--connect-timeout", "1s", "--read-timeout", "2s", "--call-timeout", "3s",
                "--max-attempts", "3", "--initial-backoff", "200ms", "--max-backoff", "30s", "--concurrency", "2",
                "--max-in-flight", "50", "--allow-private-targets");

        assertThat(command.settings()).isEqualTo(WebhookSettings.defaults()
                .withGroupId("desk-hooks")
                .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3))
                .withRetries(3, Duration.ofMillis(200), Duration.ofSeconds(30))
                .withConcurrency(2, 50)
                .withAllowPrivateTargets(true));
    }

    @Test
    void envVarsSetTheSettingsLikeEveryOtherOption() {
        AlertsWebhooksCommand command = new AlertsWebhooksCommand();
        new CommandLine(command).setDefaultValueProvider(new Settings(Map.of(
                "RIGWATCH_MAX_ATTEMPTS", "2", "RIGWATCH_INITIAL_BACKOFF", "250ms",
                "RIGWATCH_ALLOW_PRIVATE_TARGETS", "true"), null)).parseArgs();

        assertThat(command.settings().maxAttempts()).isEqualTo(2);
        assertThat(command.settings().initialBackoff()).isEqualTo(Duration.ofMillis(250));
        assertThat(command.settings().allowPrivateTargets()).isTrue();
    }

    @Test
    void progressLineShowsDeliveredRetryingAndDeadLettered() {
        assertThat(AlertsWebhooksCommand.progressLine(new WebhookDelivery.Stats(120, 7, 2, 31, 3, 5)))
                .isEqualTo("webhooks: 120 delivered, 3 retrying (7 retries), 2 dead-lettered, 31 skipped, 5 in flight");
    }
}
