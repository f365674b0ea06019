package dev.rigwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.api.http.ApiServer;
import dev.rigwatch.api.query.PeerClient;
import dev.rigwatch.api.query.QueryRouter;
import dev.rigwatch.api.stream.EventBuffer;
import dev.rigwatch.api.stream.StreamEndpoint;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

/** While the view application is not running, every data endpoint says 503 with why and when to retry; never empty data. */
class UnavailableStoresTest {

    @Test
    void dataEndpointsAre503WithAReasonAndRetryAfterUntilTheViewRuns() {
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        QueryRouter router = new QueryRouter(() -> null, () -> new HostInfo("127.0.0.1", 1), new PeerClient(Duration.ofSeconds(1)),
                Duration.ofMillis(300));
        try (ApiServer server = new ApiServer("127.0.0.1", 0, router, new StreamEndpoint(new EventBuffer(10, 10, meters), 4), meters).start()) {
            ApiClient client = new ApiClient(server.port());
            for (String path : new String[] {"/api/prices", "/api/candles/coinbase/BTC-USD", "/api/gpu/models",
                    "/api/gpu/models/RTX%203090/stats", "/api/gpu/tightness", "/api/signals", "/api/alerts", "/ready"}) {
                ApiClient.Answer answer = client.get(path);
                assertThat(answer.status()).as(path).isEqualTo(503);
                assertThat(answer.retryAfter()).as(path).isEqualTo("2");
                assertThat(answer.json().path("reason").asText()).as(path).contains("starting");
            }
            assertThat(client.get("/health").status()).isEqualTo(200);
            ApiClient.Answer noAccept = client.get("/api/stream");
            assertThat(noAccept.status()).as("a stream request without Accept: text/event-stream").isEqualTo(406);
            assertThat(noAccept.json().path("message").asText()).contains("Accept: text/event-stream");
            assertThat(client.get("/api/candles/coinbase/BTC-USD?interval=2m").status()).as("bad input is still 400").isEqualTo(400);
        }
    }
}
