package dev.rigwatch.streams;

import dev.rigwatch.events.Candle;
import dev.rigwatch.streams.candles.Candles;
import dev.rigwatch.streams.signal.rebound.Rebound;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;

/** The crypto topology: ticks to 1-minute candles, candles to rebound signals. Tests and production build it here. */
public final class CryptoTopology {

    private CryptoTopology() {
    }

    public static Topology build(StreamsSettings settings) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, Candle> candles = Candles.addTo(builder, settings.candleGrace());
        Rebound.addTo(candles, settings.rebound());
        return builder.build();
    }
}
