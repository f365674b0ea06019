package dev.rigwatch.bench;

import dev.rigwatch.bench.BenchResults.MicroFigure;
import java.io.PrintStream;
import java.util.List;

/** PLACEHOLDER: being written. */
final class MicroBenchmarks {

    private MicroBenchmarks() {
    }

    static List<MicroFigure> run(boolean quick, PrintStream progress) {
        throw new UnsupportedOperationException("micro benchmarks not written yet");
    }
}
