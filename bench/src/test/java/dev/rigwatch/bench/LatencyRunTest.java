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
import java.util.UUID;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A short paced run on the shared broker, in a namespace of its own; figures checked for sense, never for speed. */
class LatencyRunTest {

    @Test
    void aPacedLoadFiresAlertsWhoseLatenciesAreOrdered(@TempDir Path state) {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        TopicNamespace ns = TopicNamespace.of("benchtest-latency-" + UUID.randomUUID().toString().substring(0, 8));

        LatencyFigures figures = LatencyRun.measure(SharedKafka.bootstrapServers(), ns, 200,
                StreamsConfig.AT_LEAST_ONCE, Duration.ofSeconds(8), Duration.ofSeconds(2), state,
                new PrintStream(progress, true, StandardCharsets.UTF_8));

        assertThat(figures.alerts()).as("alerts measured; progress:%n%s", progress).isPositive();
        assertThat(figures.ticksSent()).isPositive();
        assertThat(figures.guarantee()).isEqualTo(StreamsConfig.AT_LEAST_ONCE);
        assertThat(figures.commitIntervalMs()).isEqualTo(1_000);
        assertThat(figures.p50Ms()).isPositive();
        assertThat(figures.p95Ms()).isGreaterThanOrEqualTo(figures.p50Ms());
        assertThat(figures.p99Ms()).isGreaterThanOrEqualTo(figures.p95Ms());
        assertThat(figures.maxMs()).isGreaterThanOrEqualTo(figures.p99Ms());
        assertThat(progress.toString(StandardCharsets.UTF_8)).as("every alert arrived").doesNotContain("had not arrived");
    }
}
