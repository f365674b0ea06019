package dev.rigwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.bench.BenchResults.LatencyFigures;
import dev.rigwatch.broker.testing.SharedKafka;
import dev.rigwatch.events.TopicNamespace;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
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

        // past the warm-up, a few seconds of candles are measured
        LatencyFigures figures = LatencyRun.measure(SharedKafka.bootstrapServers(),
                TopicNamespace.of("bench-ws-test-" + System.nanoTime()), LatencyRun.Ingest.COINBASE_WS, 200,
                StreamsConfig.AT_LEAST_ONCE, LatencyRun.WARM_UP.plusSeconds(4), state, out);

        assertThat(figures.ingest()).isEqualTo("coinbase-ws");
        assertThat(figures.alerts()).as("alerts timed; progress:%n%s", progress).isPositive();
        assertThat(figures.p99Ms()).as("p99").isPositive().isFinite().isGreaterThanOrEqualTo(figures.p50Ms());
        assertThat(figures.maxMs()).isGreaterThanOrEqualTo(figures.p99Ms());
        assertThat(figures.ticksIngested()).as("the feed produced every tick sent, and the snapshot's")
                .isEqualTo(figures.ticksSent() + LatencyRun.INSTRUMENTS);
        assertThat(figures.reconnects()).isZero();
    }
}
