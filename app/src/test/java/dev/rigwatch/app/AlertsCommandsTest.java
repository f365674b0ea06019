package dev.rigwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.alerts.SubscriptionsTopic;
import dev.rigwatch.broker.testing.SharedKafka;
import dev.rigwatch.events.Alert;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.alert.Condition;
import dev.rigwatch.events.alert.Condition.Direction;
import dev.rigwatch.events.alert.Scope;
import dev.rigwatch.events.alert.Subscription;
import dev.rigwatch.events.alert.Throttle;
import dev.rigwatch.events.alert.Webhook;
import dev.rigwatch.events.kafka.EventProducer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code rigwatch alerts subscribe | unsubscribe | list | tail} against the real broker. */
class AlertsCommandsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final String subscriber = "cli-" + UUID.randomUUID().toString().substring(0, 8);
    private PrintStream originalOut;
    private PrintStream originalErr;
    private String bootstrap;

    @BeforeEach
    void captureOutput() {
        bootstrap = SharedKafka.bootstrapServers();
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreOutputAndUnsubscribe() {
        System.setOut(originalOut);
        System.setErr(originalErr);
        // other tests' alert stages share the topic: leave them no subscriptions of ours
        SubscriptionsTopic topic = new SubscriptionsTopic(bootstrap, TopicNamespace.PRODUCTION);
        topic.read(WAIT).live().keySet().stream().filter(key -> key.startsWith(subscriber + "/"))
                .forEach(key -> topic.remove(key, Instant.now()));
    }

    private int run(String... args) {
        String[] withKafka = new String[args.length + 2];
        System.arraycopy(args, 0, withKafka, 0, args.length);
        withKafka[args.length] = "--bootstrap-servers";
        withKafka[args.length + 1] = bootstrap;
        return Rigwatch.commandLine().execute(withKafka);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Map<String, Subscription> live() {
        return new SubscriptionsTopic(bootstrap, TopicNamespace.PRODUCTION).read(WAIT).live();
    }

    @Test
    void subscribeWritesTheSubscriptionItDescribesWithoutPrintingItsSecrets() {
        int exit = run("alerts", "subscribe", "--subscriber", subscriber, "--id", "btc-100k", "--price-above", "100000",
                "--hysteresis", "0.5", "--scope", "symbol:BTC-USD", "--severity", "critical", "--cooldown", "30m",
                "--once-per", "1h", "--max-per-day", "5", "--expires", "2027-01-01",
                "--webhook", "https://hooks.example.com/rigwatch", "--webhook-secret", "new-secret-0123456789",
                "--webhook-secret", "old-secret-0123456789");

        assertThat(exit).as(stderr()).isZero();
        Subscription written = live().get(subscriber + "/btc-100k");
        assertThat(written).isEqualTo(new Subscription(Subscription.VERSION, "btc-100k", subscriber,
                new Condition.PriceCross(Direction.UP, new BigDecimal("100000"), 0.5), Scope.parse("symbol:BTC-USD"),
                Alert.Severity.CRITICAL, new Throttle(Duration.ofMinutes(30), Duration.ofHours(1), 5),
                Instant.parse("2027-01-01T00:00:00Z"), new Webhook("https://hooks.example.com/rigwatch",
                        List.of("new-secret-0123456789", "old-secret-0123456789")), written.createdAt()));
        assertThat(stdout()).isEqualTo("subscribed " + subscriber + "/btc-100k  price crosses above 100000 (re-armed 0.5% "
                + "back)  on symbol:BTC-USD  CRITICAL  cooldown 30m  once per 1h  at most 5 a day  until "
                + "2027-01-01T00:00:00Z  webhook https://hooks.example.com/rigwatch (2 secret(s), hidden)"
                + System.lineSeparator());
        assertThat(stdout() + stderr()).doesNotContain("secret-0123456789");
    }

    @Test
    void subscribeBuildsEachConditionKindFromItsOptions() {
        assertThat(run("alerts", "subscribe", "--subscriber", subscriber, "--id", "strong", "--signal", "rebound",
                "--min-strength", "0.5")).isZero();
        assertThat(run("alerts", "subscribe", "--subscriber", subscriber, "--id", "dip", "--price-below", "2500.5",
                "--scope", "exchange:kraken")).isZero();
        assertThat(run("alerts", "subscribe", "--subscriber", subscriber, "--id", "swing", "--move", "5",
                "--direction", "down", "--within", "1h")).isZero();
        assertThat(run("alerts", "subscribe", "--subscriber", subscriber, "--id", "loose", "--tightness-below", "30",
                "--hysteresis", "5", "--scope", "family:GeForce RTX 30")).isZero();

        Map<String, Subscription> live = live();
        assertThat(live.get(subscriber + "/strong").condition()).isEqualTo(new Condition.SignalFired("rebound", 0.5));
        assertThat(live.get(subscriber + "/dip").condition())
                .isEqualTo(new Condition.PriceCross(Direction.DOWN, new BigDecimal("2500.5"), 0));
        assertThat(live.get(subscriber + "/swing").condition())
                .isEqualTo(new Condition.PriceMove(Direction.DOWN, 5, Duration.ofHours(1)));
        assertThat(live.get(subscriber + "/loose").condition())
                .isEqualTo(new Condition.TightnessLevel(Direction.DOWN, 30, 5));
        assertThat(live.get(subscriber + "/loose").scope()).isEqualTo(new Scope(Scope.Kind.FAMILY, "GeForce RTX 30"));
    }

    @Test
    void subscribeRefusesWhatCannotBeASubscriptionAndWritesNothing() {
        assertThat(run("alerts", "subscribe", "--subscriber", subscriber, "--id", "x", "--price-above", "1",
                "--signal", "rebound")).isEqualTo(2);
        assertThat(run("alerts", "subscribe", "--subscriber", subscriber, "--id", "x")).isEqualTo(2);
        assertThat(run("alerts", "subscribe", "--subscriber", subscriber, "--id", "x", "--signal", "capitulation",
                "--min-strength", "1")).isEqualTo(2);
        assertThat(run("alerts", "subscribe", "--subscriber", subscriber, "--id", "x", "--move", "5")).isEqualTo(2);
        assertThat(run("alerts", "subscribe", "--subscriber", subscriber, "--id", "x", "--signal", "rebound",
                "--scope", "planet:mars")).isEqualTo(2);
        assertThat(run("alerts", "subscribe", "--subscriber", subscriber, "--id", "x", "--signal", "rebound",
                "--webhook", "http://hooks.example.com/a", "--webhook-secret", "0123456789abcdef")).isEqualTo(2);
        assertThat(run("alerts", "subscribe", "--subscriber", subscriber, "--id", "x", "--signal", "rebound",
                "--severity", "loud")).isEqualTo(2);

        assertThat(stderr()).contains(
                "give exactly one condition: --signal, --price-above, --price-below, --move, --tightness-above, --tightness-below, or --feed-silent-for and/or --feed-failed-polls",
                "a capitulation signal has no strength to compare with",
                "--move needs --within, the window it is measured over",
                "unknown scope kind in planet:mars; use symbol, exchange, model or family",
                "webhook URL 'http://hooks.example.com/a' refused: webhook URL http://hooks.example.com/... must use https (plain http is only allowed with private targets, for local testing)",
                "--severity is info, warning or critical, got loud");
        assertThat(live()).doesNotContainKey(subscriber + "/x");
    }

    @Test
    void subscribeFromARulesFilePublishesEveryEntry(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, """
                subscriptions:
                  - {id: a, subscriber: %1$s, condition: {kind: signal, signal: rebound}}
                  - {id: b, subscriber: %1$s, condition: {kind: signal, signal: tightness}, scope: model:RTX 3090}
                """.formatted(subscriber));

        assertThat(run("alerts", "subscribe", "--file", rules.toString())).as(stderr()).isZero();
        assertThat(live()).containsKeys(subscriber + "/a", subscriber + "/b");
        assertThat(stdout()).contains("subscribed " + subscriber + "/a  signal rebound  on all  WARNING",
                "subscribed " + subscriber + "/b  signal tightness at index 70.0+  on model:RTX 3090  WARNING");
    }

    @Test
    void unsubscribeRemovesTheSubscriptionAndSaysWhenThereWasNone() {
        assertThat(run("alerts", "subscribe", "--subscriber", subscriber, "--id", "gone", "--signal", "rebound")).isZero();
        assertThat(run("alerts", "unsubscribe", "--subscriber", subscriber, "--id", "gone")).isZero();
        assertThat(run("alerts", "unsubscribe", "--subscriber", subscriber, "--id", "never")).isZero();

        assertThat(stdout()).contains("unsubscribed " + subscriber + "/gone" + System.lineSeparator(),
                subscriber + "/never was not subscribed; wrote its tombstone anyway");
        assertThat(live()).doesNotContainKeys(subscriber + "/gone", subscriber + "/never");
    }

    @Test
    void listShowsOneSubscribersLiveSubscriptionsWithExpiredOnesMarked() {
        assertThat(run("alerts", "subscribe", "--subscriber", subscriber, "--id", "old", "--signal", "capitulation",
                "--expires", "2020-01-01")).isZero();
        assertThat(run("alerts", "subscribe", "--subscriber", subscriber, "--id", "now", "--tightness-above", "80",
                "--scope", "model:RTX 3090", "--severity", "info")).isZero();
        assertThat(run("alerts", "subscribe", "--subscriber", subscriber, "--id", "feeds", "--feed-silent-for", "3m",
                "--feed-failed-polls", "10", "--scope", "exchange:kraken")).isZero();
        out.reset();

        assertThat(run("alerts", "list", "--subscriber", subscriber)).isZero();
        assertThat(stdout().lines()).containsExactly(
                subscriber + "/feeds  feed unhealthy: no good tick for 3m or 10 failed polls in a row, and recovered  on "
                        + "exchange:kraken  WARNING",
                subscriber + "/now  tightness crosses above 80.0  on model:RTX 3090  INFO",
                subscriber + "/old  signal capitulation  on all  WARNING  EXPIRED since 2020-01-01T00:00:00Z");

        out.reset();
        assertThat(run("alerts", "list", "--subscriber", "nobody-" + subscriber)).isZero();
        assertThat(stdout()).isEqualTo("no subscriptions of nobody-" + subscriber + System.lineSeparator());
    }

    @Test
    @Timeout(60)
    void tailPrintsOneSubscribersAlertsAtLeastThatSevereFromATimeOn() {
        // in the recent past: the broker refuses timestamps more than an hour ahead
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(10));
        try (EventProducer producer = new EventProducer(bootstrap, "tail-" + subscriber)) {
            producer.send(Topics.ALERTS, subscriber, alert("early", Alert.Severity.CRITICAL, t0), t0, null);
            producer.send(Topics.ALERTS, subscriber, alert("quiet", Alert.Severity.INFO, t0.plusSeconds(60)),
                    t0.plusSeconds(60), null);
            producer.send(Topics.ALERTS, subscriber, alert("warn", Alert.Severity.WARNING, t0.plusSeconds(120)),
                    t0.plusSeconds(120), null);
            producer.send(Topics.ALERTS, "other-" + subscriber, alert("other", Alert.Severity.CRITICAL,
                    t0.plusSeconds(150)), t0.plusSeconds(150), null);
            producer.send(Topics.ALERTS, subscriber, alert("loud", Alert.Severity.CRITICAL, t0.plusSeconds(180)),
                    t0.plusSeconds(180), null);
        }

        assertThat(run("alerts", "tail", "--subscriber", subscriber, "--severity", "warning",
                "--from", t0.plusSeconds(30).toString(), "--max", "2")).isZero();
        assertThat(stdout().lines()).extracting(line -> line.substring(line.lastIndexOf("→ ") + 2))
                .containsExactly("warn]", "loud]");
    }

    private Alert alert(String id, Alert.Severity severity, Instant at) {
        String subject = "test-" + subscriber + ":BTC-USD"; // a subject no other test's alerts are about
        return new Alert(Alert.VERSION, id, "signal:rebound", subscriber, subscriber + "/x", severity, subject,
                subject + " rebounded", at, at, Map.of());
    }
}
