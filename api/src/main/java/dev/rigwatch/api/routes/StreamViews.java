package dev.rigwatch.api.routes;

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
            new Kind<>(Topics.SIGNALS_REBOUND, "signal", r -> SignalRoutes.SignalView.of("rebound", r.key(),
                    r.value().confirmedAt(), r.value())),
            new Kind<>(Topics.SIGNALS_TIGHTNESS, "signal", r -> SignalRoutes.SignalView.of("tightness", r.key(),
                    r.value().windowStart(), r.value())),
            new Kind<>(Topics.SIGNALS_CAPITULATION, "signal", r -> SignalRoutes.SignalView.of("capitulation", r.key(),
                    r.value().dayEnd(), r.value())),
            new Kind<>(Topics.ALERTS, "alert", ConsumerRecord::value));

    private StreamViews() {
    }

    private static Kind<?> candle(Topic<String, dev.rigwatch.events.Candle> topic) {
        return new Kind<>(topic, "candle", r -> CandleRoutes.CandleView.of(r.value()));
    }

}
