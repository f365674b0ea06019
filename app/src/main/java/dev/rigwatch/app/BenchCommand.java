package dev.rigwatch.app;

import dev.rigwatch.bench.Bench;
import dev.rigwatch.bench.BenchPlan;
import dev.rigwatch.bench.BenchResults;
import dev.rigwatch.bench.ResultsFile;
import dev.rigwatch.bench.ResultsTable;
import dev.rigwatch.broker.KafkaTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.common.utils.Utils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rigwatch bench}: the pipeline's speed, measured against the raw broker's in the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        header = "Measure the pipeline's throughput, latency and memory against the raw broker's rate.",
        description = {"Measures, in one run and on one broker (embedded, or KAFKA_BOOTSTRAP_SERVERS): raw produce and "
                + "consume of tick-sized records; the market and alerts topologies over pre-loaded ticks and GPU listings, "
                + "exactly once, as a ratio to raw consume; tick-to-alert latency under a paced load, at least once and "
                + "exactly once; JMH micro benchmarks; the streams stage's memory in a JVM of its own.",
                "Prints one table and writes it all to <results-dir>/<time>.json. The full run takes about 11 minutes on "
                + "2 cores, --quick about 3 (docs/BENCHMARKS.md)."})
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "Smaller inputs, short micro benchmarks, no memory runs: under 3 minutes.")
    boolean quick;

    @Option(names = "--ticks", paramLabel = "N", description = "Ticks pre-loaded for each pipeline run (default 2,000,000; 200,000 with --quick).")
    Long ticks;

    @Option(names = "--instruments", paramLabel = "N", split = ",",
            description = "Instrument counts, one pipeline run each (default 8,500; 8 with --quick).")
    List<Integer> instruments;

    @Option(names = "--rate", paramLabel = "TICKS_PER_S", split = ",",
            description = "Paced rates of the latency runs (default 1000,5000); each runs at least once and exactly once.")
    List<Integer> rates;

    @Option(names = "--latency-duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long each latency run's load lasts (default 60s; 10s with --quick).")
    Duration latencyDuration;

    @Option(names = "--baseline-records", paramLabel = "N", description = "Records of the raw produce and consume (default 2,000,000; 300,000 with --quick).")
    Long baselineRecords;

    @Option(names = "--no-micro", description = "Leave out the JMH micro benchmarks.")
    boolean noMicro;

    @Option(names = "--no-latency", description = "Leave out the latency runs.")
    boolean noLatency;

    @Option(names = "--no-memory", description = "Leave out the memory runs.")
    boolean noMemory;

    @Option(names = "--results-dir", paramLabel = "DIR", defaultValue = "bench-results",
            description = "Where the results file goes.")
    Path resultsDir;

    @Option(names = "--kafka-port", paramLabel = "PORT", defaultValue = "0",
            description = "Client port of the embedded broker (0 picks a free one); unused with KAFKA_BOOTSTRAP_SERVERS.")
    int kafkaPort;

    @Mixin
    QuietConsoleOptions console;

    @Override
    public Integer call() {
        Instant started = Instant.now();
        console.apply("bench", started);
        Path stateRoot = tempDir();
        try (KafkaTarget kafka = KafkaTarget.resolve(kafkaPort, null)) {
            BenchResults results = new Bench(kafka.bootstrapServers(), kafka.isEmbedded())
                    .run(plan(stateRoot), String.join(" ", spec.commandLine().getParseResult().originalArgs()), System.out);
            ResultsTable.print(results, System.out);
            Path file = ResultsFile.write(results, resultsDir);
            System.out.println();
            System.out.println("results: " + file);
        } finally {
            try {
                Utils.delete(stateRoot.toFile());
            } catch (IOException e) {
                System.err.println("could not delete the benchmark's state directory " + stateRoot + ": " + e.getMessage());
            }
        }
        return 0;
    }

    BenchPlan plan(Path stateRoot) {
        BenchPlan plan = quick ? BenchPlan.quick(stateRoot, resultsDir) : BenchPlan.full(stateRoot, resultsDir);
        if (ticks != null) {
            plan = plan.withTicks(ticks);
        }
        if (instruments != null) {
            plan = plan.withInstruments(instruments);
        }
        if (rates != null) {
            plan = plan.withRates(rates);
        }
        if (latencyDuration != null) {
            plan = plan.withLatencyDuration(latencyDuration);
        }
        if (baselineRecords != null) {
            plan = plan.withBaselineRecords(baselineRecords);
        }
        if (noMicro) {
            plan = plan.withMicro(false);
        }
        if (noLatency) {
            plan = plan.withRates(List.of());
        }
        if (noMemory) {
            plan = plan.withMemory(false);
        }
        return plan;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("rigwatch-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the benchmark's state directory", e);
        }
    }
}
