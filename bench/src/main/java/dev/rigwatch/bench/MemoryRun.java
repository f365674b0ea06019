package dev.rigwatch.bench;

import dev.rigwatch.bench.BenchResults.MemoryFigures;
import java.io.PrintStream;
import java.nio.file.Path;

/** PLACEHOLDER: being written. */
final class MemoryRun {

    private MemoryRun() {
    }

    static MemoryFigures measure(String bootstrap, Preload.Loaded input, Path stateRoot, PrintStream progress) {
        throw new UnsupportedOperationException("memory run not written yet");
    }
}
