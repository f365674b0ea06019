package dev.rigwatch.events.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigwatch.events.Alert;
import dev.rigwatch.events.Topics;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubscriptionTest {

    private static final Instant T = Instant.parse("2026-11-25T12:00:00Z");

    @Test
    void everyConditionKindSurvivesTheTopicSerde() {
        List<Condition> conditions = List.of(
                new Condition.SignalFired("rebound", 1.5),
                new Condition.SignalFired("capitulation", null),
                new Condition.PriceCross(Condition.Direction.UP, new BigDecimal("100000.50"), 0.5),
                new Condition.PriceMove(Condition.Direction.ANY, 5, Duration.ofHours(1)),
                new Condition.TightnessLevel(Condition.Direction.DOWN, 30, 5));
        for (Condition condition : conditions) {
            Subscription subscription = new Subscription(Subscription.VERSION, "rule-1", "alice", condition,
                    Scope.parse("symbol:BTC-USD"), Alert.Severity.CRITICAL,
                    new Throttle(Duration.ofMinutes(15), Duration.ofHours(1), 10), T.plusSeconds(86_400),
                    new Webhook("https://hooks.example.com/rigwatch", List.of("0123456789abcdef", "fedcba9876543210")), T);
            byte[] bytes = Topics.ALERTS_SUBSCRIPTIONS.valueSerde().serializer().serialize("t", subscription);
            assertThat(Topics.ALERTS_SUBSCRIPTIONS.valueSerde().deserializer().deserialize("t", bytes))
                    .isEqualTo(subscription);
        }
    }

    @Test
    void defaultsKeyAndExpiry() {
        Subscription subscription = new Subscription(Subscription.VERSION, "eth", "bob",
                new Condition.SignalFired("rebound", null), null, null, null, T, null, T);
        assertThat(subscription.key()).isEqualTo("bob/eth");
        assertThat(subscription.scope()).isEqualTo(Scope.ALL);
        assertThat(subscription.throttle()).isEqualTo(Throttle.NONE);
        assertThat(subscription.activeAt(T.minusMillis(1))).isTrue();
        assertThat(subscription.activeAt(T)).isFalse();
    }

    @Test
    void refusesWhatCannotWork() {
        assertThatThrownBy(() -> new Subscription(1, "a/b", "bob", new Condition.SignalFired("rebound", null),
                null, null, null, null, null, T)).hasMessageContaining("id must be");
        assertThatThrownBy(() -> new Condition.SignalFired("moon", null)).hasMessageContaining("signal must be one of");
        assertThatThrownBy(() -> new Condition.PriceCross(Condition.Direction.ANY, BigDecimal.ONE, 0))
                .hasMessageContaining("UP or DOWN");
        assertThatThrownBy(() -> new Webhook("https://x", List.of("short"))).hasMessageContaining("16 characters");
        assertThatThrownBy(() -> Scope.parse("planet:mars")).hasMessageContaining("unknown scope kind");
        assertThat(new Webhook("https://x", List.of("0123456789abcdef")).toString()).doesNotContain("0123456789abcdef");
    }

    @Test
    void scopesParseAndPrint() {
        assertThat(Scope.parse("model:RTX 3090")).isEqualTo(new Scope(Scope.Kind.MODEL, "RTX 3090"));
        assertThat(Scope.parse("ALL")).isEqualTo(Scope.ALL);
        assertThat(Scope.parse("family:GeForce RTX 30").toString()).isEqualTo("family:GeForce RTX 30");
    }
}
