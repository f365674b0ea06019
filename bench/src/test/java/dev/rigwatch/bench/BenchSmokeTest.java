package dev.rigwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rigwatch.bench.BenchResults.LatencyFigures;
import dev.rigwatch.bench.BenchResults.MemoryFigures;
import dev.rigwatch.bench.BenchResults.PipelineRate;
import dev.rigwatch.broker.testing.SharedKafka;
import dev.rigwatch.events.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole harness on a tiny input on the shared broker: every part runs and the results file holds every figure,
 * each sane (positive, percentiles in order). Never how fast: that is the benchmark's job, not a test's.
 */
class BenchSmokeTest {

    @Test
    void aTinyRunWritesEveryFigure(@TempDir Path state, @TempDir Path results) throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(progress, true, StandardCharsets.UTF_8);

        BenchResults run = new Bench(SharedKafka.bootstrapServers(), false)
                .run(BenchPlan.smoke(state, results), "bench --smoke", out);
        Path file = ResultsFile.write(run, results);
        ResultsTable.print(run, out);

        JsonNode json = Json.mapper().readTree(file.toFile());
        for (String field : List.of("startedAt", "command", "seconds", "machine", "kafka", "baseline", "pipeline",
                "latency", "micro", "memory")) {
            assertThat(json.has(field)).as("results have %s", field).isTrue();
        }
        assertThat(json.at("/machine/cores").asInt()).isPositive();
        assertThat(json.at("/kafka/version").asText()).isNotBlank().isNotEqualTo("unknown");
        assertThat(json.at("/latency/0/candleP99Ms").asDouble()).as("the JSON has the market stage's part").isPositive();
        for (String rate : List.of("produceRecordsPerSecond", "produceMiBPerSecond", "consumeRecordsPerSecond",
                "consumeMiBPerSecond")) {
            assertThat(json.at("/baseline/" + rate).asDouble()).as(rate).isPositive();
        }
        assertThat(ResultsFile.read(file)).isEqualTo(run);

        PipelineRate pipeline = run.pipeline().get(0);
        assertThat(pipeline.ticks()).isEqualTo(2_000);
        assertThat(pipeline.listings()).isPositive();
        assertThat(pipeline.recordsPerSecond()).isPositive();
        assertThat(pipeline.cpuSeconds()).isPositive();
        assertThat(pipeline.ratioToRawConsume())
                .isEqualTo(pipeline.recordsPerSecond() / run.baseline().consumeRecordsPerSecond());
        assertThat(pipeline.guarantee()).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);

        assertThat(run.latency()).extracting(LatencyFigures::guarantee, LatencyFigures::ingest).containsExactly(
                tuple(StreamsConfig.AT_LEAST_ONCE, "producer"), tuple(StreamsConfig.EXACTLY_ONCE_V2, "producer"));
        for (LatencyFigures latency : run.latency()) {
            assertThat(latency.alerts()).as("alerts measured; progress:%n%s", progress).isPositive();
            assertThat(latency.p50Ms()).isPositive();
            assertThat(latency.p95Ms()).isGreaterThanOrEqualTo(latency.p50Ms());
            assertThat(latency.p99Ms()).isGreaterThanOrEqualTo(latency.p95Ms());
            assertThat(latency.maxMs()).isGreaterThanOrEqualTo(latency.p99Ms());
            assertThat(latency.candleP50Ms()).as("the market stage's part").isPositive().isLessThanOrEqualTo(latency.maxMs());
            assertThat(latency.candleP99Ms()).isGreaterThanOrEqualTo(latency.candleP50Ms());
        }

        MemoryFigures memory = run.memory().get(0);
        assertThat(memory.heapLimitMiB()).isEqualTo(MemoryRun.HEAP_LIMIT_MIB);
        assertThat(memory.peakLiveHeapMiB()).isPositive().isLessThanOrEqualTo(memory.peakHeapUsedMiB());
        assertThat(memory.peakRssMiB()).isPositive();

        assertThat(run.micro()).hasSizeGreaterThanOrEqualTo(11)
                .allSatisfy(f -> assertThat(f.opsPerSecond()).as(f.benchmark()).isPositive());
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("raw consume", "tick -> alert latency",
                "streams stage memory", "micro (JMH)");
    }
}
