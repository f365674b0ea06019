package dev.rigwatch.streams.signal.rebound;

import dev.rigwatch.events.Candle;
import dev.rigwatch.events.GpuMarketStats;
import dev.rigwatch.events.ReboundSignal;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.kafka.StreamsStage;
import dev.rigwatch.streams.signal.SignalCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;

/**
 * The rebound functions in a {@link TopologyTestDriver} configured like {@link StreamsStage}, fed closed candles, GPU
 * stats or GPU sold prices directly from their topics, as the daily and GPU series are in production.
 */
final class ReboundDriver implements AutoCloseable {

    /** Where the signals written are counted. */
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final TopologyTestDriver driver;
    final TestOutputTopic<String, ReboundSignal> signals;
    final TestOutputTopic<byte[], byte[]> deadLetters;
    private final StreamsBuilder builder;

    private ReboundDriver(Path stateDir, Consumer<ReboundDriver> wiring, StreamsBuilder builder) {
        this.builder = builder;
        wiring.accept(this);
        driver = new TopologyTestDriver(builder.build(),
                StreamsStage.properties("localhost:9", "rebound-test", stateDir, Duration.ofMillis(100),
                        TopicNamespace.PRODUCTION));
        signals = driver.createOutputTopic(Topics.SIGNALS_REBOUND.name(),
                Topics.SIGNALS_REBOUND.keySerde().deserializer(), Topics.SIGNALS_REBOUND.valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(Topics.STREAMS_DEAD_LETTER.name(),
                Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
    }

    /** The rule on the candles of {@code topic}, all of {@code interval}. */
    static ReboundDriver candles(Path stateDir, Topic<String, Candle> topic, Duration interval, ReboundConfig config) {
        return new ReboundDriver(stateDir,
                d -> Rebound.addTo(d.stream(topic), TopicNamespace.PRODUCTION, interval, config, d.counter()), new StreamsBuilder());
    }

    /** The GPU rule on {@link Topics#GPU_STATS_1H}. */
    static ReboundDriver gpu(Path stateDir, ReboundConfig config, boolean includeFamilies) {
        return new ReboundDriver(stateDir,
                d -> Rebound.addToGpu(d.stream(Topics.GPU_STATS_1H), TopicNamespace.PRODUCTION, Duration.ofHours(1),
                        config, includeFamilies, d.counter()),
                new StreamsBuilder());
    }

    /** The rule on the imported monthly sold prices, {@link Topics#GPU_SOLD_PRICES}. */
    static ReboundDriver gpuSold(Path stateDir, GpuSoldRebound settings) {
        return new ReboundDriver(stateDir, d -> Rebound.addToGpuSold(d.builder, TopicNamespace.PRODUCTION, settings, d.counter()),
                new StreamsBuilder());
    }

    private SignalCounter counter() {
        return new SignalCounter(meters);
    }

    /** The rebound signals counted as written ({@code rigwatch.signals}, type {@code rebound}). */
    double signalsCounted() {
        return meters.get(SignalCounter.METER).tag("type", SignalCounter.REBOUND).counter().count();
    }

    <V> KStream<String, V> stream(Topic<String, V> topic) {
        return builder.stream(topic.name(), Consumed.with(topic.keySerde(), topic.valueSerde()));
    }

    <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    /** A candle of {@code instrument} over [start, start + interval) that closed at {@code close}. */
    static Candle candle(String instrument, Duration interval, Instant start, String close) {
        BigDecimal price = new BigDecimal(close);
        return new Candle(Candle.VERSION, instrument, interval, start, start.plus(interval), price, price, price, price,
                null, 0);
    }

    /** The sum over tasks of the detector's {@code out-of-order-closes-total} metric. */
    double outOfOrderCloses() {
        return driver.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals("out-of-order-closes-total")
                        && e.getKey().group().equals("stream-rebound-metrics"))
                .mapToDouble(e -> (Double) e.getValue().metricValue())
                .sum();
    }

    @Override
    public void close() {
        driver.close();
    }
}
