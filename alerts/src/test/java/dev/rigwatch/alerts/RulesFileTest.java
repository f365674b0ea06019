package dev.rigwatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigwatch.events.Alert;
import dev.rigwatch.events.alert.Condition;
import dev.rigwatch.events.alert.Condition.Direction;
import dev.rigwatch.events.alert.Scope;
import dev.rigwatch.events.alert.Subscription;
import dev.rigwatch.events.alert.Throttle;
import dev.rigwatch.events.alert.Webhook;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesFileTest {

    private static final Instant MODIFIED = Instant.parse("2026-11-20T08:30:00Z");

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(MODIFIED));
        return file;
    }

    @Test
    void aYamlFileReadsEveryFieldWithShortDurationsTextScopesAnyCaseEnumsAndDefaults() throws Exception {
        Path file = write("rules.yaml", """
                subscriptions:
                  - id: btc-100k
                    subscriber: alice
                    condition: {kind: price-cross, direction: up, level: 100000.25, hysteresisPct: 0.5}
                    scope: symbol:BTC-USD
                    severity: critical
                    throttle: {cooldown: 30m, oncePer: PT1H, maxPerDay: 5}
                    expiresAt: 2027-01-01T00:00:00Z
                    webhook: {url: "https://hooks.example.com/a", secrets: [0123456789abcdef]}
                  - id: tight
                    subscriber: bob
                    condition: {kind: signal, signal: tightness, minStrength: 75}
                """);

        assertThat(RulesFile.load(file)).containsExactly(
                new Subscription(1, "btc-100k", "alice",
                        new Condition.PriceCross(Direction.UP, new BigDecimal("100000.25"), 0.5),
                        new Scope(Scope.Kind.SYMBOL, "BTC-USD"), Alert.Severity.CRITICAL,
                        new Throttle(Duration.ofMinutes(30), Duration.ofHours(1), 5),
                        Instant.parse("2027-01-01T00:00:00Z"),
                        new Webhook("https://hooks.example.com/a", List.of("0123456789abcdef")), MODIFIED),
                new Subscription(1, "tight", "bob", new Condition.SignalFired("tightness", 75.0), Scope.ALL,
                        Alert.Severity.WARNING, Throttle.NONE, null, null, MODIFIED));
    }

    @Test
    void aJsonFileReadsTheSameFields() throws Exception {
        Path file = write("rules.json", """
                {"subscriptions": [{"id": "moves", "subscriber": "carol", "v": 1, "createdAt": "2026-11-01T00:00:00Z",
                  "condition": {"kind": "price-move", "direction": "ANY", "pct": 5, "window": "1h"},
                  "scope": {"kind": "EXCHANGE", "value": "kraken"}, "severity": "INFO"}]}
                """);

        assertThat(RulesFile.load(file)).containsExactly(new Subscription(1, "moves", "carol",
                new Condition.PriceMove(Direction.ANY, 5, Duration.ofHours(1)), new Scope(Scope.Kind.EXCHANGE, "kraken"),
                Alert.Severity.INFO, Throttle.NONE, null, null, Instant.parse("2026-11-01T00:00:00Z")));
    }

    @Test
    void theExampleFileHoldsOneSubscriptionOfEachConditionKind() {
        List<Subscription> example = RulesFile.load(Path.of("examples", "rules.yaml"));
        assertThat(example).extracting(s -> s.condition().ruleName()).containsExactly("signal:rebound",
                "price-cross", "price-move", "tightness-level", "signal:tightness", "signal:capitulation", "feed-health");
        assertThat(example).extracting(s -> s.scope().toString()).containsExactly("all", "symbol:BTC-USD",
                "exchange:kraken", "family:GeForce RTX 30", "all", "model:RTX 3080", "exchange:kraken");
    }

    @Test
    void theBundledDefaultsGiveTheBroadcastSubscriberEveryReboundAndFeedsGoneSilent() {
        assertThat(RulesFile.bundledDefaults()).containsExactly(new Subscription(1, "rebound", "all",
                new Condition.SignalFired("rebound", null), Scope.ALL, Alert.Severity.WARNING, Throttle.NONE, null,
                null, Instant.parse("2026-11-01T00:00:00Z")), new Subscription(1, "feed-health", "all",
                new Condition.FeedHealth(Duration.ofMinutes(5), null), Scope.ALL, Alert.Severity.WARNING,
                Throttle.NONE, null, null, Instant.parse("2026-11-01T00:00:00Z")));
    }

    @Test
    void anInvalidValueIsReportedWithTheFileTheEntryAndTheField() throws Exception {
        Path file = write("rules.yaml", """
                subscriptions:
                  - {id: ok, subscriber: alice, condition: {kind: signal, signal: rebound}}
                  - id: btc
                    subscriber: alice
                    condition: {kind: price-cross, direction: up, level: -5}
                """);
        assertThatThrownBy(() -> RulesFile.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + ": subscriptions[1] (alice/btc): condition: level must be positive, got -5");
    }

    @Test
    void aMisspelledFieldIsAnErrorNamingIt() throws Exception {
        Path file = write("rules.yml", """
                subscriptions:
                  - id: btc
                    subscriber: alice
                    condition: {kind: signal, signal: rebound}
                    throttle: {cooldwn: 30m}
                """);
        assertThatThrownBy(() -> RulesFile.load(file)).hasMessageStartingWith(
                file + ": subscriptions[0] (alice/btc): throttle.cooldwn: Unrecognized field \"cooldwn\"");
    }

    @Test
    void missingAndMalformedFieldsAreNamed() throws Exception {
        assertThatThrownBy(() -> RulesFile.parseYaml("subscriptions: [{id: x, condition: {kind: signal, signal: rebound}}]",
                "r.yaml", MODIFIED))
                .hasMessage("r.yaml: subscriptions[0]: subscriber must be 1-64 letters, digits, '.', '_' or '-', got null");
        assertThatThrownBy(() -> RulesFile.parseYaml("subscriptions: [{id: x, subscriber: y, condition: {kind: "
                + "price-move, direction: up, pct: 5, window: soon}}]", "r.yaml", MODIFIED))
                .hasMessageStartingWith("r.yaml: subscriptions[0] (y/x): condition.window: Cannot deserialize value of "
                        + "type `java.time.Duration` from String \"soon\": 'soon' is not a duration: use e.g. 200ms, 90s, 5m, 2h, 1d or PT90S");
        assertThatThrownBy(() -> RulesFile.parseYaml("subscriptions: [{id: x, subscriber: y, scope: planet:mars, "
                + "condition: {kind: signal, signal: rebound}}]", "r.yaml", MODIFIED))
                .hasMessage("r.yaml: subscriptions[0] (y/x): scope: unknown scope kind in planet:mars; use symbol, "
                        + "exchange, model or family");
        assertThatThrownBy(() -> RulesFile.parseYaml("subscriptions: [{id: x, subscriber: y, condition: {kind: "
                + "price-cross, direction: up}}]", "r.yaml", MODIFIED))
                .hasMessage("r.yaml: subscriptions[0] (y/x): condition: level is required");
        assertThatThrownBy(() -> RulesFile.parseYaml("subscriptions: [{id: x, subscriber: y, condition: {kind: "
                + "blink}}]", "r.yaml", MODIFIED))
                .hasMessageStartingWith("r.yaml: subscriptions[0] (y/x): condition: Could not resolve type id 'blink'");
    }

    @Test
    void aSubscriptionDefinedTwiceIsAnError() {
        assertThatThrownBy(() -> RulesFile.parseJson("""
                {"subscriptions": [
                  {"id": "x", "subscriber": "y", "condition": {"kind": "signal", "signal": "rebound"}},
                  {"id": "x", "subscriber": "y", "condition": {"kind": "signal", "signal": "capitulation"}}]}
                """, "r.json", MODIFIED))
                .hasMessage("r.json: subscriptions[1] (y/x): y/x is already defined by r.json: subscriptions[0] (y/x)");
    }

    @Test
    void aFileThatIsNoRulesFileIsRefusedClearly() throws Exception {
        assertThatThrownBy(() -> RulesFile.parseYaml("subscriptions: [\n  {id: x", "r.yaml", MODIFIED))
                .hasMessageStartingWith("r.yaml: not valid YAML at line ");
        assertThatThrownBy(() -> RulesFile.parseYaml("rules: []", "r.yaml", MODIFIED))
                .hasMessage("r.yaml: expected a map with a list under 'subscriptions'");
        assertThatThrownBy(() -> RulesFile.parseYaml("subscriptions: []\nextra: 1", "r.yaml", MODIFIED))
                .hasMessage("r.yaml: unknown top-level field 'extra' (a rules file holds only 'subscriptions')");
        Path text = write("rules.txt", "subscriptions: []");
        assertThatThrownBy(() -> RulesFile.load(text)).hasMessage(text + ": a rules file is .yaml, .yml or .json");
        assertThatThrownBy(() -> RulesFile.load(dir.resolve("missing.yaml"))).isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("cannot read rules file " + dir.resolve("missing.yaml"));
    }
}
