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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two API instances of one view application split the partitions: each answers for every key, fetching a key the
 * other owns from it (a rebound's outcome from the owner of its candles), and gathers all-key answers from both.
 */
class TwoInstanceApiTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int INSTRUMENTS = 16;
    private static final List<ApiFixtures> data = new ArrayList<>();
    private static EventProducer producer;
    private static ApiStage first;
    private static ApiStage second;

    @BeforeAll
    static void start() throws Exception {
        String bootstrap = SharedKafka.bootstrapServers();
        producer = new EventProducer(bootstrap, "two-instance-api-test");
        for (int i = 0; i < INSTRUMENTS; i++) {
            ApiFixtures fixtures = new ApiFixtures(producer, "two" + i);
            for (int m = 0; m < 3; m++) {
                fixtures.candle(ApiFixtures.T0.plusSeconds(60L * m), "5" + m);
            }
            fixtures.tick(ApiFixtures.T0.plusSeconds(170), "52");
            // confirmed by the close of 51: its outcome's closes come from the owner of the candles, maybe the other
            fixtures.rebound(fixtures.instrument(), ReboundSignal.CRYPTO, Duration.ofMinutes(1),
                    ApiFixtures.T0.plusSeconds(120), "45");
            fixtures.alert("x", ApiFixtures.T0.plusSeconds(100));
            data.add(fixtures);
        }
        producer.flush();
        ApiSettings settings = ApiSettings.defaults(null).withPort(0).withApplicationId("two-instance-api-test");
        first = ApiStage.start(bootstrap, withState(settings), TopicNamespace.PRODUCTION, registry());
        second = ApiStage.start(bootstrap, withState(settings), TopicNamespace.PRODUCTION, registry());
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {second, first, producer}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void eachInstanceAnswersForKeysTheOtherOwns() {
        ApiClient a = new ApiClient(first.port());
        ApiClient b = new ApiClient(second.port());
        // both own some partitions once the rebalance settles: each one's own store lacks some instruments
        Set<String> ownedByFirst = local(a.until("/internal/query/latest-ticks", r -> r.status() == 200
                && owns(r) > 0 && owns(r) < INSTRUMENTS, WAIT));
        Set<String> ownedBySecond = local(b.until("/internal/query/latest-ticks", r -> r.status() == 200 && owns(r) > 0, WAIT));
        assertThat(ownedByFirst).doesNotContainAnyElementsOf(ownedBySecond);
        int foreign = 0;
        for (ApiFixtures f : data) {
            String path = "/api/candles/" + f.exchange + "/" + f.symbol + "?interval=1m";
            for (ApiClient client : List.of(a, b)) {
                // the view may still be reading the topics: wait for the three, not for the first answer
                JsonNode candles = client.until(path, r -> r.status() == 200 && r.json().path("candles").size() == 3, WAIT)
                        .json().path("candles");
                assertThat(candles.get(2).path("close").asText()).isEqualTo("52");
                JsonNode outcome = client.until("/api/signals?type=rebound&subject=" + f.instrument(), r -> r.status() == 200
                        && r.json().path("signals").size() == 1, WAIT).json().path("signals").get(0).path("outcome");
                assertThat(outcome.path("entryClose").decimalValue()).isEqualByComparingTo("51");
                // 51 → 52: 1 / 51 = 1.96078...%
                assertThat(outcome.at("/horizons/0/changePct").decimalValue()).as(outcome.toString())
                        .isEqualByComparingTo("1.9608");
                assertThat(outcome.at("/horizons/1/notYet").asBoolean()).isTrue();
            }
            if (!ownedByFirst.contains(f.instrument())) {
                foreign++;
            }
            JsonNode alerts = b.until("/api/alerts?subscriber=" + f.subscriber, r -> r.status() == 200
                    && r.json().path("alerts").size() > 0, WAIT).json().path("alerts");
            assertThat(alerts.size()).isEqualTo(1);
        }
        assertThat(foreign).as("instruments the second instance owns, fetched through the first").isPositive();
        for (ApiClient client : List.of(a, b)) {
            String prices = client.get("/api/prices").body();
            String alerts = client.get("/api/alerts?limit=1000").body();
            for (ApiFixtures f : data) {
                assertThat(prices).contains(f.instrument());
                assertThat(alerts).contains(f.subscriber + "/x");
            }
        }
    }

    private static long owns(ApiClient.Answer local) {
        return local(local).size();
    }

    private static Set<String> local(ApiClient.Answer local) {
        Set<String> mine = new HashSet<>();
        local.json().path("items").forEach(item -> {
            String instrument = item.path("instrument").asText();
            if (data.stream().anyMatch(f -> f.instrument().equals(instrument))) {
                mine.add(instrument);
            }
        });
        return mine;
    }

    private static ApiSettings withState(ApiSettings settings) throws Exception {
        return new ApiSettings(settings.bind(), settings.port(), null, settings.applicationId(),
                Files.createTempDirectory("two-instance-api"), settings.patience());
    }

    private static PrometheusMeterRegistry registry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }
}
