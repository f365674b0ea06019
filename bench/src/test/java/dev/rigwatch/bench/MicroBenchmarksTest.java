package dev.rigwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.bench.BenchResults.MicroFigure;
import dev.rigwatch.bench.MicroBenchmarks.Timings;
import dev.rigwatch.bench.micro.TitleNormaliserBenchmark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MicroBenchmarksTest {

    /** One fork, so that forking from a test's class path is what is checked; 100 ms iterations, so it is short. */
    private static final Timings TINY = new Timings(1, 1, Duration.ofMillis(100), 1, Duration.ofMillis(100));

    @Test
    void oneBenchmarkInAForkOfItsOwnGivesItsRateAndAllocationUnderItsReportedName() {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream progress = new PrintStream(console, true, StandardCharsets.UTF_8);

        List<MicroFigure> figures = MicroBenchmarks.run(
                Pattern.quote(TitleNormaliserBenchmark.class.getName() + ".classify"), TINY, progress);

        assertThat(figures).hasSize(1);
        MicroFigure figure = figures.get(0);
        assertThat(figure.benchmark()).isEqualTo("normaliser: classify one listing title");
        assertThat(figure.opsPerSecond()).isPositive();
        assertThat(figure.bytesPerOp()).isNotNegative();
        assertThat(console.toString(StandardCharsets.UTF_8).lines())
                .hasSize(2)
                .last().asString().contains("normaliser: classify one listing title", "ops/s", "B/op");
    }
}
