package dev.rigwatch.ingest.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rigwatch.events.Json;
import dev.rigwatch.ingest.RejectReason;
import dev.rigwatch.ingest.exchange.InstrumentRegistry;
import dev.rigwatch.ingest.http.InvalidResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * What every exchange's {@link WsSession} does the same way: parse a frame with the shared mapper, turn whatever
 * goes wrong into a {@link FeedMessage.Malformed} instead of an exception, and check the symbols a session is
 * opened for. Problems are reported as {@link InvalidResponse}, the REST adapters' type, so that the REST
 * {@code Fields} rules (a missing field, a decimal that is no number) read the same on both transports.
 */
public final class WsFrames {

    /** Reads a frame, saying what is wrong with it by throwing. */
    @FunctionalInterface
    public interface Reader {
        List<FeedMessage> read() throws InvalidResponse;
    }

    private WsFrames() {
    }

    /**
     * The reader's messages, or one {@link FeedMessage.Malformed} when it finds the frame wrong. A runtime
     * exception (a record's own check, an overflow) is caught too: {@link WsSession#read} must never throw.
     */
    public static List<FeedMessage> guarded(String frame, Reader reader) {
        try {
            return reader.read();
        } catch (InvalidResponse e) {
            return List.of(new FeedMessage.Malformed(frame, e.getMessage()));
        } catch (RuntimeException e) {
            return List.of(new FeedMessage.Malformed(frame, "unreadable: " + e));
        }
    }

    /**
     * The frame as a tree, to tell its kind by the fields it has. Every exchange sends JSON objects; anything else
     * (an array, a bare value, text that is not JSON) is malformed. Decimals are read from the frame again into a
     * typed record ({@link #json}), never from this tree, whose numbers lose their trailing zeros.
     */
    public static JsonNode tree(String frame) throws InvalidResponse {
        if (frame == null || frame.isBlank()) {
            throw new InvalidResponse(RejectReason.MALFORMED_JSON, "empty frame");
        }
        JsonNode node;
        try {
            node = Json.mapper().readTree(frame);
        } catch (JsonProcessingException e) {
            throw new InvalidResponse(RejectReason.MALFORMED_JSON, "not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new InvalidResponse(RejectReason.MALFORMED_JSON, "not a JSON object");
        }
        return node;
    }

    /** The frame as one of an exchange's message records; {@code what} names it for the reason. */
    public static <T> T json(String frame, Class<T> type, String what) throws InvalidResponse {
        try {
            T value = Json.mapper().readValue(frame, type);
            if (value == null) {
                throw new InvalidResponse(RejectReason.MALFORMED_JSON, "JSON null, not " + what);
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new InvalidResponse(RejectReason.MALFORMED_JSON, "not " + what + ": " + e.getOriginalMessage());
        }
    }

    /** A text field of the tree, or null when it is missing or not text. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    /**
     * The symbols to subscribe, each once, in the order given. Every one must be listed for the exchange: a
     * symbol the registry does not know is a configuration error, as it is for polling.
     */
    public static List<String> subscribable(String exchange, List<String> symbols, InstrumentRegistry instruments) {
        if (symbols == null || symbols.isEmpty()) {
            throw new IllegalArgumentException("a " + exchange + " WebSocket session needs at least one symbol");
        }
        instruments.requireListed(exchange, symbols);
        return new ArrayList<>(new LinkedHashSet<>(symbols));
    }
}
