package dev.rigwatch.app;

import dev.rigwatch.alerts.AlertTopology;
import dev.rigwatch.api.metrics.MetricsServer;
import dev.rigwatch.events.metrics.ProcessMetrics;
import dev.rigwatch.alerts.AlertsSettings;
import dev.rigwatch.alerts.RulesFile;
import dev.rigwatch.alerts.SubscriptionsTopic;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.alert.Subscription;
import dev.rigwatch.events.kafka.StreamsStage;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rigwatch alerts}: publishes the rules file's subscriptions, then runs the alerting stage alone;
 * {@code subscribe}, {@code unsubscribe} and {@code list} manage subscriptions, {@code tail} reads the alerts.
 */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        header = "Run the alerts stage: turn prices and signals into alerts for the subscriptions.",
        description = {"Run the alerts stage: evaluate the subscriptions on prices and signals and write alerts, exactly-once.",
                "At start it publishes the subscriptions of the rules file (by default the bundled rules: subscriber `all`"
                        + " gets every rebound signal); `subscribe` and `unsubscribe` change them while it runs."},
        subcommands = {AlertsTailCommand.class, AlertsSubscribeCommand.class, AlertsUnsubscribeCommand.class,
                AlertsListCommand.class, AlertsWebhooksCommand.class})
final class AlertsCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--application-id", defaultValue = AlertsSettings.DEFAULT_APPLICATION_ID,
            description = "Kafka Streams application id.")
    String applicationId;

    @Option(names = "--rules", paramLabel = "FILE",
            description = "Rules file (.yaml, .yml or .json) whose subscriptions are published at start"
                    + " (default: the bundled rules; see alerts/examples/rules.yaml).")
    Path rules;

    @Mixin
    StateDirOption state;

    @Mixin
    MetricsOptions.Alerts metrics;

    @Mixin
    InstanceOptions instance;

    @Override
    public Integer call() {
        AlertsSettings settings = new AlertsSettings(applicationId, state.forStage("alerts"),
                AlertsSettings.DEFAULT_COMMIT_INTERVAL);
        Clock clock = Clock.systemUTC();
        List<Subscription> subscriptions = rules == null ? RulesFile.bundledDefaults() : RulesFile.load(rules);
        SubscriptionsTopic topic = new SubscriptionsTopic(kafka.bootstrapServers, TopicNamespace.PRODUCTION);
        // before the stage starts, so that its first events already meet them
        topic.publish(subscriptions, clock.instant());
        System.out.println("published " + subscriptions.size() + " subscription(s) from "
                + (rules == null ? "the bundled rules" : rules) + " to " + topic.name());
        PrometheusMeterRegistry meters = ProcessMetrics.prometheus("alerts");
        try (MetricsServer metricsServer = metrics.serve(meters);
             Shutdown shutdown = Shutdown.onSignal();
             StreamsStage stage = AlertTopology.stage(kafka.bootstrapServers, settings,
                     TopicNamespace.PRODUCTION, clock, meters, instance.properties())) {
            stage.start();
            System.out.println("alerts stage " + settings.applicationId() + " running against " + kafka.bootstrapServers
                    + "; `rigwatch alerts tail` shows alerts; Ctrl-C stops it");
            shutdown.await(null);
            System.out.println("stopping the alerts stage");
        } finally {
            meters.close();
        }
        return 0;
    }
}
