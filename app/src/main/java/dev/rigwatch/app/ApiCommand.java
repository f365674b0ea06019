package dev.rigwatch.app;

import dev.rigwatch.api.ApiSettings;
import dev.rigwatch.api.ApiStage;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.metrics.ProcessMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rigwatch api}: the dashboard, its JSON API and /metrics, over a Kafka Streams view of the aggregates. */
@Command(name = "api", mixinStandardHelpOptions = true,
        header = "Serve the dashboard, the read-only JSON API and Prometheus metrics over the aggregates.",
        description = {"Serve the web dashboard at /, the JSON API under /api (see docs/API.md), /health, /ready and /metrics.",
                "Answers come from interactive queries of a Kafka Streams view of the aggregate topics. Run more instances with the same --application-id to share it: each answers for every key, asking the instance that owns it."})
final class ApiCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Mixin
    StateDirOption state;

    @Option(names = "--bind", defaultValue = ApiSettings.DEFAULT_BIND,
            description = "Address to listen on.")
    String bind;

    @Option(names = "--port", defaultValue = "" + ApiSettings.DEFAULT_PORT,
            description = "Port to listen on; 0 picks a free one.")
    int port;

    @Option(names = "--advertised-host", paramLabel = "HOST",
            description = "Host the other API instances reach this one at (default: the bind address, or localhost when it is a wildcard).")
    String advertisedHost;

    @Option(names = "--application-id", defaultValue = ApiSettings.DEFAULT_APPLICATION_ID,
            description = "Kafka Streams application id of the view: instances with the same id share it.")
    String applicationId;

    @Override
    public Integer call() {
        ApiSettings settings = new ApiSettings(bind, port, advertisedHost, applicationId, state.forStage("api"),
                ApiSettings.DEFAULT_PATIENCE);
        PrometheusMeterRegistry meters = ProcessMetrics.prometheus("api");
        try (Shutdown shutdown = Shutdown.onSignal();
             ApiStage api = ApiStage.start(kafka.bootstrapServers, settings, TopicNamespace.PRODUCTION, meters)) {
            System.out.println("rigwatch api: dashboard at " + api.url() + ", metrics at " + api.url() + "metrics, against "
                    + kafka.bootstrapServers + "; Ctrl-C stops it");
            shutdown.await(null);
            System.out.println("stopping the API");
        }
        return 0;
    }
}
