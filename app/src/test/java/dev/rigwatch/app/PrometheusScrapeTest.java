package dev.rigwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.rigwatch.alerts.AlertsSettings;
import dev.rigwatch.api.metrics.MetricsServer;
import dev.rigwatch.broker.testing.SharedKafka;
import dev.rigwatch.events.Json;
import dev.rigwatch.events.metrics.ProcessMetrics;
import dev.rigwatch.ingest.IngestSettings;
import dev.rigwatch.simulator.FaultPlan;
import dev.rigwatch.simulator.SimulatedMarket;
import dev.rigwatch.streams.StreamsSettings;
import dev.rigwatch.testing.InstalledTool;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus, configured by the scrape config the operators' guide documents ({@code docs/prometheus.yml}, its
 * targets pointed at this test's pipeline), scrapes a running pipeline and answers queries for rigwatch's own
 * counters and Kafka Streams' metrics. Skips without {@value #PROMETHEUS} ({@link InstalledTool}).
 */
class PrometheusScrapeTest {

    private static final String PROMETHEUS = "/usr/bin/prometheus";
    private static final Path DOCUMENTED_CONFIG = Path.of("..", "docs", "prometheus.yml");
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** A Kafka Streams metric every running stage has: records processed by each stream thread. */
    private static final String STREAMS_SERIES = "kafka_stream_thread_process_total";

    @TempDir
    static Path dir;

    private static final OkHttpClient http = new OkHttpClient();
    private static final List<AutoCloseable> running = new ArrayList<>();
    private static Process prometheus;
    private static HttpUrl prometheusUrl;
    private static List<String> jobs;

    @BeforeAll
    static void startPipelineAndPrometheus() throws Exception {
        Path program = InstalledTool.require(PROMETHEUS, "apt-get install prometheus");
        PrometheusMeterRegistry registry = ProcessMetrics.prometheus("demo");
        keep(registry::close);
        String run = UUID.randomUUID().toString().substring(0, 8);
        keep(Pipeline.start(SharedKafka.bootstrapServers(), SimulatedMarket.heldFromHourDayAgo(Clock.systemUTC(), 120),
                0, FaultPlan.NONE, IngestSettings.defaults().withInterval(Duration.ofMillis(200)),
                StreamsSettings.defaults().withApplicationId("scrape-streams-" + run, dir.resolve("streams"))
                        .withCommitInterval(Duration.ofMillis(200)),
                new AlertsSettings("scrape-alerts-" + run, dir.resolve("alerts"), Duration.ofMillis(200)),
                registry, Clock.systemUTC()));
        MetricsServer metrics = keep(new MetricsServer(registry, "127.0.0.1", 0).start());

        Path config = dir.resolve("prometheus.yml");
        jobs = writeConfig(config, "127.0.0.1:" + metrics.port());
        int port = freePort();
        prometheusUrl = HttpUrl.get("http://127.0.0.1:" + port);
        Path log = Path.of("target", "prometheus-scrape-test.log");
        prometheus = new ProcessBuilder(program.toString(), "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("tsdb"),
                "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        await("Prometheus to be ready (its log: " + log.toAbsolutePath() + ")",
                () -> get(prometheusUrl.resolve("/-/ready")), answer -> answer.startsWith("200"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
        }
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @Test
    void prometheusScrapesTicksAndKafkaStreamsMetricsWithTheDocumentedConfig() throws Exception {
        assertThat(jobs).contains("rigwatch-ingest", "rigwatch-streams", "rigwatch-alerts", "rigwatch-api");

        JsonNode ticks = await("sum(rigwatch_ticks_total) > 0", () -> query("sum(rigwatch_ticks_total)"),
                answer -> value(answer) > 0);
        assertThat(value(ticks)).isPositive();

        JsonNode streams = await(STREAMS_SERIES + " to be scraped", () -> query(STREAMS_SERIES),
                answer -> answer.at("/data/result").size() > 0);
        assertThat(streams.at("/data/result/0/metric/process").asText()).isEqualTo("demo");
        assertThat(streams.at("/data/result/0/metric/thread_id").asText()).isNotEmpty();

        // every documented job's path reaches the endpoint
        JsonNode up = await("every job up", () -> query("up"), answer -> answer.at("/data/result").size() == jobs.size()
                && valuesOf(answer).stream().allMatch(v -> v == 1.0));
        assertThat(valuesOf(up)).hasSize(jobs.size()).containsOnly(1.0);
    }

    /** The documented config with every job's targets replaced by {@code target}, scraped every second. */
    private static List<String> writeConfig(Path config, String target) throws IOException {
        YAMLMapper yaml = new YAMLMapper();
        ObjectNode documented = (ObjectNode) yaml.readTree(DOCUMENTED_CONFIG.toFile());
        ((ObjectNode) documented.get("global")).put("scrape_interval", "1s").put("scrape_timeout", "1s");
        List<String> names = new ArrayList<>();
        for (JsonNode job : documented.get("scrape_configs")) {
            names.add(job.get("job_name").asText());
            assertThat(job.get("metrics_path").asText()).isEqualTo("/metrics");
            ArrayNode targets = yaml.createArrayNode().add(target);
            ((ObjectNode) job).set("static_configs", yaml.createArrayNode().add(yaml.createObjectNode()
                    .set("targets", targets)));
        }
        yaml.writeValue(config.toFile(), documented);
        return names;
    }

    private static JsonNode query(String promql) throws IOException {
        String answer = get(prometheusUrl.newBuilder("/api/v1/query").addQueryParameter("query", promql).build());
        return Json.mapper().readTree(answer.substring(answer.indexOf(' ') + 1));
    }

    /** The single value of an instant vector, or 0 when it is empty. */
    private static double value(JsonNode answer) {
        List<Double> values = valuesOf(answer);
        return values.isEmpty() ? 0 : values.get(0);
    }

    private static List<Double> valuesOf(JsonNode answer) {
        List<Double> values = new ArrayList<>();
        answer.at("/data/result").forEach(series -> values.add(Double.parseDouble(series.at("/value/1").asText())));
        return values;
    }

    /** {@code <status> <body>}. */
    private static String get(HttpUrl url) throws IOException {
        try (Response response = http.newCall(new Request.Builder().url(url).build()).execute()) {
            return response.code() + " " + response.body().string();
        }
    }

    private interface Call<T> {
        T call() throws IOException;
    }

    /** Calls until the answer passes, or fails after {@link #WAIT} with the last answer (or error). */
    private static <T> T await(String what, Call<T> call, Predicate<T> done) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Object last = null;
        while (System.nanoTime() < deadline) {
            try {
                T answer = call.call();
                if (done.test(answer)) {
                    return answer;
                }
                last = answer;
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(500);
        }
        return fail("gave up waiting " + WAIT + " for " + what + "; Prometheus last answered: " + last);
    }

    private static <T extends AutoCloseable> T keep(T resource) {
        running.add(resource);
        return resource;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
