package dev.rigwatch.api;

import dev.rigwatch.events.lifecycle.StartedParts;
import dev.rigwatch.api.http.ApiServer;
import dev.rigwatch.api.query.PeerClient;
import dev.rigwatch.api.query.QueryRouter;
import dev.rigwatch.api.stream.EventBuffer;
import dev.rigwatch.api.stream.EventFeed;
import dev.rigwatch.api.stream.StreamEndpoint;
import dev.rigwatch.api.view.DashboardViewTopology;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.kafka.StreamsStage;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The API process: the HTTP server first (so its port, possibly picked, is the {@code application.server} the view
 * application advertises), then the view application, then the event stream's feed. Until the view is RUNNING the
 * server answers 503 with the reason; it stops in reverse.
 */
public final class ApiStage implements AutoCloseable {

    private final StartedParts started = new StartedParts("API");
    private ApiServer server;
    private String url;

    private ApiStage() {
    }

    private void boot(String bootstrap, ApiSettings settings, TopicNamespace ns, PrometheusMeterRegistry meters) {
        AtomicReference<KafkaStreams> view = new AtomicReference<>();
        AtomicReference<HostInfo> self = new AtomicReference<>();
        PeerClient peers = new PeerClient(settings.patience());
        started.keep(peers::close);
        QueryRouter router = new QueryRouter(view::get, self::get, peers, settings.patience());
        EventBuffer buffer = new EventBuffer(ApiSettings.KEPT_EVENTS, ApiSettings.CLIENT_QUEUE, meters);
        server = keep(new ApiServer(settings.bind(), settings.port(), router,
                new StreamEndpoint(buffer, ApiSettings.MAX_STREAM_CLIENTS), meters).start());
        self.set(new HostInfo(settings.advertised(), server.port()));
        url = "http://" + settings.advertised() + ":" + server.port() + "/";
        Properties overrides = new Properties();
        overrides.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.get().host() + ":" + self.get().port());
        StreamsStage stage = keep(new StreamsStage(bootstrap, settings.applicationId(), settings.stateDir(),
                ApiSettings.COMMIT_INTERVAL, ns, DashboardViewTopology.build(ns), meters, overrides));
        view.set(stage.kafkaStreams());
        stage.start();
        keep(new EventFeed(bootstrap, ns, buffer, meters)).start();
    }

    /**
     * Starts the server, the view and the feed; if one fails, what started is stopped before the error is thrown.
     *
     * @param meters served at {@code /metrics}; the view's Kafka Streams metrics are bound to it
     */
    public static ApiStage start(String bootstrap, ApiSettings settings, TopicNamespace ns, PrometheusMeterRegistry meters) {
        ApiStage stage = new ApiStage();
        try {
            stage.boot(bootstrap, settings, ns, meters);
            return stage;
        } catch (RuntimeException e) {
            throw stage.started.closeAfter(e);
        }
    }

    private <T extends AutoCloseable> T keep(T part) {
        return started.keep(part);
    }

    /** Where the dashboard is: {@code http://host:port/}. */
    public String url() {
        return url;
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        started.close();
    }
}
