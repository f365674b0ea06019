package dev.rigwatch.app;

import dev.rigwatch.api.metrics.MetricsServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import picocli.CommandLine.Option;

/**
 * Where a long-running stage serves its meters to Prometheus. Each stage has its own default port, so that all of
 * them can run on one host and be scraped side by side; hence one subclass per stage, each declaring
 * {@code --metrics-port} with its default (a picocli default belongs to its annotation). Like every option, the port is also
 * read from {@code RIGWATCH_METRICS_PORT} or {@code RIGWATCH_<COMMAND>_METRICS_PORT} ({@link Settings}).
 */
abstract class MetricsOptions {

    static final String PORT_DESCRIPTION = "Port of the /metrics endpoint Prometheus scrapes; 0 for a free port.";

    @Option(names = "--metrics-bind", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Address the /metrics endpoint listens on: 0.0.0.0 for a Prometheus on another host or container.")
    String bind;

    /** Set by each stage's {@code --metrics-port}. */
    int port;

    int port() {
        return port;
    }

    /** Starts serving {@code registry} and prints where. */
    MetricsServer serve(PrometheusMeterRegistry registry) {
        MetricsServer server = new MetricsServer(registry, bind, port()).start();
        System.out.println("metrics at " + server.url());
        return server;
    }

    static final class Ingest extends MetricsOptions {
        @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "9401", description = PORT_DESCRIPTION)
        void port(int port) {
            this.port = port;
        }
    }

    static final class Streams extends MetricsOptions {
        @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "9402", description = PORT_DESCRIPTION)
        void port(int port) {
            this.port = port;
        }
    }

    static final class Alerts extends MetricsOptions {
        @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "9403", description = PORT_DESCRIPTION)
        void port(int port) {
            this.port = port;
        }
    }

    static final class Webhooks extends MetricsOptions {
        @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "9404", description = PORT_DESCRIPTION)
        void port(int port) {
            this.port = port;
        }
    }
}
