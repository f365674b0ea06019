package dev.rigwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rigwatch.broker.testing.SharedKafka;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.kafka.EventProducer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One API instance on the embedded broker, over aggregates written as the stages write them, asked over HTTP. */
class ApiStageTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static EventProducer producer;
    private static ApiStage api;
    private static ApiClient client;
    private static ApiFixtures data;

    @BeforeAll
    static void start() throws Exception {
        String bootstrap = SharedKafka.bootstrapServers();
        producer = new EventProducer(bootstrap, "api-stage-test");
        data = new ApiFixtures(producer, "s1");
        for (int i = 0; i < 5; i++) {
            data.tick(ApiFixtures.T0.plusSeconds(60L * i + 30), "10" + i);
            data.candle(ApiFixtures.T0.plusSeconds(60L * i), "10" + i);
            data.gpuHour(ApiFixtures.T0.plus(Duration.ofHours(i + 1)), 700 + 10 * i);
            data.tightness(ApiFixtures.T0.plus(Duration.ofHours(i + 1)), 50 + i);
        }
        data.price(ApiFixtures.T0.plusSeconds(290), "104");
        data.rebound(ApiFixtures.T0.plusSeconds(240));
        data.alert("a1", ApiFixtures.T0.plusSeconds(241));
        data.flush();
        Path state = Files.createTempDirectory("api-stage-test");
        api = ApiStage.start(bootstrap, ApiSettings.defaults(state).withPort(0).withApplicationId("api-stage-test"),
                TopicNamespace.PRODUCTION, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        client = new ApiClient(api.port());
        // each topic is read on its own: wait until the view has read the last record of each
        client.until("/api/alerts?subscriber=" + data.subscriber, a -> a.status() == 200 && a.json().path("alerts").size() == 1, WAIT);
        client.until("/api/prices", a -> a.body().contains(ApiFixtures.T0.plusSeconds(270).toString())
                && a.body().contains(data.symbol + "\",\"median\""), WAIT);
        client.until("/api/candles/" + data.exchange + "/" + data.symbol, a -> a.json().path("candles").size() == 5, WAIT);
        String model = data.model.replace(" ", "%20");
        client.until("/api/gpu/models/" + model + "/stats", a -> a.json().path("stats").size() == 5, WAIT);
        client.until("/api/gpu/tightness?model=" + model, a -> a.json().path("series").size() == 5, WAIT);
        client.until("/api/signals?type=rebound&subject=" + data.instrument(), a -> a.json().path("signals").size() == 1, WAIT);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
        if (producer != null) {
            producer.close();
        }
    }

    @Test
    void healthReadyAndMetricsAnswer() {
        assertThat(client.get("/health").json().path("status").asText()).isEqualTo("up");
        assertThat(client.until("/ready", a -> a.status() == 200, WAIT).json().path("ready").asBoolean()).isTrue();
        ApiClient.Answer metrics = client.get("/metrics");
        assertThat(metrics.contentType()).startsWith("text/plain");
        assertThat(metrics.body()).contains("rigwatch_api_sse_clients").contains("kafka_stream_");
    }

    @Test
    void pricesHaveTheLatestTickAndTheCrossExchangePrice() {
        JsonNode prices = client.until("/api/prices", a -> a.body().contains(data.symbol + "\",\"median\"")
                && a.body().contains(ApiFixtures.T0.plusSeconds(270).toString()), WAIT).json();
        JsonNode tick = find(prices.path("instruments"), "instrument", data.instrument());
        assertThat(tick.path("price").decimalValue()).isEqualByComparingTo("104");
        assertThat(tick.path("time").asText()).isEqualTo(ApiFixtures.T0.plusSeconds(270).toString());
        assertThat(find(prices.path("symbols"), "symbol", data.symbol).path("median").decimalValue()).isEqualByComparingTo("104");
    }

    @Test
    void candlesComeOldestFirstWithinTheRangeAndLimit() {
        String path = "/api/candles/" + data.exchange + "/" + data.symbol + "?interval=1m";
        JsonNode all = client.until(path, a -> a.json().path("candles").size() == 5, WAIT).json();
        assertThat(closes(all)).containsExactly("100", "101", "102", "103", "104");
        JsonNode two = client.get(path + "&limit=2").json();
        assertThat(closes(two)).containsExactly("103", "104");
        JsonNode range = client.get(path + "&from=" + ApiFixtures.T0.plusSeconds(60) + "&to="
                + ApiFixtures.T0.plusSeconds(120).toEpochMilli()).json();
        assertThat(closes(range)).containsExactly("101", "102");
    }

    @Test
    void badParametersAre400NamingTheParameter() {
        String candles = "/api/candles/" + data.exchange + "/" + data.symbol;
        ApiClient.Answer interval = client.get(candles + "?interval=5m");
        assertThat(interval.status()).isEqualTo(400);
        assertThat(interval.json().path("parameter").asText()).isEqualTo("interval");
        assertThat(interval.json().path("allowed").toString()).contains("1m", "1h", "1d");
        assertThat(client.get(candles + "?from=yesterday").json().path("parameter").asText()).isEqualTo("from");
        ApiClient.Answer backwards = client.get(candles + "?from=2026-03-02T10:00:00Z&to=2026-03-01T10:00:00Z");
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.json().path("message").asText()).contains("after");
        ApiClient.Answer tooLong = client.get(candles + "?from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().path("message").asText()).contains("at most 7d");
        assertThat(client.get("/api/signals?type=moon").json().path("allowed").toString()).contains("rebound", "tightness", "capitulation");
        assertThat(client.get("/api/alerts?limit=-3").status()).isEqualTo(400);
        assertThat(client.get("/api/alerts?limit=999999").json().path("limit").asInt()).isEqualTo(1000);
    }

    @Test
    void unknownInstrumentOrModelIs404ListingWhatExists() {
        ApiClient.Answer instrument = client.get("/api/candles/nowhere/NONE-USD?interval=1m");
        assertThat(instrument.status()).isEqualTo(404);
        assertThat(instrument.json().path("known").toString()).contains(data.instrument());
        ApiClient.Answer model = client.get("/api/gpu/models/Voodoo%205/stats");
        assertThat(model.status()).isEqualTo(404);
        assertThat(model.json().path("known").toString()).contains(data.model);
        assertThat(model.body()).doesNotContain("Exception").doesNotContain("at dev.");
    }

    @Test
    void gpuModelsHaveTheNewestRowItsChangeAndTightness() {
        JsonNode models = client.until("/api/gpu/models", a -> a.body().contains(data.model), WAIT).json();
        JsonNode row = find(models.path("models"), "model", data.model);
        assertThat(row.path("medianAsk").asDouble()).isEqualTo(740.0);
        assertThat(row.path("openSupply").asLong()).isEqualTo(40);
        assertThat(row.path("new").asLong()).isEqualTo(3);
        assertThat(row.path("changePct").asDouble()).isCloseTo(100.0 * 10 / 730, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(row.path("tightness").asDouble()).isEqualTo(54.0);
        JsonNode stats = client.get("/api/gpu/models/" + data.model.replace(" ", "%20") + "/stats?window=1h").json();
        assertThat(stats.path("stats").size()).isEqualTo(5);
        JsonNode tightness = client.get("/api/gpu/tightness?model=" + data.model.replace(" ", "%20")).json();
        assertThat(tightness.path("series").size()).isEqualTo(5);
    }

    @Test
    void signalsAndAlertsComeNewestFirst() {
        JsonNode signals = client.until("/api/signals?type=rebound&subject=" + data.instrument(),
                a -> a.json().path("signals").size() == 1, WAIT).json();
        assertThat(signals.path("signals").get(0).path("signal").path("recoveryPct").asDouble()).isEqualTo(50.0);
        JsonNode tightness = client.until("/api/signals?type=tightness&subject=model:" + data.model.replace(" ", "%20") + "&limit=2",
                a -> a.json().path("signals").size() == 2
                        && a.json().path("signals").get(0).path("signal").path("index").asDouble() == 54.0, WAIT).json();
        assertThat(tightness.path("signals").size()).isEqualTo(2);
        assertThat(tightness.path("signals").get(0).path("signal").path("index").asDouble()).isEqualTo(54.0);
        JsonNode alerts = client.until("/api/alerts?subscriber=" + data.subscriber, a -> a.json().path("alerts").size() > 0, WAIT).json();
        assertThat(alerts.path("alerts").get(0).path("id").asText()).isEqualTo(data.subscriber + "/a1");
    }

    @Test
    void theStreamDeliversANewAlertAndResumesFromLastEventId() throws Exception {
        List<String[]> events = new CopyOnWriteArrayList<>();
        EventSource source = EventSources.createFactory(client.http).newEventSource(
                new Request.Builder().url(client.base + "/api/stream").build(), new EventSourceListener() {
                    @Override
                    public void onEvent(EventSource es, String id, String type, String payload) {
                        events.add(new String[] {id, type, payload});
                    }
                });
        try {
            Thread.sleep(500);
            data.alert("live", ApiFixtures.T0.plusSeconds(400));
            data.flush();
            String[] alert = awaitEvent(events, "alert", data.subscriber + "/live");
            source.cancel();
            data.alert("missed", ApiFixtures.T0.plusSeconds(401));
            data.flush();
            client.until("/api/alerts?subscriber=" + data.subscriber, a -> a.body().contains("/missed"), WAIT);
            Request resume = new Request.Builder().url(client.base + "/api/stream").header("Last-Event-ID", alert[0]).header("Accept", "text/event-stream").build();
            try (Response r = client.http.newBuilder().readTimeout(Duration.ofSeconds(3)).build().newCall(resume).execute()) {
                StringBuilder seen = new StringBuilder();
                var in = r.body().source();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!seen.toString().contains("/missed") && System.nanoTime() < deadline) {
                    String line = in.readUtf8Line();
                    if (line == null) {
                        break;
                    }
                    seen.append(line).append('\n');
                }
                assertThat(seen.toString()).contains("event: alert").contains(data.subscriber + "/missed")
                        .doesNotContain(data.subscriber + "/live");
            }
        } finally {
            source.cancel();
        }
    }

    @Test
    void openApiDocumentNamesEveryPath() {
        JsonNode doc = client.get("/api/openapi.json").json();
        List<String> paths = new ArrayList<>();
        doc.path("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths).contains("/health", "/ready", "/metrics", "/api/prices", "/api/candles/{exchange}/{symbol}",
                "/api/gpu/models", "/api/gpu/models/{model}/stats", "/api/gpu/tightness", "/api/signals", "/api/alerts",
                "/api/stream");
    }

    private static String[] awaitEvent(List<String[]> events, String type, String containing) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (String[] e : events) {
                if (type.equals(e[1]) && e[2].contains(containing)) {
                    return e;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + type + " event with " + containing + " among " + events.size() + " events");
    }

    private static List<String> closes(JsonNode body) {
        List<String> closes = new ArrayList<>();
        body.path("candles").forEach(c -> closes.add(c.path("close").decimalValue().toPlainString()));
        return closes;
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode item : array) {
            if (item.path(field).asText().equals(value)) {
                return item;
            }
        }
        throw new AssertionError("no " + field + "=" + value + " in " + array);
    }
}
