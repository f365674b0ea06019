package dev.rigwatch.ingest.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rigwatch.events.Json;
import dev.rigwatch.testing.TestData;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;

/** What the WebSocket protocol tests share: fixtures as the single-line frames the exchanges send, JSON equality. */
public final class WsFixtures {

    private WsFixtures() {
    }

    /**
     * A fixture of {@code fixtures/exchanges/ws/} on one line, as it comes off the socket: its lines stripped and
     * joined, never re-serialised (a JSON tree would drop the trailing zeros of Kraken's numbers).
     */
    public static String frame(String name) {
        return TestData.fixture(name).lines().map(String::strip).collect(Collectors.joining());
    }

    /** Asserts that the messages are, in order, these JSON documents (field order and spacing aside). */
    public static void assertJson(List<String> messages, String... expected) {
        assertThat(messages.stream().map(WsFixtures::tree).toList())
                .containsExactlyElementsOf(List.of(expected).stream().map(WsFixtures::tree).toList());
    }

    private static JsonNode tree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
