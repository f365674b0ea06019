package dev.rigwatch.bench;

import dev.rigwatch.bench.BenchResults.MicroFigure;
import dev.rigwatch.bench.micro.ReportedAs;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The JMH benchmarks of {@code dev.rigwatch.bench.micro}, run from this process with JMH's runner so that they need no
 * separate jar: each benchmark in a JVM of its own forked from this one's class path (the fat jar, or a test's), its
 * rate in ops/s and, from JMH's GC profiler, the bytes it allocates per operation.
 */
final class MicroBenchmarks {

    /** Every benchmark of the micro package. */
    static final String ALL = Pattern.quote(ReportedAs.class.getPackageName() + ".");
    /** JMH's normalised allocation: bytes allocated per benchmark operation. */
    static final String BYTES_PER_OP = "gc.alloc.rate.norm";
    /**
     * The forks' heap, fixed so that their figures do not depend on how this process was started (a test runner's
     * agents, the command's own heap) and no fork resizes its heap while measured.
     */
    private static final String[] FORK_JVM_ARGS = {"-Xms512m", "-Xmx512m"};

    /**
     * How long JMH runs each benchmark.
     *
     * @param forks 0 runs the benchmarks in this JVM (for tests only: the figures then share its JIT and heap)
     */
    record Timings(int forks, int warmupIterations, Duration warmup, int measurementIterations, Duration measurement) {

        /**
         * About 3 s a benchmark, fork included: a check that every benchmark runs, and a rough figure. One second of
         * warm-up leaves the JIT still compiling on a busy machine, where the figures come out several times too low.
         */
        static final Timings QUICK = new Timings(1, 1, Duration.ofSeconds(1), 1, Duration.ofSeconds(1));
        static final Timings FULL = new Timings(1, 2, Duration.ofSeconds(2), 3, Duration.ofSeconds(2));
        static final Timings SMOKE = new Timings(1, 1, Duration.ofMillis(100), 1, Duration.ofMillis(100));

        static Timings of(BenchPlan.MicroLength length) {
            return switch (length) {
                case FULL -> FULL;
                case QUICK -> QUICK;
                case SMOKE -> SMOKE;
            };
        }

        @Override
        public String toString() {
            return String.format("%d fork%s, warm-up %d x %s, measurement %d x %s", forks, forks == 1 ? "" : "s",
                    warmupIterations, seconds(warmup), measurementIterations, seconds(measurement));
        }

        private static String seconds(Duration d) {
            return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
        }
    }

    private MicroBenchmarks() {
    }

    static List<MicroFigure> run(BenchPlan.MicroLength length, PrintStream progress) {
        return run(ALL, Timings.of(length), progress);
    }

    /**
     * @param include a regular expression JMH finds in the benchmarks' full names ({@code package.Class.method})
     */
    static List<MicroFigure> run(String include, Timings timings, PrintStream progress) {
        progress.printf("micro: JMH benchmarks, %s each (JMH's output goes to the log)%n", timings);
        Options options = new OptionsBuilder()
                .include(include)
                .mode(Mode.Throughput)
                .timeUnit(TimeUnit.SECONDS)
                .threads(1)
                .forks(timings.forks())
                .warmupIterations(timings.warmupIterations())
                .warmupTime(TimeValue.milliseconds(timings.warmup().toMillis()))
                .measurementIterations(timings.measurementIterations())
                .measurementTime(TimeValue.milliseconds(timings.measurement().toMillis()))
                .jvmArgs(FORK_JVM_ARGS)
                .addProfiler(GCProfiler.class)
                // a benchmark that throws fails the run instead of leaving its figure out
                .shouldFailOnError(true)
                .build();
        JmhOutput output = new JmhOutput(progress);
        try {
            List<MicroFigure> figures = new Runner(options, output).run().stream()
                    .map(RunResult::getAggregatedResult)
                    .map(MicroBenchmarks::figure)
                    .toList();
            if (figures.isEmpty()) {
                throw new IllegalStateException("no JMH benchmark matches " + include
                        + ": is META-INF/BenchmarkList missing from the class path?");
            }
            return figures;
        } catch (RunnerException e) {
            throw new IllegalStateException("the micro benchmarks failed (JMH's output is in the log): " + e.getMessage(), e);
        }
    }

    /** One benchmark's result as the results file holds it; bytes per op -1 when the GC profiler had none. */
    static MicroFigure figure(BenchmarkResult result) {
        Result<?> allocated = result.getSecondaryResults().get(BYTES_PER_OP);
        double bytesPerOp = allocated == null || Double.isNaN(allocated.getScore()) ? -1 : allocated.getScore();
        return new MicroFigure(name(result.getParams()), result.getPrimaryResult().getScore(), bytesPerOp);
    }

    /** The benchmark's {@link ReportedAs} name with its parameters filled in, else its JMH name. */
    static String name(BenchmarkParams params) {
        String benchmark = params.getBenchmark();
        int dot = benchmark.lastIndexOf('.');
        String name;
        try {
            Class<?> type = Class.forName(benchmark.substring(0, dot));
            name = Arrays.stream(type.getMethods())
                    .filter(m -> m.getName().equals(benchmark.substring(dot + 1)))
                    .map(m -> m.getAnnotation(ReportedAs.class))
                    .filter(Objects::nonNull)
                    .map(ReportedAs::value)
                    .findFirst()
                    .orElse(benchmark.substring(benchmark.lastIndexOf('.', dot - 1) + 1));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("JMH ran " + benchmark + ", which this class path does not have", e);
        }
        for (String key : params.getParamsKeys()) {
            name = name.replace("{" + key + "}", params.getParam(key));
        }
        return name;
    }
}
