package dev.rigwatch.streams;

import dev.rigwatch.events.kafka.StreamsStage;
import dev.rigwatch.events.Candle;
import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.ReboundSignal;
import dev.rigwatch.events.TimeSource;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.Topics;
import dev.rigwatch.streams.signal.rebound.ReboundConfig;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** The crypto topology in a {@link TopologyTestDriver}, configured exactly like {@link StreamsStage}. */
final class TopologyHarness implements AutoCloseable {

    static final Duration GRACE = Duration.ofSeconds(10);

    final TopologyTestDriver driver;
    final TestInputTopic<String, CryptoTick> ticks;
    final TestOutputTopic<String, Candle> candles;
    final TestOutputTopic<String, ReboundSignal> signals;
    final TestOutputTopic<byte[], byte[]> deadLetters;

    TopologyHarness(Path stateDir) {
        StreamsSettings settings = StreamsSettings.defaults().withApplicationId("rigwatch-streams-test", stateDir)
                .withCandleGrace(GRACE).withCommitInterval(Duration.ofMillis(100));
        driver = new TopologyTestDriver(CryptoTopology.build(settings, TopicNamespace.PRODUCTION),
                StreamsStage.properties("localhost:9", settings.applicationId(), settings.stateDir(),
                        settings.commitInterval(), TopicNamespace.PRODUCTION));
        ticks = driver.createInputTopic(Topics.CRYPTO_TICKS.name(),
                Topics.CRYPTO_TICKS.keySerde().serializer(), Topics.CRYPTO_TICKS.valueSerde().serializer());
        candles = driver.createOutputTopic(Topics.CRYPTO_CANDLES_1M.name(),
                Topics.CRYPTO_CANDLES_1M.keySerde().deserializer(), Topics.CRYPTO_CANDLES_1M.valueSerde().deserializer());
        signals = driver.createOutputTopic(Topics.SIGNALS_REBOUND.name(),
                Topics.SIGNALS_REBOUND.keySerde().deserializer(), Topics.SIGNALS_REBOUND.valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(Topics.STREAMS_DEAD_LETTER.name(),
                Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
    }

    /** Pipes a tick of {@code exchange:symbol} whose event time (and so record timestamp) is {@code at}. */
    void tick(String exchange, String symbol, String price, Instant at) {
        CryptoTick tick = tick(exchange, symbol, new BigDecimal(price), at);
        ticks.pipeInput(tick.key(), tick, at);
    }

    static CryptoTick tick(String exchange, String symbol, BigDecimal price, Instant at) {
        return new CryptoTick(CryptoTick.VERSION, exchange, symbol, price, null, null, null, null,
                at, at.plusMillis(150), TimeSource.EXCHANGE);
    }

    /** The sum over tasks of Kafka Streams' {@code dropped-records-total} task metric. */
    double droppedRecords() {
        return driver.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals("dropped-records-total")
                        && e.getKey().group().equals("stream-task-metrics"))
                .mapToDouble(e -> (Double) e.getValue().metricValue())
                .sum();
    }

    @Override
    public void close() {
        driver.close();
    }
}
