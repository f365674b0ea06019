package dev.rigwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.rigwatch.events.Json;
import dev.rigwatch.testing.InstalledTool;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A real Prometheus server (Debian's {@code /usr/bin/prometheus}) started with the scrape config the operators' guide
 * documents ({@code docs/prometheus.yml}), every job's targets pointed at one address and scraped every second, and
 * asked over its HTTP API. Skips without the program ({@link InstalledTool}).
 */
final class PrometheusProcess implements AutoCloseable {

    private static final Path DOCUMENTED_CONFIG = Path.of("..", "docs", "prometheus.yml");
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final OkHttpClient http = new OkHttpClient();
    private final Process process;
    private final HttpUrl url;
    private final List<String> jobs;

    private PrometheusProcess(Process process, HttpUrl url, List<String> jobs) {
        this.process = process;
        this.url = url;
        this.jobs = jobs;
    }

    /** @param target {@code host:port} every documented job scrapes */
    static PrometheusProcess scraping(String target) throws IOException, InterruptedException {
        Path program = InstalledTool.require("/usr/bin/prometheus", "apt-get install prometheus");
        Path dir = Files.createTempDirectory("rigwatch-prometheus");
        Path config = dir.resolve("prometheus.yml");
        List<String> jobs = writeConfig(config, target);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createDirectories(Path.of("target")).resolve("prometheus.log");
        Process process = new ProcessBuilder(program.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PrometheusProcess prometheus = new PrometheusProcess(process, HttpUrl.get("http://127.0.0.1:" + port), jobs);
        prometheus.await("Prometheus to be ready (its log: " + log.toAbsolutePath() + ")",
                () -> prometheus.get(prometheus.url.resolve("/-/ready")), answer -> answer.startsWith("200"));
        return prometheus;
    }

    /** The documented jobs' names. */
    List<String> jobs() {
        return jobs;
    }

    /** Queries until the answer passes, or fails after a minute with Prometheus' last answer. */
    JsonNode awaitQuery(String promql, Predicate<JsonNode> done) throws InterruptedException {
        return await(promql, () -> query(promql), done);
    }

    /** The values of an instant vector's series. */
    static List<Double> valuesOf(JsonNode answer) {
        List<Double> values = new ArrayList<>();
        answer.at("/data/result").forEach(series -> values.add(Double.parseDouble(series.at("/value/1").asText())));
        return values;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
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

    private JsonNode query(String promql) throws IOException {
        String answer = get(url.newBuilder("/api/v1/query").addQueryParameter("query", promql).build());
        return Json.mapper().readTree(answer.substring(answer.indexOf(' ') + 1));
    }

    /** {@code <status> <body>}. */
    private String get(HttpUrl target) throws IOException {
        try (Response response = http.newCall(new Request.Builder().url(target).build()).execute()) {
            return response.code() + " " + response.body().string();
        }
    }

    private interface Call<T> {
        T call() throws IOException;
    }

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
}
