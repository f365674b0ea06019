package dev.rigwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.alerts.AlertTopology;
import dev.rigwatch.alerts.AlertsSettings;
import dev.rigwatch.alerts.SubscriptionsTopic;
import dev.rigwatch.broker.testing.SharedKafka;
import dev.rigwatch.events.Alert;
import dev.rigwatch.events.Candle;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.alert.Condition;
import dev.rigwatch.events.alert.Scope;
import dev.rigwatch.events.alert.Subscription;
import dev.rigwatch.events.alert.Throttle;
import dev.rigwatch.events.kafka.EventProducer;
import dev.rigwatch.events.kafka.TopicScan;
import dev.rigwatch.events.kafka.StreamsStage;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once across a crash: the alerts stage runs in a JVM of its own and is killed with SIGKILL while candles
 * stream in; restarted on the same application id and state dir, it must end with exactly the alerts an
 * uninterrupted run gives (the same topology function over the same input in a TopologyTestDriver): none twice,
 * none lost, and the crossing state (armed or not, per subject) carried over the crash.
 */
class AlertsExactlyOnceAfterKillTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int SUBJECTS = 3;
    private static final int CANDLES_PER_SUBJECT = 240;

    @TempDir
    Path dir;

    @Test
    void aKilledAlertsStageRestartsWithoutDuplicateOrLostAlerts() throws Exception {
        String bootstrap = SharedKafka.bootstrapServers();
        int run = ThreadLocalRandom.current().nextInt(1_000_000, 10_000_000);
        String exchange = "eos" + run;
        String subscriber = "eos-" + run;
        Instant published = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<Subscription> subscriptions = List.of(
                subscription(subscriber, "up", new Condition.PriceCross(Condition.Direction.UP, new BigDecimal("100"), 5), exchange, published),
                subscription(subscriber, "down", new Condition.PriceCross(Condition.Direction.DOWN, new BigDecimal("100"), 5), exchange, published));
        List<Candle> candles = candles(exchange, published.minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.MINUTES));
        List<Alert> expected = uninterruptedRun(subscriptions, candles);
        assertThat(expected).as("the input crosses the levels often").hasSizeGreaterThan(200);

        new SubscriptionsTopic(bootstrap, TopicNamespace.PRODUCTION).publish(subscriptions, published);
        String[] alertsStage = {"alerts", "--bootstrap-servers", bootstrap, "--application-id", "eos-test-" + run,
                "--state-dir", dir.resolve("state").toString(), "--metrics-port", "0"};
        Path output = dir.resolve("alerts-stage.log");
        try (EventProducer producer = new EventProducer(bootstrap, "eos-test-input")) {
            int half = candles.size() / 2;
            send(producer, candles.subList(0, half));
            try (ForkedRigwatch first = ForkedRigwatch.start(output, alertsStage)) {
                first.awaitOutput("running against", WAIT);
                Thread feeder = new Thread(() -> {
                    for (Candle candle : candles.subList(half, candles.size())) {
                        send(producer, List.of(candle));
                        pause(Duration.ofMillis(20));
                    }
                }, "eos-test-feeder");
                feeder.start();
                awaitAlerts(bootstrap, subscriber, expected.size() / 3);
                first.killHard();
                feeder.join();
            }
            assertThat(readAlerts(bootstrap, subscriber)).as("committed before the kill").hasSizeLessThan(expected.size());
        }

        try (ForkedRigwatch second = ForkedRigwatch.start(output, alertsStage)) {
            second.awaitOutput("running against", WAIT);
            awaitAlerts(bootstrap, subscriber, expected.size());
            // a duplicate from a replayed, uncommitted batch would arrive after the last expected alert: wait out a
            // few commit intervals (1 s each) before comparing
            pause(Duration.ofSeconds(5));
            List<Alert> actual = readAlerts(bootstrap, subscriber);
            assertThat(actual).extracting(AlertsExactlyOnceAfterKillTest::withoutEmitTime)
                    .containsExactlyInAnyOrderElementsOf(expected.stream().map(AlertsExactlyOnceAfterKillTest::withoutEmitTime).toList());
            assertThat(actual.stream().map(Alert::id).distinct().count()).isEqualTo(actual.size());
        }
    }

    /** Each subject oscillates 94 → 106 → 94 ...: every rise crosses 100 and re-arms below 95, so alerts keep coming. */
    private static List<Candle> candles(String exchange, Instant start) {
        List<Candle> candles = new ArrayList<>();
        for (int minute = 0; minute < CANDLES_PER_SUBJECT; minute++) {
            for (int s = 0; s < SUBJECTS; s++) {
                BigDecimal close = new BigDecimal((minute + s) % 2 == 0 ? "94.00" : "106.00");
                Instant windowStart = start.plus(Duration.ofMinutes(minute));
                candles.add(new Candle(Candle.VERSION, exchange + ":C" + s + "-USD", Duration.ofMinutes(1), windowStart,
                        windowStart.plus(Duration.ofMinutes(1)), close, close, close, close, null, 1));
            }
        }
        return candles;
    }

    private static Subscription subscription(String subscriber, String id, Condition condition, String exchange,
                                             Instant created) {
        return new Subscription(Subscription.VERSION, id, subscriber, condition, new Scope(Scope.Kind.EXCHANGE, exchange),
                Alert.Severity.WARNING, Throttle.NONE, null, null, created);
    }

    private List<Alert> uninterruptedRun(List<Subscription> subscriptions, List<Candle> candles) {
        AlertsSettings settings = new AlertsSettings("eos-expected", dir.resolve("driver-state"), Duration.ofMillis(100));
        try (TopologyTestDriver driver = new TopologyTestDriver(
                AlertTopology.build(TopicNamespace.PRODUCTION, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)),
                StreamsStage.properties("localhost:9", settings.applicationId(), settings.stateDir(),
                        settings.commitInterval(), TopicNamespace.PRODUCTION))) {
            TestInputTopic<String, Subscription> subscriptionInput = input(driver, Topics.ALERTS_SUBSCRIPTIONS);
            subscriptions.forEach(s -> subscriptionInput.pipeInput(s.key(), s, s.createdAt()));
            TestInputTopic<String, Candle> candleInput = input(driver, Topics.CRYPTO_CANDLES_1M);
            candles.forEach(c -> candleInput.pipeInput(c.instrument(), c, c.windowEnd()));
            return driver.createOutputTopic(Topics.ALERTS.name(), Topics.ALERTS.keySerde().deserializer(),
                    Topics.ALERTS.valueSerde().deserializer()).readValuesToList();
        }
    }

    private static <V> TestInputTopic<String, V> input(TopologyTestDriver driver, Topic<String, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    private static void send(EventProducer producer, List<Candle> candles) {
        for (Candle candle : candles) {
            producer.send(Topics.CRYPTO_CANDLES_1M, candle.instrument(), candle, candle.windowEnd(), (metadata, e) -> {
                if (e != null) {
                    throw new IllegalStateException("the test's input was refused", e);
                }
            });
        }
        producer.flush();
    }

    private static void awaitAlerts(String bootstrap, String subscriber, int count) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        int seen = 0;
        while (System.nanoTime() < deadline) {
            seen = readAlerts(bootstrap, subscriber).size();
            if (seen >= count) {
                return;
            }
            pause(Duration.ofMillis(500));
        }
        throw new AssertionError("waited " + WAIT + " for " + count + " committed alerts of " + subscriber + "; saw " + seen);
    }

    /** Every committed alert of the subscriber (read_committed: what a trader's consumer sees). */
    private static List<Alert> readAlerts(String bootstrap, String subscriber) {
        List<Alert> alerts = new ArrayList<>();
        TopicScan.readToEnd(bootstrap, List.of(Topics.ALERTS.name()), Map.of(), WAIT, record -> {
            String key = Topics.ALERTS.keySerde().deserializer().deserialize(record.topic(), record.key());
            if (subscriber.equals(key)) {
                alerts.add(Topics.ALERTS.valueSerde().deserializer().deserialize(record.topic(), record.value()));
            }
        });
        return alerts;
    }

    private static Alert withoutEmitTime(Alert alert) {
        return new Alert(alert.v(), alert.id(), alert.rule(), alert.subscriber(), alert.subscription(), alert.severity(),
                alert.subject(), alert.message(), alert.eventTime(), null, alert.trigger());
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
