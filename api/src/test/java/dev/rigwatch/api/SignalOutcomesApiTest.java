package dev.rigwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rigwatch.broker.testing.SharedKafka;
import dev.rigwatch.events.ReboundSignal;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.kafka.EventProducer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/signals} tells what followed each rebound, on the closes of the series it fired on, written to the
 * embedded broker as the stages write them: a constructed hourly candle series where every figure is known.
 */
class SignalOutcomesApiTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Instant T0 = ApiFixtures.T0;
    /**
     * Hourly closes; index 2 (100) is the first rebound's confirming close. After it: 1 → 102.5, 2..7 dip to 97 and
     * reach 105, 12 closes after (index 14) 89 breaks the trough of 90, 20 after (index 22) the high 120, 30 after 110.
     */
    private static final String[] CLOSES = closes();
    private static EventProducer producer;
    private static ApiStage api;
    private static ApiClient client;
    private static ApiFixtures data;

    @BeforeAll
    static void start() throws Exception {
        String bootstrap = SharedKafka.bootstrapServers();
        producer = new EventProducer(bootstrap, "signal-outcomes-api-test");
        data = new ApiFixtures(producer, "o1");
        for (int i = 0; i < CLOSES.length; i++) {
            data.hourCandle(T0.plus(HOUR.multipliedBy(i)), CLOSES[i]);
        }
        for (int i = 0; i < 5; i++) {
            data.gpuHour(T0.plus(HOUR.multipliedBy(i + 1)), 700 + 10 * i);
        }
        data.rebound(data.instrument(), ReboundSignal.CRYPTO, HOUR, end(2), "90");
        data.rebound(data.instrument(), ReboundSignal.CRYPTO, HOUR, end(22), "95");
        // a 1-minute rebound on an instrument with no 1-minute candles: nothing to measure it on
        data.rebound(data.instrument(), ReboundSignal.CRYPTO, Duration.ofMinutes(1), end(30), "90");
        String gpu = "model:" + data.model;
        data.rebound(gpu, ReboundSignal.GPU, HOUR, T0.plus(HOUR.multipliedBy(3)), "650");
        data.rebound(gpu, ReboundSignal.GPU, Duration.ofDays(30), T0.plus(Duration.ofDays(30)), "600");
        data.flush();
        api = ApiStage.start(bootstrap, ApiSettings.defaults(Files.createTempDirectory("signal-outcomes-api-test"))
                        .withPort(0).withApplicationId("signal-outcomes-api-test"),
                TopicNamespace.PRODUCTION, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        client = new ApiClient(api.port());
        // each topic is read on its own: wait until the view has read the last record of each
        client.until("/api/candles/" + data.exchange + "/" + data.symbol + "?interval=1h",
                a -> a.status() == 200 && a.json().path("candles").size() == CLOSES.length, WAIT);
        client.until("/api/gpu/models/" + data.model.replace(" ", "%20") + "/stats",
                a -> a.status() == 200 && a.json().path("stats").size() == 5, WAIT);
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
    void aCryptoReboundHasEachHorizonsChangeExcursionsAndItsTroughBroken() {
        JsonNode outcome = rebound(data.instrument(), end(2)).path("outcome");
        assertThat(outcome.path("series").asText()).isEqualTo("view-candles-1h");
        assertThat(outcome.path("entryTime").asText()).isEqualTo(end(2).toString());
        assertThat(outcome.path("entryClose").decimalValue()).isEqualByComparingTo("100");
        JsonNode horizons = outcome.path("horizons");
        assertThat(horizons.size()).isEqualTo(4);
        assertHorizon(horizons.get(0), 1, end(3), "102.5", "2.5", "0", "2.5");
        assertHorizon(horizons.get(1), 7, end(9), "99.37", "-0.63", "-3", "5");
        assertHorizon(horizons.get(2), 30, end(32), "110", "10", "-11", "20");
        assertThat(horizons.get(3).path("closes").asInt()).isEqualTo(90);
        assertThat(horizons.get(3).path("notYet").asBoolean()).isTrue();
        assertThat(horizons.get(3).has("changePct")).isFalse();
        JsonNode trough = outcome.path("trough");
        assertThat(trough.path("price").decimalValue()).isEqualByComparingTo("90");
        assertThat(trough.path("broken").asBoolean()).isTrue();
        assertThat(trough.path("brokenAt").asText()).isEqualTo(end(14).toString());
        assertThat(trough.path("closesWatched").asInt()).isEqualTo(12);
    }

    @Test
    void aLaterReboundsTroughHeldAsFarAsTheSeriesGoes() {
        JsonNode outcome = rebound(data.instrument(), end(22)).path("outcome");
        assertThat(outcome.path("entryClose").decimalValue()).isEqualByComparingTo("120");
        JsonNode horizons = outcome.path("horizons");
        // (100 - 120) / 120 = -16.66...%, rounded once to 4 decimals
        assertHorizon(horizons.get(0), 1, end(23), "100", "-16.6667", "-16.6667", "0");
        assertHorizon(horizons.get(1), 7, end(29), "100", "-16.6667", "-16.6667", "0");
        assertThat(horizons.get(2).path("notYet").asBoolean()).isTrue();
        assertThat(horizons.get(3).path("notYet").asBoolean()).isTrue();
        JsonNode trough = outcome.path("trough");
        assertThat(trough.path("broken").asBoolean()).isFalse();
        assertThat(trough.has("brokenAt")).isFalse();
        assertThat(trough.path("closesWatched").asInt()).isEqualTo(CLOSES.length - 1 - 22);
    }

    @Test
    void aGpuReboundIsMeasuredOnTheMedianAskItFiredOn() {
        JsonNode outcome = rebound("model:" + data.model, T0.plus(HOUR.multipliedBy(3))).path("outcome");
        assertThat(outcome.path("series").asText()).isEqualTo("view-gpu-stats-1h");
        assertThat(outcome.path("entryClose").decimalValue()).isEqualByComparingTo("720");
        // 720 → 730: 10 / 720 = 1.3888...%
        assertHorizon(outcome.path("horizons").get(0), 1, T0.plus(HOUR.multipliedBy(4)), "730", "1.3889", "0", "1.3889");
        assertThat(outcome.path("horizons").get(1).path("notYet").asBoolean()).isTrue();
        assertThat(outcome.path("trough").path("closesWatched").asInt()).isEqualTo(2);
    }

    @Test
    void aSeriesNoViewStoreHoldsIsUnmeasuredWithTheReason() {
        JsonNode minute = rebound(data.instrument(), end(30)).path("outcome");
        assertThat(minute.path("unmeasured").asText()).isEqualTo("no 1m close of " + data.instrument() + " at or before "
                + end(30) + " in view-candles-1m (kept 7d)");
        assertThat(minute.has("horizons")).isFalse();
        JsonNode sold = rebound("model:" + data.model, T0.plus(Duration.ofDays(30))).path("outcome");
        assertThat(sold.path("unmeasured").asText()).contains("30d").contains("monthly sold prices");
    }

    @Test
    void onlyReboundsCarryAnOutcome() {
        JsonNode all = client.get("/api/signals?limit=1000").json().path("signals");
        assertThat(all.size()).isPositive();
        all.forEach(s -> assertThat(s.has("outcome")).as(s.toString()).isEqualTo(s.path("type").asText().equals("rebound")));
    }

    private static JsonNode rebound(String subject, Instant time) {
        String path = "/api/signals?type=rebound&subject=" + subject.replace(" ", "%20");
        JsonNode signals = client.until(path, a -> a.status() == 200 && a.body().contains("\"time\":\"" + time + "\""),
                WAIT).json().path("signals");
        for (JsonNode signal : signals) {
            if (signal.path("time").asText().equals(time.toString())) {
                return signal;
            }
        }
        throw new AssertionError("no rebound at " + time + " in " + signals);
    }

    private static void assertHorizon(JsonNode horizon, int closes, Instant exitTime, String exitClose, String change,
                                      String adverse, String favourable) {
        assertThat(horizon.path("closes").asInt()).isEqualTo(closes);
        assertThat(horizon.has("notYet")).isFalse();
        assertThat(horizon.path("exitTime").asText()).isEqualTo(exitTime.toString());
        assertThat(horizon.path("exitClose").decimalValue()).isEqualByComparingTo(exitClose);
        assertThat(horizon.path("changePct").decimalValue()).isEqualByComparingTo(change);
        assertThat(horizon.path("maxAdversePct").decimalValue()).isEqualByComparingTo(adverse);
        assertThat(horizon.path("maxFavourablePct").decimalValue()).isEqualByComparingTo(favourable);
    }

    /** The end of candle {@code i}: its close's time. */
    private static Instant end(int i) {
        return T0.plus(HOUR.multipliedBy(i + 1));
    }

    private static String[] closes() {
        String[] closes = new String[43];
        String[] first = {"150", "120", "100", "102.5", "97", "99", "105", "101", "98", "99.37"};
        for (int i = 0; i < closes.length; i++) {
            closes[i] = i < first.length ? first[i] : i == 14 ? "89" : i == 22 ? "120" : i == 32 ? "110" : i > 32 ? "111" : "100";
        }
        return closes;
    }
}
