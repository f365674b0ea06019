package dev.rigwatch.streams.signal;

import dev.rigwatch.events.Topic;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The one way a signal reaches its topic: through a named peek that counts it, the meter {@code rigwatch.signals}
 * tagged {@code type}, so an operator sees how often each rule fires without reading the topics. The count is of
 * records handed to the sink: a transaction that aborts and is processed again counts its signals again.
 */
public final class SignalCounter {

    public static final String METER = "rigwatch.signals";
    public static final String REBOUND = "rebound";
    public static final String TIGHTNESS = "tightness";
    public static final String CAPITULATION = "capitulation";

    private final MeterRegistry meters;

    public SignalCounter(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Counts into a registry nobody reads: for a topology built only to be described or to list its topics. */
    public static SignalCounter unread() {
        return new SignalCounter(new SimpleMeterRegistry());
    }

    /** Writes {@code signals} of {@code type} to {@code topic} through the sink {@code sinkName}, counting each. */
    public <V> void to(KStream<String, V> signals, Topic<String, V> topic, String type, String sinkName) {
        Counter counter = Counter.builder(METER).description("signals written to their topic, by type")
                .tag("type", type).register(meters);
        signals.peek((key, signal) -> counter.increment(), Named.as(sinkName + "-count"))
                .to(topic.name(), Produced.with(topic.keySerde(), topic.valueSerde()).withName(sinkName));
    }
}
