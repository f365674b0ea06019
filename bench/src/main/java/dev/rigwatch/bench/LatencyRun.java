package dev.rigwatch.bench;

import dev.rigwatch.bench.BenchResults.LatencyFigures;
import dev.rigwatch.events.TopicNamespace;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;

/** PLACEHOLDER: being written. */
final class LatencyRun {

    private LatencyRun() {
    }

    static LatencyFigures measure(String bootstrap, TopicNamespace ns, int ticksPerSecond, String guarantee,
                                  Duration duration, Path stateRoot, PrintStream progress) {
        throw new UnsupportedOperationException("latency run not written yet");
    }
}
