package dev.rigwatch.streams.candles;

import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.Topics;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * The source of {@link Topics#CRYPTO_TICKS} and the one check every tick passes before the candles and the
 * cross-exchange prices see it. Checking once, before the branches, sends an invalid tick to the dead-letter topic
 * once rather than once per branch.
 */
public final class ValidTicks {

    private ValidTicks() {
    }

    /** Adds the ticks source of {@code ns} to {@code builder}; returns the ticks that passed {@link TickIntegrityCheck}. */
    public static KStream<String, CryptoTick> addTo(StreamsBuilder builder, TopicNamespace ns) {
        Topic<String, CryptoTick> ticks = ns.of(Topics.CRYPTO_TICKS);
        return builder
                .stream(ticks.name(), Consumed.with(ticks.keySerde(), ticks.valueSerde()).withName("crypto-ticks-source"))
                .processValues(TickIntegrityCheck::new, Named.as("ticks-validate"));
    }
}
