package dev.rigwatch.streams;

import dev.rigwatch.events.kafka.StreamsStage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rigwatch.broker.testing.SharedKafka;
import dev.rigwatch.events.Candle;
import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.kafka.KafkaClients;
import dev.rigwatch.streams.signal.rebound.ReboundConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stage against a real broker: candles out, a poison record to the dead-letter topic with its raw bytes. */
class StreamsStageTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path stateDir;

    @Test
    void candlesReachTheirTopicAndAnUndeserializableTickReachesTheDeadLetterTopicWithItsRawBytes() throws Exception {
        String bootstrap = SharedKafka.bootstrapServers();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String exchange = "test-" + run;
        String instrument = CryptoTick.instrumentKey(exchange, "BTC-USD");
        byte[] instrumentBytes = instrument.getBytes(StandardCharsets.UTF_8);
        // event times just ahead of the wall clock, so ticks earlier tests left on the shared topic cannot make ours late
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        byte[] garbage = ("not a tick " + run).getBytes(StandardCharsets.UTF_8);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        StreamsSettings settings = StreamsSettings.defaults().withApplicationId("rigwatch-streams-test-" + run, stateDir)
                .withCommitInterval(Duration.ofMillis(100));

        RecordMetadata poison;
        try (StreamsStage stage = MarketTopology.stage(bootstrap, settings, TopicNamespace.PRODUCTION, meters,
                Clock.systemUTC())) {
            stage.start();
            assertThat(stage.state()).isEqualTo(KafkaStreams.State.RUNNING);

            try (Producer<byte[], byte[]> producer = new KafkaProducer<>(KafkaClients.producer(bootstrap, "test-" + run))) {
                send(producer, tick(exchange, "100.5", minute.plusSeconds(10)));
                poison = producer.send(new ProducerRecord<>(Topics.CRYPTO_TICKS.name(), null,
                        minute.plusSeconds(15).toEpochMilli(), instrumentBytes, garbage)).get();
                send(producer, tick(exchange, "99.25", minute.plusSeconds(40)));
                send(producer, tick(exchange, "101", minute.plusSeconds(70)));
                send(producer, tick(exchange, "102", minute.plusSeconds(130))); // closes both earlier minutes
            }

            List<ConsumerRecord<String, Candle>> candles = SharedKafka.consume(Topics.CRYPTO_CANDLES_1M,
                    r -> instrument.equals(r.key()), 2, WAIT);
            assertThat(candles).extracting(ConsumerRecord::key, ConsumerRecord::value, ConsumerRecord::timestamp)
                    .containsExactly(
                            tuple(instrument, candle(instrument, minute, "100.5", "100.5", "99.25", "99.25", 2),
                                    minute.plusSeconds(60).toEpochMilli()),
                            tuple(instrument, candle(instrument, minute.plusSeconds(60), "101", "101", "101", "101", 1),
                                    minute.plusSeconds(120).toEpochMilli()));

            List<ConsumerRecord<byte[], byte[]>> dead = SharedKafka.consume(Topics.STREAMS_DEAD_LETTER,
                    r -> Arrays.equals(instrumentBytes, r.key()), 1, WAIT);
            assertThat(dead).hasSize(1);
            assertThat(dead.get(0).value()).isEqualTo(garbage);
            assertThat(headers(dead.get(0).headers()))
                    .containsEntry("__streams.errors.exception", SerializationException.class.getName())
                    .containsEntry("__streams.errors.topic", Topics.CRYPTO_TICKS.name())
                    .containsEntry("__streams.errors.partition", Integer.toString(poison.partition()))
                    .containsEntry("__streams.errors.offset", Long.toString(poison.offset()));

            assertThat(meters.find("kafka.stream.task.dropped.records.total").functionCounters()).isNotEmpty();
        }
    }

    private static ProducerRecord<byte[], byte[]> tick(String exchange, String price, Instant at) {
        CryptoTick tick = TopologyHarness.tick(exchange, "BTC-USD", new BigDecimal(price), at);
        return new ProducerRecord<>(Topics.CRYPTO_TICKS.name(), null, at.toEpochMilli(),
                tick.key().getBytes(StandardCharsets.UTF_8),
                Topics.CRYPTO_TICKS.valueSerde().serializer().serialize(Topics.CRYPTO_TICKS.name(), tick));
    }

    private static void send(Producer<byte[], byte[]> producer, ProducerRecord<byte[], byte[]> record) throws Exception {
        producer.send(record).get();
    }

    private static Candle candle(String instrument, Instant start, String open, String high, String low, String close,
                                 long ticks) {
        return CandleTopologyTest.candle(instrument, start, open, high, low, close, ticks);
    }

    private static Map<String, String> headers(Headers headers) {
        Map<String, String> out = new HashMap<>();
        headers.forEach(h -> out.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
        return out;
    }
}
