package dev.rigwatch.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigwatch.events.metrics.ProcessMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricsServerTest {

    private final OkHttpClient http = new OkHttpClient();
    private final PrometheusMeterRegistry registry = ProcessMetrics.prometheus("test");

    @AfterEach
    void closeRegistry() {
        registry.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @Test
    void servesTheRegistryInPrometheusTextFormatWithTheProcessTagAndJvmMeters() throws IOException {
        Counter.builder("rigwatch.ticks").tag("exchange", "coinbase").tag("symbol", "BTC-USD").register(registry)
                .increment(3);
        try (MetricsServer server = new MetricsServer(registry, "127.0.0.1", 0).start();
             Response response = get("http://127.0.0.1:" + server.port() + "/metrics")) {
            assertThat(server.port()).isPositive();
            assertThat(server.url()).isEqualTo("http://127.0.0.1:" + server.port() + "/metrics");
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.header("Content-Type")).isEqualTo(MetricsServer.CONTENT_TYPE);
            String body = response.body().string();
            assertThat(body).contains(
                    "rigwatch_ticks_total{exchange=\"coinbase\",process=\"test\",symbol=\"BTC-USD\"} 3.0");
            assertThat(body).contains("jvm_memory_used_bytes{", "jvm_threads_live_threads{", "process_uptime_seconds{",
                    "jvm_classes_loaded_classes{", "system_cpu_count{");
        }
    }

    @Test
    void answersHealthChecks() throws IOException {
        try (MetricsServer server = new MetricsServer(registry, "127.0.0.1", 0).start();
             Response response = get("http://127.0.0.1:" + server.port() + "/health")) {
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.body().string()).isEqualTo("ok");
        }
    }

    @Test
    void aTakenPortFailsNamingTheAddress() {
        try (MetricsServer first = new MetricsServer(registry, "127.0.0.1", 0).start()) {
            MetricsServer second = new MetricsServer(registry, "127.0.0.1", first.port());
            assertThatThrownBy(second::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("cannot serve metrics on 127.0.0.1:" + first.port());
            second.close();
        }
    }

    private Response get(String url) throws IOException {
        return http.newCall(new Request.Builder().url(url).build()).execute();
    }
}
