package dev.rigwatch.bench;

import dev.rigwatch.bench.BenchResults.KafkaUnderTest;
import dev.rigwatch.bench.BenchResults.LatencyFigures;
import dev.rigwatch.bench.BenchResults.MemoryFigures;
import dev.rigwatch.bench.BenchResults.MicroFigure;
import dev.rigwatch.bench.BenchResults.PipelineRate;
import dev.rigwatch.bench.BenchResults.RawRates;
import dev.rigwatch.events.Durations;
import dev.rigwatch.events.TopicNamespace;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/**
 * One benchmark run: the raw broker's rates first, then every figure of the plan measured against them on the same
 * broker, each in a namespace of its own ({@code bench-<run>-...}) so that runs never read each other's records.
 */
public final class Bench {

    static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final String bootstrap;
    private final boolean embedded;

    /** @param embedded whether {@code bootstrap} is the in-process broker (told in the results) */
    public Bench(String bootstrap, boolean embedded) {
        this.bootstrap = bootstrap;
        this.embedded = embedded;
    }

    /** Runs the plan, printing progress, and returns what it measured. */
    public BenchResults run(BenchPlan plan, String command, PrintStream progress) {
        Instant startedAt = Instant.now();
        long started = System.nanoTime();
        String run = "bench-" + RUN_ID.format(startedAt);
        Machine machine = Machine.current();
        progress.printf("rigwatch bench %s on %d cores, %,d MiB, %s; Kafka %s (%s)%n", run, machine.cores(),
                machine.memoryMiB(), machine.jvm(), kafkaVersion(), embedded ? "embedded broker" : bootstrap);

        progress.printf("baseline: raw produce and consume of %,d tick-sized records%n", plan.baselineRecords());
        RawRates baseline = RawBaseline.measure(bootstrap, TopicNamespace.of(run + "-raw"), plan.baselineRecords());
        progress.printf("  produce %,.0f records/s, consume %,.0f records/s%n", baseline.produceRecordsPerSecond(),
                baseline.consumeRecordsPerSecond());

        List<PipelineRate> pipeline = new ArrayList<>();
        List<MemoryFigures> memory = new ArrayList<>();
        for (int instruments : plan.instruments()) {
            progress.printf("pipeline: %,d ticks of %d instruments, exactly once%n", plan.ticks(), instruments);
            Preload.Loaded input = Preload.into(bootstrap, TopicNamespace.of(run + "-i" + instruments), instruments,
                    plan.ticks(), progress);
            PipelineRate rate = PipelineThroughput.measure(bootstrap, input, plan.stateRoot(),
                    baseline.consumeRecordsPerSecond(), progress);
            progress.printf("  %,.0f records/s in %.1f s (%.1f s of CPU): %.3f of raw consume%n",
                    rate.recordsPerSecond(), rate.seconds(), rate.cpuSeconds(), rate.ratioToRawConsume());
            pipeline.add(rate);
            if (plan.memory()) {
                progress.printf("memory: the streams stage alone over the same %,d ticks%n", plan.ticks());
                memory.add(MemoryRun.measure(bootstrap, input, plan.stateRoot(), progress));
            }
        }

        List<LatencyFigures> latency = new ArrayList<>();
        for (int rate : plan.rates()) {
            for (String guarantee : List.of(StreamsConfig.AT_LEAST_ONCE, StreamsConfig.EXACTLY_ONCE_V2)) {
                for (LatencyRun.Ingest ingest : plan.ingests()) {
                    progress.printf("latency (%s): %,d ticks/s for %s, %s%n", ingest.timedFrom, rate,
                            Durations.format(plan.latencyDuration()), guarantee);
                    LatencyFigures figures = LatencyRun.measure(bootstrap, TopicNamespace.of(run + "-l" + rate + "-"
                                    + guarantee.replace("_", "") + (ingest == LatencyRun.Ingest.PRODUCER ? "" : "-ws")),
                            ingest, rate, guarantee, plan.latencyDuration(), plan.stateRoot(), progress);
                    progress.printf("  %s: p50 %.0f ms, p99 %.0f ms, max %.0f ms over %d alerts (to the closed candle:"
                                    + " p50 %.0f ms, p99 %.0f ms)%n", ingest.timedFrom, figures.p50Ms(),
                            figures.p99Ms(), figures.maxMs(), figures.alerts(), figures.candleP50Ms(),
                            figures.candleP99Ms());
                    latency.add(figures);
                }
            }
        }

        List<MicroFigure> micro = plan.micro() ? MicroBenchmarks.run(plan.microLength(), progress) : List.of();
        return new BenchResults(BenchResults.VERSION, startedAt, command, (System.nanoTime() - started) / 1e9, machine,
                new KafkaUnderTest(kafkaVersion(), embedded, bootstrap), baseline, pipeline, latency,
                micro, memory);
    }

    /** The Kafka clients' version, as the clients jar states it (the embedded broker is built from the same release). */
    static String kafkaVersion() {
        try (InputStream in = StreamsConfig.class.getResourceAsStream("/kafka/kafka-version.properties")) {
            Properties props = new Properties();
            if (in != null) {
                props.load(in);
            }
            return props.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
