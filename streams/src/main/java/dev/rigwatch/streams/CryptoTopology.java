package dev.rigwatch.streams;

import dev.rigwatch.events.Candle;
import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.streams.candles.CandleRollUps;
import dev.rigwatch.streams.candles.Candles;
import dev.rigwatch.streams.candles.ValidTicks;
import dev.rigwatch.streams.prices.ConsolidatedPrices;
import dev.rigwatch.streams.signal.SignalCounter;
import dev.rigwatch.streams.signal.rebound.Rebound;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;

/**
 * The crypto topology: ticks to 1-minute candles, those to 1-hour and 1-day candles, the candles to rebound signals;
 * ticks to the cross-exchange price. Tests and production build it here.
 */
public final class CryptoTopology {

    private CryptoTopology() {
    }

    /** The crypto topology alone, its signals counted nowhere that is read. */
    public static Topology build(StreamsSettings settings, TopicNamespace ns) {
        StreamsBuilder builder = new StreamsBuilder();
        addTo(builder, ns, settings, SignalCounter.unread());
        return builder.build();
    }

    /** Adds the crypto topology on the topics of {@code ns}; {@code signals} counts the rebound signals it writes. */
    public static void addTo(StreamsBuilder builder, TopicNamespace ns, StreamsSettings settings, SignalCounter signals) {
        KStream<String, CryptoTick> ticks = ValidTicks.addTo(builder, ns);
        KStream<String, Candle> candles = Candles.addTo(ticks, ns, settings.candleGrace());
        CandleRollUps.addTo(candles, ns, settings.rollUpGrace());
        Rebound.addTo(builder, ns, candles, settings.rebound(), signals);
        ConsolidatedPrices.addTo(ticks, ns, settings.prices());
    }
}
