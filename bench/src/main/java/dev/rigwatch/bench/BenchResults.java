package dev.rigwatch.bench;

import java.time.Instant;
import java.util.List;

/**
 * Everything one {@code rigwatch bench} run measured, as {@code bench-results/<time>.json} holds it. Every rate is
 * measured in the same run and on the same broker as {@link #baseline()}, so the ratios can be read.
 *
 * @param command  the command line that produced it
 * @param seconds  how long the whole run took
 * @param micro    empty when the run left the micro benchmarks out
 * @param memory   empty when the run left the memory runs out
 */
public record BenchResults(
        int v,
        Instant startedAt,
        String command,
        double seconds,
        Machine machine,
        KafkaUnderTest kafka,
        RawRates baseline,
        List<PipelineRate> pipeline,
        List<LatencyFigures> latency,
        List<MicroFigure> micro,
        List<MemoryFigures> memory) {

    /** 2: each latency figure says how its ticks entered ({@code ingest}), and how many the feed produced. */
    public static final int VERSION = 2;

    /**
     * @param version   the Kafka client and (embedded) broker version
     * @param embedded  true for the in-process broker, false for {@code KAFKA_BOOTSTRAP_SERVERS}
     * @param bootstrap where it was
     */
    public record KafkaUnderTest(String version, boolean embedded, String bootstrap) {
    }

    /**
     * Raw produce and raw consume of tick-sized records, the way Kafka's {@code ProducerPerformance} and
     * {@code ConsumerPerformance} measure them: one producer sending as fast as it may ({@code acks=all}, the
     * project's client settings), then one consumer reading them all from the start.
     *
     * @param records     records produced, then consumed
     * @param recordBytes the size of one record's value (a real tick's JSON)
     */
    public record RawRates(long records, int recordBytes, double produceRecordsPerSecond, double produceMiBPerSecond,
                           double consumeRecordsPerSecond, double consumeMiBPerSecond) {
    }

    /**
     * The full market and alerts topologies, exactly once as in production, over pre-loaded input from earliest
     * until caught up.
     *
     * @param instruments      how many instruments the ticks are spread over
     * @param ticks            ticks pre-loaded
     * @param listings         GPU listing records pre-loaded beside them
     * @param seconds          from starting the stages to both having committed the end of every input
     * @param cpuSeconds       CPU time this process spent meanwhile, broker included when it is embedded: what the
     *                         run cost, less disturbed than {@code seconds} by whatever else the machine runs
     * @param recordsPerSecond (ticks + listings) / seconds
     * @param ratioToRawConsume recordsPerSecond / the baseline's raw consume rate
     * @param guarantee        Kafka Streams' processing guarantee
     * @param commitIntervalMs the stages' commit interval
     */
    public record PipelineRate(int instruments, long ticks, long listings, double seconds, double cpuSeconds,
                               double recordsPerSecond,
                               double ratioToRawConsume, String guarantee, long commitIntervalMs) {
    }

    /**
     * Tick-to-alert latency under a paced live load: from sending the tick that closes a candle to the alert on that
     * candle arriving at a consumer of the alerts topic.
     *
     * @param ingest           how the ticks entered: {@code producer}, sent to {@code crypto.ticks} and timed from
     *                         that send (tick produced -> alert, what a REST poll hands ingest's producer), or
     *                         {@code coinbase-ws}, sent as Coinbase WebSocket ticker messages to ingest's feed and
     *                         timed from the message's send (exchange message -> alert)
     * @param ticksIngested    ticks that reached {@code crypto.ticks}: all sent for {@code producer}; for
     *                         {@code coinbase-ws}, what the feed produced (the subscription's snapshot included)
     * @param reconnects       times the feed connected again during the run (0 for {@code producer})
     * @param ticksPerSecond   the paced rate
     * @param guarantee        {@code at_least_once} or {@code exactly_once_v2}
     * @param commitIntervalMs the stages' commit interval
     * @param alerts           alerts measured
     * @param candleP50Ms      of the same ticks, to the closed candle's arrival on {@code crypto.candles.1m}: the
     *                         market stage's part of the latency (p50, and p99 below)
     */
    public record LatencyFigures(String ingest, int ticksPerSecond, String guarantee, long commitIntervalMs,
                                 double seconds, long ticksSent, long ticksIngested, long reconnects, long alerts,
                                 double p50Ms, double p95Ms, double p99Ms, double maxMs,
                                 double candleP50Ms, double candleP99Ms) {
    }

    /**
     * One JMH benchmark.
     *
     * @param bytesPerOp bytes allocated per operation (JMH's {@code gc.alloc.rate.norm}), or -1 when not measured
     */
    public record MicroFigure(String benchmark, double opsPerSecond, double bytesPerOp) {
    }

    /**
     * The streams stage alone in a JVM of its own, over the pipeline run's input.
     *
     * @param heapLimitMiB      the {@code -Xmx} it ran with
     * @param peakHeapUsedMiB   the most heap in use at any time (garbage included)
     * @param peakLiveHeapMiB   the most heap in use just after a collection (what it really keeps)
     * @param peakRssMiB        the most resident memory ({@code VmHWM}: heap, RocksDB, buffers, code)
     */
    public record MemoryFigures(int instruments, long ticks, long heapLimitMiB, double peakHeapUsedMiB,
                                double peakLiveHeapMiB, double peakRssMiB, double seconds) {
    }
}
