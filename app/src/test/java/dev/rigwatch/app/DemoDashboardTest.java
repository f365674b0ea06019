package dev.rigwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rigwatch.events.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import picocli.CommandLine;

/**
 * {@code rigwatch demo} run as a user runs it (embedded broker, simulator, every stage, the API), asked what the
 * issue's users ask: a real Prometheus scrapes it with the documented config, the dashboard in a real headless
 * Chromium draws its charts, fills the GPU table and shows an alert arriving over the event stream without a reload,
 * each rebound in the signal feed with what followed it, and every API path answers with data.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoDashboardTest {

    private static final Duration DEMO = Duration.ofSeconds(100);
    private static final Path SCREENSHOT = Path.of("target", "dashboard.png");
    /** A rebound's outcome line with its first horizon measured: "after 1: +0.42%, 7: …". */
    private static final Pattern MEASURED = Pattern.compile("^after 1: [+-]?\\d+\\.\\d\\d%");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static Thread demo;
    private static String base;

    @BeforeAll
    static void startDemo() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        base = "http://127.0.0.1:" + port;
        Path log = Files.createDirectories(Path.of("target")).resolve("demo-dashboard-test.log");
        demo = new Thread(() -> new CommandLine(new Rigwatch()).execute("demo", "--duration", DEMO.toSeconds() + "s",
                "--kafka-port", "0", "--api-port", Integer.toString(port), "--log-file", log.toString()), "demo");
        demo.setDaemon(true);
        demo.start();
        until("/ready", body -> body.path("ready").asBoolean(), Duration.ofSeconds(90));
    }

    @AfterAll
    static void awaitDemo() throws InterruptedException {
        demo.join(DEMO.plusSeconds(60).toMillis());
    }

    @Test
    @Order(1)
    void prometheusScrapesTheDemoWithTheDocumentedConfig() throws Exception {
        try (PrometheusProcess prometheus = PrometheusProcess.scraping(base.substring("http://".length()))) {
            assertThat(prometheus.jobs()).contains("rigwatch-ingest", "rigwatch-streams", "rigwatch-alerts", "rigwatch-api");
            JsonNode ticks = prometheus.awaitQuery("sum(rigwatch_ticks_total)",
                    answer -> PrometheusProcess.valuesOf(answer).stream().anyMatch(v -> v > 0));
            assertThat(PrometheusProcess.valuesOf(ticks).get(0)).isPositive();
            JsonNode streams = prometheus.awaitQuery("kafka_stream_thread_process_total",
                    answer -> answer.at("/data/result").size() > 0);
            assertThat(streams.at("/data/result/0/metric/process").asText()).isEqualTo("demo");
            assertThat(streams.at("/data/result/0/metric/thread_id").asText()).isNotEmpty();
            // every documented job's path reaches the endpoint
            JsonNode up = prometheus.awaitQuery("up", answer -> answer.at("/data/result").size() == prometheus.jobs().size()
                    && PrometheusProcess.valuesOf(answer).stream().allMatch(v -> v == 1.0));
            assertThat(PrometheusProcess.valuesOf(up)).containsOnly(1.0);
        }
    }

    @Test
    @Order(2)
    void theDashboardDrawsChartsFillsTheGpuTableAndShowsALiveAlert() throws IOException {
        WebDriver browser = HeadlessChromium.start(1500, 1100);
        try {
            browser.get(base + "/");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofMillis(250));
            int alertsAtLoad = wait.until(b -> count(b, "#alerts-feed", "data-count"));
            wait.until(b -> count(b, "#price-chart", "data-candles") > 0);
            wait.until(b -> b.findElements(By.cssSelector("#price-chart canvas")).size() > 0);
            wait.until(b -> b.findElements(By.cssSelector("#gpu-table tbody tr[data-model]")).size() > 3);
            wait.until(b -> count(b, "#tightness-chart", "data-points") > 0);
            assertThat(browser.findElement(By.id("stream-status")).getDomProperty("textContent")).isEqualTo("live");
            new WebDriverWait(browser, DEMO, Duration.ofMillis(250))
                    .until(b -> count(b, "#alerts-feed", "data-count") > alertsAtLoad
                            && b.findElements(By.cssSelector("#alerts-feed li.alert")).size() > alertsAtLoad);
            String firstRow = browser.findElement(By.cssSelector("#gpu-table tbody tr")).getText();
            assertThat(firstRow).containsPattern("\\$\\d");
            // let the crypto rebounds of the scripted crash fire, so the screenshot shows them marked
            new WebDriverWait(browser, DEMO, Duration.ofMillis(500)).until(b -> count(b, "#price-chart", "data-markers") > 0);
            // and each rebound in the feed tells what followed it, the first close after it measured by now
            // (text and tooltip read at once: the feed redraws a rebound when its outcome is polled again)
            List<String> outcome = new WebDriverWait(browser, Duration.ofSeconds(40), Duration.ofMillis(500))
                    .ignoring(StaleElementReferenceException.class).until(b ->
                            b.findElements(By.cssSelector("#signals-feed li.type-rebound .outcome")).stream()
                                    .map(o -> List.of(o.getText(), String.valueOf(o.getDomAttribute("title"))))
                                    .filter(o -> MEASURED.matcher(o.get(0)).find()).findFirst().orElse(null));
            assertThat(outcome.get(0)).contains("7: ").contains("90: ").containsPattern("· trough (held|broken)");
            assertThat(outcome.get(1)).contains("max adverse").contains("max favourable");
            Files.write(SCREENSHOT, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.quit();
        }
        assertThat(Files.size(SCREENSHOT)).isGreaterThan(10_000);
    }

    @Test
    @Order(3)
    void everyPathAnswersWithData() throws Exception {
        Duration wait = Duration.ofSeconds(60);
        until("/api/prices", b -> b.path("instruments").size() >= 8 && b.path("symbols").size() >= 2, wait);
        until("/api/candles/coinbase/BTC-USD?interval=1m", b -> b.path("candles").size() > 5, wait);
        until("/api/gpu/models", b -> b.path("models").size() > 3, wait);
        until("/api/gpu/models/RTX%203090/stats?window=1h", b -> b.path("stats").size() > 3, wait);
        until("/api/gpu/tightness", b -> b.path("series").size() > 0, wait);
        until("/api/signals?type=rebound", b -> b.path("signals").findValues("outcome").stream()
                .anyMatch(o -> o.path("horizons").size() == 4), wait);
        until("/api/signals?type=tightness", b -> b.path("signals").size() > 0, wait);
        until("/api/alerts?subscriber=all", b -> b.path("alerts").size() > 0, wait);
        until("/api/openapi.json", b -> b.path("paths").size() > 10, wait);
        String metrics = get("/metrics").body();
        assertThat(metrics).contains("ticks_produced_total").contains("kafka_stream_");
    }

    private static int count(WebDriver browser, String css, String attribute) {
        String value = browser.findElement(By.cssSelector(css)).getDomAttribute(attribute);
        return value == null || value.isBlank() ? 0 : Integer.parseInt(value);
    }

    private static JsonNode until(String path, Predicate<JsonNode> done, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = get(path);
                last = response.statusCode() + " " + response.body();
                if (response.statusCode() == 200 && done.test(Json.mapper().readTree(response.body()))) {
                    return Json.mapper().readTree(response.body());
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(500);
        }
        throw new AssertionError("GET " + path + " had no data within " + timeout + "; last: "
                + last.substring(0, Math.min(400, last.length())));
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
