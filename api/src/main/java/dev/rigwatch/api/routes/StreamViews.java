package dev.rigwatch.api.routes;

import dev.rigwatch.api.view.ViewStore;
import dev.rigwatch.api.view.ViewStores;
import dev.rigwatch.events.Candle;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.Topics;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What {@code /api/stream} sends for each topic it follows: the event name and the record in the same shape the
 * query endpoints answer with ({@code candle} as in {@code /api/candles}, {@code signal} as in {@code /api/signals},
 * {@code alert} as in {@code /api/alerts}), so a page renders both with one code path.
 */
public final class StreamViews {

    /** One followed topic: its event name, and its record in the API's shape. */
    public record Kind<V>(Topic<String, V> topic, String event, Function<ConsumerRecord<String, V>, Object> shape) {

        public Kind<V> in(TopicNamespace ns) {
            return new Kind<>(ns.of(topic), event, shape);
        }

        /** @throws RuntimeException when the record does not decode */
        public Object view(ConsumerRecord<byte[], byte[]> raw) {
            String key = topic.keySerde().deserializer().deserialize(raw.topic(), raw.key());
            V value = topic.valueSerde().deserializer().deserialize(raw.topic(), raw.value());
            if (value == null) {
                throw new IllegalArgumentException("a tombstone is no event");
            }
            return shape.apply(new ConsumerRecord<>(raw.topic(), raw.partition(), raw.offset(), key, value));
        }
    }

    public static final List<Kind<?>> KINDS = List.of(
            candle(Topics.CRYPTO_CANDLES_1M), candle(Topics.CRYPTO_CANDLES_1H), candle(Topics.CRYPTO_CANDLES_1D),
            signal("rebound", ViewStores.REBOUNDS), signal("tightness", ViewStores.TIGHTNESS),
            signal("capitulation", ViewStores.CAPITULATIONS),
            new Kind<>(Topics.ALERTS, "alert", ConsumerRecord::value));

    private StreamViews() {
    }

    /** A signal's time is the one its view store files it under, so the stream and {@code /api/signals} agree. */
    private static <V> Kind<?> signal(String type, ViewStore<V> store) {
        return new Kind<>(store.topic(), "signal", r -> SignalRoutes.SignalView.of(type, r.key(),
                store.time().apply(r.value()), r.value()));
    }

    private static Kind<?> candle(Topic<String, Candle> topic) {
        return new Kind<>(topic, "candle", r -> CandleRoutes.CandleView.of(r.value()));
    }

}
