package dev.rigwatch.bench.micro;

import dev.rigwatch.events.GpuMarketStats;
import dev.rigwatch.events.SupplyTightness;
import dev.rigwatch.streams.signal.tightness.TightnessIndexFacade;
import dev.rigwatch.streams.signal.tightness.TightnessSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One model's supply tightness for an hourly row against its full default baseline (the day before), every component
 * present: the index and component step the model processor takes for each row of {@code gpu.stats.1h}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TightnessIndexBenchmark {

    private static final int HOURS = 24 * 14;
    private static final double MSRP_USD = 699;

    private final TightnessSettings settings = TightnessSettings.defaults();
    private final int baselineRows = settings.baselineRows();
    private TightnessIndexFacade index;
    private List<GpuMarketStats> rows;
    private int next;

    @Setup
    public void setUp() {
        index = new TightnessIndexFacade(settings);
        SplittableRandom random = new SplittableRandom(11);
        Instant start = Instant.parse("2026-01-05T00:00:00Z");
        GpuMarketStats[] hourly = new GpuMarketStats[baselineRows + HOURS];
        for (int i = 0; i < hourly.length; i++) {
            Instant windowStart = start.plus(Duration.ofHours(i));
            long gone = 4 + random.nextInt(9);
            double median = 430 + random.nextDouble() * 40;
            hourly[i] = new GpuMarketStats(GpuMarketStats.VERSION, GpuMarketStats.MODEL, "RTX 3080",
                    Duration.ofHours(1), windowStart, windowStart.plus(Duration.ofHours(1)), 100 + random.nextInt(40),
                    6 + random.nextInt(9), gone, random.nextInt(5), median - 30, median, median + 35, 0.0133,
                    2 + random.nextDouble() * 6, median / MSRP_USD);
        }
        rows = Arrays.asList(hourly);
        if (index.of(rows.get(baselineRows), rows.subList(0, baselineRows)) == null) {
            throw new IllegalStateException("the benchmark's baseline is too short for an index");
        }
    }

    @Benchmark
    @ReportedAs("tightness: model index of one hourly row")
    public SupplyTightness modelIndex() {
        int first = next;
        if (++next == HOURS) {
            next = 0;
        }
        return index.of(rows.get(first + baselineRows), rows.subList(first, first + baselineRows));
    }
}
