package dev.rigwatch.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A serde for one event type, built on {@link Json#mapper()}. A record that is not valid JSON for the type
 * fails with a {@link SerializationException} naming the topic, the type and a snippet of the bytes; the
 * Kafka consumer wraps it in a {@code RecordDeserializationException} that adds partition and offset, and
 * Kafka Streams hands it to the configured deserialization handler with the same coordinates.
 */
public final class JsonSerde<T> implements Serde<T> {

    private static final int SNIPPET_CHARS = 120;

    private final Class<T> type;
    // bound once: the mapper would look the type's (de)serializer up again on every record
    private final ObjectReader reader;
    private final ObjectWriter writer;

    public JsonSerde(Class<T> type) {
        this.type = type;
        this.reader = Json.mapper().readerFor(type);
        this.writer = Json.mapper().writerFor(type);
    }

    public Class<T> type() {
        return type;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                return writer.writeValueAsBytes(value);
            } catch (JsonProcessingException e) {
                throw new SerializationException(
                        "cannot write " + type.getSimpleName() + " for topic " + topic + ": " + e.getOriginalMessage(), e);
            }
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                T value = reader.readValue(bytes);
                if (value == null) {
                    throw new SerializationException(malformed(topic, bytes, "JSON null where an object was expected"));
                }
                return value;
            } catch (IOException e) {
                throw new SerializationException(malformed(topic, bytes, e.getMessage().lines().findFirst().orElse("")), e);
            }
        };
    }

    private String malformed(String topic, byte[] bytes, String cause) {
        String text = new String(bytes, 0, Math.min(bytes.length, SNIPPET_CHARS * 4), StandardCharsets.UTF_8);
        String snippet = text.length() > SNIPPET_CHARS ? text.substring(0, SNIPPET_CHARS) + "…" : text;
        return "malformed " + type.getSimpleName() + " on topic " + topic + " (" + bytes.length + " bytes: "
                + snippet.replace('\n', ' ') + "): " + cause;
    }
}
