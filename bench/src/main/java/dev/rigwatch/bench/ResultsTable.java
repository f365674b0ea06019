package dev.rigwatch.bench;

import dev.rigwatch.bench.BenchResults.LatencyFigures;
import dev.rigwatch.bench.BenchResults.MemoryFigures;
import dev.rigwatch.bench.BenchResults.MicroFigure;
import dev.rigwatch.bench.BenchResults.PipelineRate;
import dev.rigwatch.bench.BenchResults.RawRates;
import java.io.PrintStream;

/** A run's results as one plain-text table: the machine and broker first, then each measurement. */
public final class ResultsTable {

    private ResultsTable() {
    }

    public static void print(BenchResults r, PrintStream out) {
        Machine m = r.machine();
        out.printf("%nrigwatch bench, %s (%.0f s)%n", r.startedAt(), r.seconds());
        out.printf("machine   %d cores, %,d MiB, %s%n", m.cores(), m.memoryMiB(), m.cpu());
        out.printf("          %s; %s%n", m.jvm(), m.os());
        out.printf("kafka     %s, %s%n", r.kafka().version(), r.kafka().embedded() ? "embedded broker (in this process)"
                : "external cluster " + r.kafka().bootstrap());
        RawRates b = r.baseline();
        out.printf("%n%-44s %14s %10s %9s%n", "measurement", "records/s", "MiB/s", "x raw");
        out.printf("%-44s %,14.0f %10.1f %9s%n", "raw produce (" + b.recordBytes() + " B ticks, acks=all)",
                b.produceRecordsPerSecond(), b.produceMiBPerSecond(), "");
        out.printf("%-44s %,14.0f %10.1f %9.3f%n", "raw consume (read_committed)", b.consumeRecordsPerSecond(),
                b.consumeMiBPerSecond(), 1.0);
        for (PipelineRate p : r.pipeline()) {
            out.printf("%-44s %,14.0f %10s %9.3f   %.0f µs CPU/record%n", String.format("pipeline, %d instruments, %,d ticks",
                    p.instruments(), p.ticks()), p.recordsPerSecond(), "", p.ratioToRawConsume(),
                    p.cpuSeconds() * 1e6 / (p.ticks() + p.listings()));
        }
        if (!r.pipeline().isEmpty()) {
            PipelineRate p = r.pipeline().get(0);
            out.printf("          (market + alerts topologies, %s, commit interval %d ms)%n", p.guarantee(),
                    p.commitIntervalMs());
        }
        if (!r.latency().isEmpty()) {
            out.printf("%n%-52s %8s %8s %8s %8s %8s   %s%n", "tick -> alert latency, timed from", "alerts", "p50 ms",
                    "p95 ms", "p99 ms", "max ms", "of which -> closed candle p50/p99");
            long wsRuns = 0;
            long wsSent = 0;
            long wsProduced = 0;
            long wsReconnects = 0;
            for (LatencyFigures l : r.latency()) {
                LatencyRun.Ingest ingest = LatencyRun.Ingest.of(l.ingest());
                out.printf("%-52s %8d %8.0f %8.0f %8.0f %8.0f   %.0f / %.0f ms%n", String.format("%,d ticks/s, %s: %s",
                        l.ticksPerSecond(), l.guarantee(), ingest.from), l.alerts(), l.p50Ms(), l.p95Ms(), l.p99Ms(),
                        l.maxMs(), l.candleP50Ms(), l.candleP99Ms());
                if (ingest == LatencyRun.Ingest.COINBASE_WS) {
                    wsRuns++;
                    wsSent += l.ticksSent();
                    wsProduced += l.ticksIngested() - LatencyRun.INSTRUMENTS;
                    wsReconnects += l.reconnects();
                }
            }
            out.printf("          (commit interval %d ms; \"%s\": the tick's send to crypto.ticks, what a REST poll "
                    + "hands ingest's producer)%n", r.latency().get(0).commitIntervalMs(),
                    LatencyRun.Ingest.PRODUCER.from);
            if (wsRuns > 0) {
                out.printf("          (\"%s\": the send of a Coinbase ticker message to ingest's WsTickerFeed; over "
                                + "%d runs the feed produced %,d of the %,d ticks sent, besides the subscription "
                                + "snapshots, with %d reconnects)%n", LatencyRun.Ingest.COINBASE_WS.from, wsRuns,
                        wsProduced, wsSent, wsReconnects);
            }
        }
        if (!r.memory().isEmpty()) {
            out.printf("%n%-44s %10s %10s %10s %10s%n", "streams stage memory", "-Xmx MiB", "heap peak", "live peak",
                    "RSS peak");
            for (MemoryFigures f : r.memory()) {
                out.printf("%-44s %10d %10.0f %10.0f %10.0f%n", String.format("%d instruments, %,d ticks",
                        f.instruments(), f.ticks()), f.heapLimitMiB(), f.peakHeapUsedMiB(), f.peakLiveHeapMiB(),
                        f.peakRssMiB());
            }
        }
        if (!r.micro().isEmpty()) {
            out.printf("%n%-60s %14s %12s%n", "micro (JMH)", "ops/s", "B/op");
            for (MicroFigure f : r.micro()) {
                out.printf("%-60s %,14.0f %12s%n", f.benchmark(), f.opsPerSecond(),
                        f.bytesPerOp() < 0 ? "-" : String.format("%,.0f", f.bytesPerOp()));
            }
        }
    }
}
