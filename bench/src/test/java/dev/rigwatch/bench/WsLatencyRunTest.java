package dev.rigwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.bench.BenchResults.LatencyFigures;
import dev.rigwatch.broker.testing.SharedKafka;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.kafka.KafkaClients;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The WebSocket latency run, briefly, on the shared broker: ticks go out as Coinbase ticker messages, through
 * ingest's feed, and alerts are timed from the messages. Never how fast: that is the benchmark's job.
 */
class WsLatencyRunTest {

    @Test
    void alertsAreTimedFromTheExchangesMessages(@TempDir Path state) {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(progress, true, StandardCharsets.UTF_8);
        TopicNamespace ns = TopicNamespace.of("bench-ws-test-" + System.nanoTime());

        // past the warm-up, a few seconds of candles are measured
        LatencyFigures figures = LatencyRun.measure(SharedKafka.bootstrapServers(), ns, LatencyRun.Ingest.COINBASE_WS,
                200, StreamsConfig.AT_LEAST_ONCE, LatencyRun.WARM_UP.plusSeconds(4), state, out);

        assertThat(figures.ingest()).isEqualTo("coinbase-ws");
        assertThat(figures.alerts()).as("alerts timed; progress:%n%s", progress).isPositive();
        assertThat(figures.p99Ms()).as("p99").isPositive().isFinite().isGreaterThanOrEqualTo(figures.p50Ms());
        assertThat(figures.maxMs()).isGreaterThanOrEqualTo(figures.p99Ms());
        assertThat(figures.ticksIngested()).as("the feed produced every tick sent, and the snapshot's")
                .isEqualTo(figures.ticksSent() + LatencyRun.INSTRUMENTS);
        assertThat(figures.reconnects()).isZero();
        assertTicksOnTheAssumedPartitions(ns, figures.ticksIngested());
    }

    /** The run times each candle from the first tick on the partition it computed for each key: the producer's. */
    private static void assertTicksOnTheAssumedPartitions(TopicNamespace ns, long expected) {
        Topic<String, ?> ticks = ns.of(Topics.CRYPTO_TICKS);
        List<TopicPartition> partitions = IntStream.range(0, ticks.partitions())
                .mapToObj(p -> new TopicPartition(ticks.name(), p)).toList();
        long read = 0;
        try (Consumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaClients.consumer(
                SharedKafka.bootstrapServers(), null, Map.of()))) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (read < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    String key = ticks.keySerde().deserializer().deserialize(ticks.name(), record.key());
                    assertThat(record.partition()).as("the partition of %s", key)
                            .isEqualTo(WsIngest.partitionOf(key, ticks.partitions()));
                    read++;
                }
            }
        }
        assertThat(read).as("ticks on crypto.ticks of the run's namespace").isEqualTo(expected);
    }
}
