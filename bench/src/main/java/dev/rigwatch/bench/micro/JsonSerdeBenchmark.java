package dev.rigwatch.bench.micro;

import dev.rigwatch.bench.BenchInput;
import dev.rigwatch.events.Candle;
import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.Topics;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The topics' own JSON serdes on the two records the pipeline moves most: a tick of {@code crypto.ticks} (the same
 * tick the pipeline benchmark loads) and a one-minute candle of {@code crypto.candles.1m}, each way.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JsonSerdeBenchmark {

    private final Serializer<CryptoTick> tickSerializer = Topics.CRYPTO_TICKS.valueSerde().serializer();
    private final Deserializer<CryptoTick> tickDeserializer = Topics.CRYPTO_TICKS.valueSerde().deserializer();
    private final Serializer<Candle> candleSerializer = Topics.CRYPTO_CANDLES_1M.valueSerde().serializer();
    private final Deserializer<Candle> candleDeserializer = Topics.CRYPTO_CANDLES_1M.valueSerde().deserializer();
    private final String tickTopic = Topics.CRYPTO_TICKS.name();
    private final String candleTopic = Topics.CRYPTO_CANDLES_1M.name();

    private CryptoTick tick;
    private byte[] tickJson;
    private Candle candle;
    private byte[] candleJson;

    @Setup
    public void setUp() {
        Instant time = Instant.parse("2026-01-05T12:00:07Z");
        tick = new BenchInput(1).tick(0, time);
        tickJson = tickSerializer.serialize(tickTopic, tick);
        Instant windowStart = Instant.parse("2026-01-05T12:00:00Z");
        // as the candle stage builds it from ticks: no volume, the tick count
        candle = new Candle(Candle.VERSION, tick.key(), Duration.ofMinutes(1), windowStart,
                windowStart.plus(Duration.ofMinutes(1)), new BigDecimal("37412.83"), new BigDecimal("37455.10"),
                new BigDecimal("37398.02"), new BigDecimal("37440.57"), null, 60);
        candleJson = candleSerializer.serialize(candleTopic, candle);
    }

    @Benchmark
    @ReportedAs("serde: tick -> JSON")
    public byte[] serializeTick() {
        return tickSerializer.serialize(tickTopic, tick);
    }

    @Benchmark
    @ReportedAs("serde: JSON -> tick")
    public CryptoTick deserializeTick() {
        return tickDeserializer.deserialize(tickTopic, tickJson);
    }

    @Benchmark
    @ReportedAs("serde: candle -> JSON")
    public byte[] serializeCandle() {
        return candleSerializer.serialize(candleTopic, candle);
    }

    @Benchmark
    @ReportedAs("serde: JSON -> candle")
    public Candle deserializeCandle() {
        return candleDeserializer.deserialize(candleTopic, candleJson);
    }
}
