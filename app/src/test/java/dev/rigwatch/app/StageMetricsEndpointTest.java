package dev.rigwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.api.metrics.MetricsServer;
import dev.rigwatch.broker.testing.SharedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stage commands, each in a JVM of its own as an operator runs them, serve their meters where they say they do:
 * the process tag, rigwatch's own meters, the Kafka client or Kafka Streams metrics and the JVM's.
 */
class StageMetricsEndpointTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Pattern SERVED_AT = Pattern.compile("metrics at (http://\\S+/metrics)");

    @TempDir
    Path dir;

    private final OkHttpClient http = new OkHttpClient();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void closeClient() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @Test
    void theStreamsStageServesSignalCountsAndKafkaStreamsMetrics() throws Exception {
        String metrics = scrape("streams", "--bootstrap-servers", SharedKafka.bootstrapServers(),
                "--application-id", "metrics-test-" + run, "--state-dir", dir.toString(), "--metrics-port", "0");

        // the shared broker holds other tests' ticks, which this fresh application reads too: any count, every type
        for (String type : new String[] {"rebound", "tightness", "capitulation"}) {
            assertThat(metrics).containsPattern("rigwatch_signals_total\\{process=\"streams\",type=\"" + type + "\"} \\d");
        }
        assertThat(metrics).contains("kafka_stream_thread_process_total{", "kafka_stream_task_dropped_records_total{",
                "jvm_memory_used_bytes{");
    }

    @Test
    void theWebhookDeliveryServesItsCountsAndItsKafkaClientsMetrics() throws Exception {
        String group = "metrics-test-" + run;
        String metrics = scrape("alerts", "webhooks", "--bootstrap-servers", SharedKafka.bootstrapServers(),
                "--group-id", group, "--metrics-port", "0");

        assertThat(metrics).contains("webhooks_delivered_total{process=\"webhooks\"} 0.0",
                "kafka_consumer_fetch_manager_records_lag_max{client_id=\"" + group + "-alerts\"",
                "kafka_consumer_fetch_manager_records_lag_max{client_id=\"" + group + "-subscriptions\"",
                "kafka_producer_record_send_total{client_id=\"" + group + "-dead-letters\"");
    }

    /** Runs the command until it is running, then reads the endpoint it printed. */
    private String scrape(String... command) throws Exception {
        try (ForkedRigwatch stage = ForkedRigwatch.start(dir.resolve("stage.log"), command)) {
            stage.awaitOutput("running against", WAIT);
            Matcher servedAt = SERVED_AT.matcher(stage.output());
            assertThat(servedAt.find()).as(stage.output()).isTrue();
            try (Response response = http.newCall(new Request.Builder().url(servedAt.group(1)).build()).execute()) {
                assertThat(response.code()).isEqualTo(200);
                assertThat(response.header("Content-Type")).isEqualTo(MetricsServer.CONTENT_TYPE);
                return response.body().string();
            }
        }
    }
}
