package dev.rigwatch.bench.micro;

import dev.rigwatch.ingest.gpu.Classification;
import dev.rigwatch.ingest.gpu.TitleNormaliser;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The GPU title normaliser over the normaliser tests' titles in turn, one title an operation, so ops/s reads as
 * titles/s: about three in four name a card, the rest are lots, parts, laptops, want-to-buy posts and unknown models,
 * each of which stops at a different step.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TitleNormaliserBenchmark {

    private TitleNormaliser normaliser;
    private String[] titles;
    private int next;

    @Setup
    public void setUp() {
        normaliser = TitleNormaliser.standard();
        List<String> lines = BundledInput.lines("titles.txt");
        titles = lines.toArray(String[]::new);
    }

    @Benchmark
    @ReportedAs("normaliser: classify one listing title")
    public Classification classify() {
        String title = titles[next];
        next = next + 1 == titles.length ? 0 : next + 1;
        return normaliser.classify(title);
    }
}
