package dev.rigwatch.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What one run measures, and how much of it.
 *
 * @param baselineRecords records of the raw produce and consume
 * @param ticks           ticks pre-loaded for each pipeline run
 * @param instruments     the pipeline runs' instrument counts (one run each)
 * @param rates           the latency runs' paced rates, ticks/s (each at least once and exactly once)
 * @param latencyDuration how long each latency run's load lasts
 * @param micro           run the JMH micro benchmarks
 * @param microLength     how long JMH runs each (a shorter run is a rougher figure)
 * @param memory          run the streams stage in a JVM of its own over each pipeline input, for its memory
 * @param stateRoot       where the stages' local state goes
 * @param resultsDir      where {@code <time>.json} is written
 * @param ingests         the latency runs' ingest paths, each at every rate and guarantee
 */
public record BenchPlan(long baselineRecords, long ticks, List<Integer> instruments, List<Integer> rates,
                        Duration latencyDuration, boolean micro, MicroLength microLength, boolean memory, Path stateRoot,
                        Path resultsDir, List<LatencyRun.Ingest> ingests) {

    public static final long DEFAULT_TICKS = 2_000_000;
    public static final List<Integer> DEFAULT_INSTRUMENTS = List.of(8, 500);
    public static final List<Integer> DEFAULT_RATES = List.of(1_000, 5_000);
    static final List<LatencyRun.Ingest> EVERY_INGEST = List.of(LatencyRun.Ingest.values());

    /** How long JMH runs each micro benchmark. */
    public enum MicroLength {
        /** 2 x 2 s warm-up, 3 x 2 s measured. */
        FULL,
        /** 1 x 1 s warm-up, 1 x 1 s measured: a rough figure. */
        QUICK,
        /** 100 ms each: proves the benchmark runs, measures nothing worth reading (the smoke test). */
        SMOKE
    }

    public BenchPlan {
        instruments = List.copyOf(instruments);
        rates = List.copyOf(rates);
        ingests = List.copyOf(ingests);
        if (ticks < 1 || baselineRecords < 1) {
            throw new IllegalArgumentException("ticks and baseline records must be positive");
        }
        if (instruments.isEmpty() || instruments.stream().anyMatch(n -> n < 1)) {
            throw new IllegalArgumentException("at least one instrument count, each positive, got " + instruments);
        }
        int slowest = PacedTickLoad.minimumRate(LatencyRun.INSTRUMENTS);
        if (rates.stream().anyMatch(r -> r < slowest)) {
            // told before the run starts, not after the baseline and pipeline runs have taken minutes
            throw new IllegalArgumentException("each latency rate must be at least " + slowest
                    + " ticks/s (every instrument ticks in every event minute), got " + rates);
        }
    }

    /** Everything the issue asks for, at full size: about 20 minutes on a 2-core machine. */
    public static BenchPlan full(Path stateRoot, Path resultsDir) {
        return new BenchPlan(2_000_000, DEFAULT_TICKS, DEFAULT_INSTRUMENTS, DEFAULT_RATES, Duration.ofSeconds(60),
                true, MicroLength.FULL, true, stateRoot, resultsDir, EVERY_INGEST);
    }

    /** Every figure but memory, on smaller inputs: under 3 minutes. */
    public static BenchPlan quick(Path stateRoot, Path resultsDir) {
        return new BenchPlan(300_000, 200_000, List.of(8), DEFAULT_RATES, Duration.ofSeconds(10), true, MicroLength.QUICK, false,
                stateRoot, resultsDir, EVERY_INGEST);
    }

    /**
     * Every part on a tiny input, every figure present and none worth reading: the smoke test's plan. Its latency
     * runs are the producer's only: the WebSocket path's run has a test of its own ({@code WsLatencyRunTest}).
     */
    public static BenchPlan smoke(Path stateRoot, Path resultsDir) {
        return new BenchPlan(5_000, 2_000, List.of(8), List.of(200), Duration.ofSeconds(10), true, MicroLength.SMOKE,
                true, stateRoot, resultsDir, List.of(LatencyRun.Ingest.PRODUCER));
    }

    public BenchPlan withTicks(long n) {
        return new BenchPlan(baselineRecords, n, instruments, rates, latencyDuration, micro, microLength, memory,
                stateRoot, resultsDir, ingests);
    }

    public BenchPlan withInstruments(List<Integer> counts) {
        return new BenchPlan(baselineRecords, ticks, counts, rates, latencyDuration, micro, microLength, memory,
                stateRoot, resultsDir, ingests);
    }

    public BenchPlan withRates(List<Integer> ticksPerSecond) {
        return new BenchPlan(baselineRecords, ticks, instruments, ticksPerSecond, latencyDuration, micro, microLength,
                memory, stateRoot, resultsDir, ingests);
    }

    public BenchPlan withBaselineRecords(long n) {
        return new BenchPlan(n, ticks, instruments, rates, latencyDuration, micro, microLength, memory, stateRoot,
                resultsDir, ingests);
    }

    public BenchPlan withLatencyDuration(Duration d) {
        return new BenchPlan(baselineRecords, ticks, instruments, rates, d, micro, microLength, memory, stateRoot,
                resultsDir, ingests);
    }

    public BenchPlan withMicro(boolean run) {
        return new BenchPlan(baselineRecords, ticks, instruments, rates, latencyDuration, run, microLength, memory,
                stateRoot, resultsDir, ingests);
    }

    public BenchPlan withMemory(boolean run) {
        return new BenchPlan(baselineRecords, ticks, instruments, rates, latencyDuration, micro, microLength, run,
                stateRoot, resultsDir, ingests);
    }
}
