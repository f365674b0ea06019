package dev.rigwatch.streams.signal.capitulation;

import dev.rigwatch.events.Candle;
import dev.rigwatch.events.MinerCapitulation;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.gpu.GpuCatalogue;
import dev.rigwatch.events.kafka.StreamsStage;
import dev.rigwatch.streams.signal.SignalCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** The capitulation topology in a {@link TopologyTestDriver} configured like {@link StreamsStage}. */
final class CapitulationHarness implements AutoCloseable {

    /** Where the signals written are counted. */
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final TopologyTestDriver driver;
    final TestInputTopic<String, Candle> days;
    final TestOutputTopic<String, MinerCapitulation> signals;

    CapitulationHarness(Path stateDir, CapitulationSettings settings, GpuCatalogue catalogue) {
        StreamsBuilder builder = new StreamsBuilder();
        Capitulation.addTo(builder, TopicNamespace.PRODUCTION, settings, catalogue, new SignalCounter(meters));
        driver = new TopologyTestDriver(builder.build(),
                StreamsStage.properties("localhost:9", "rigwatch-capitulation-test", stateDir, Duration.ofMillis(100),
                        TopicNamespace.PRODUCTION));
        days = driver.createInputTopic(Topics.CRYPTO_CANDLES_1D.name(), Topics.CRYPTO_CANDLES_1D.keySerde().serializer(),
                Topics.CRYPTO_CANDLES_1D.valueSerde().serializer());
        signals = driver.createOutputTopic(Topics.SIGNALS_CAPITULATION.name(),
                Topics.SIGNALS_CAPITULATION.keySerde().deserializer(),
                Topics.SIGNALS_CAPITULATION.valueSerde().deserializer());
    }

    /** Pipes the daily candle of {@code instrument} for {@code day} closing at {@code close}, as the roll-up writes it. */
    void day(String instrument, LocalDate day, String close) {
        Instant start = day.atStartOfDay().toInstant(ZoneOffset.UTC);
        BigDecimal price = new BigDecimal(close);
        Candle candle = new Candle(Candle.VERSION, instrument, Duration.ofDays(1), start, start.plus(Duration.ofDays(1)),
                price, price, price, price, null, 1440);
        days.pipeInput(instrument, candle, candle.windowEnd());
    }

    /** The capitulation task metric {@code name}, summed over tasks. */
    double metric(String name) {
        return driver.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals(name) && e.getKey().group().equals("stream-capitulation-metrics"))
                .mapToDouble(e -> (Double) e.getValue().metricValue())
                .sum();
    }

    /** The signals counted as written ({@code rigwatch.signals}, type {@code capitulation}). */
    double signalsCounted() {
        return meters.get(SignalCounter.METER).tag("type", SignalCounter.CAPITULATION).counter().count();
    }

    @Override
    public void close() {
        driver.close();
    }
}
