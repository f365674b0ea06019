package dev.rigwatch.bench;

import dev.rigwatch.bench.BenchResults.MicroFigure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JMH's console output, sent to the log instead, where it is there to read when a figure looks off (its iterations,
 * the forks' own output, a failing fork's last lines); the console gets one line per finished benchmark.
 */
final class JmhOutput implements OutputFormat {

    private static final Logger log = LoggerFactory.getLogger("dev.rigwatch.bench.jmh");

    private final OutputFormat logged =
            OutputFormatFactory.createFormatInstance(new PrintStream(new LogLines(), true, StandardCharsets.UTF_8),
                    VerboseMode.NORMAL);
    private final PrintStream progress;

    JmhOutput(PrintStream progress) {
        this.progress = progress;
    }

    @Override
    public void endBenchmark(BenchmarkResult result) {
        logged.endBenchmark(result);
        if (result == null) {
            // JMH ends a benchmark that failed without a result; the failure itself is in the log and ends the run
            return;
        }
        MicroFigure figure = MicroBenchmarks.figure(result);
        progress.printf("  %-48s %,14.0f ops/s %10s B/op%n", figure.benchmark(), figure.opsPerSecond(),
                figure.bytesPerOp() < 0 ? "-" : String.format("%,.0f", figure.bytesPerOp()));
    }

    @Override
    public void iteration(BenchmarkParams benchParams, IterationParams params, int iteration) {
        logged.iteration(benchParams, params, iteration);
    }

    @Override
    public void iterationResult(BenchmarkParams benchParams, IterationParams params, int iteration,
                                IterationResult data) {
        logged.iterationResult(benchParams, params, iteration, data);
    }

    @Override
    public void startBenchmark(BenchmarkParams benchParams) {
        logged.startBenchmark(benchParams);
    }

    @Override
    public void startRun() {
        logged.startRun();
    }

    @Override
    public void endRun(Collection<RunResult> result) {
        logged.endRun(result);
    }

    @Override
    public void print(String s) {
        logged.print(s);
    }

    @Override
    public void println(String s) {
        logged.println(s);
    }

    @Override
    public void flush() {
        logged.flush();
    }

    @Override
    public void close() {
        logged.close();
    }

    @Override
    public void verbosePrintln(String s) {
        logged.verbosePrintln(s);
    }

    @Override
    public void write(int b) {
        logged.write(b);
    }

    @Override
    public void write(byte[] b) throws IOException {
        logged.write(b);
    }

    /** Text written to it becomes one log line per line. */
    private static final class LogLines extends OutputStream {

        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.UTF_8).stripTrailing();
                line.reset();
                if (!text.isEmpty()) {
                    log.info(text);
                }
            } else {
                line.write(b);
            }
        }
    }
}
