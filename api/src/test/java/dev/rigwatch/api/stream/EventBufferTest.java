package dev.rigwatch.api.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EventBufferTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void aClientThatLetsItsQueueFillIsDroppedAndClosedAndTheOthersGoOn() throws InterruptedException {
        EventBuffer buffer = new EventBuffer(100, 3, meters);
        AtomicInteger closed = new AtomicInteger();
        EventBuffer.Subscription slow = buffer.subscribe("slow", null, closed::incrementAndGet);
        EventBuffer.Subscription fast = buffer.subscribe("fast", null, () -> { });
        for (int i = 0; i < 5; i++) {
            buffer.publish("alert", "{\"n\":" + i + "}");
            assertThat(fast.listener().poll(Duration.ZERO).json()).isEqualTo("{\"n\":" + i + "}");
        }
        assertThat(slow.listener().dropped()).isTrue();
        assertThat(closed).hasValue(1);
        assertThat(fast.listener().dropped()).isFalse();
        assertThat(buffer.clients()).isEqualTo(1);
        assertThat(meters.get("rigwatch.api.sse.dropped").counter().count()).isEqualTo(1.0);
        assertThat(meters.get("rigwatch.api.sse.clients").gauge().value()).isEqualTo(1.0);
    }

    @Test
    void aReconnectingClientIsReplayedWhatCameAfterItsLastIdWhileKept() {
        EventBuffer buffer = new EventBuffer(3, 10, meters);
        FeedEvent first = buffer.publish("candle", "1");
        FeedEvent second = buffer.publish("candle", "2");
        buffer.publish("signal", "3");
        buffer.publish("alert", "4");
        assertThat(buffer.subscribe("back", second.id(), () -> { }).replay()).extracting(FeedEvent::json)
                .containsExactly("3", "4");
        assertThat(buffer.subscribe("older than kept", first.id() - 1000, () -> { }).replay()).extracting(FeedEvent::json)
                .as("only the newest 3 are kept").containsExactly("2", "3", "4");
        assertThat(buffer.subscribe("new", null, () -> { }).replay()).isEmpty();
        assertThat(second.id()).isGreaterThan(first.id());
    }
}
