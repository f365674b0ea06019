package dev.rigwatch.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rigwatch.bench.BenchResults.MemoryFigures;
import dev.rigwatch.events.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The streams stage's memory: {@link StreamsStageProbe} in a JVM of its own with {@value #HEAP_LIMIT_MIB} MiB of heap
 * (the target), over the pipeline run's pre-loaded input under an application id of its own, until caught up. A
 * child that runs out of heap or fails any other way fails the run with the end of its log: that the stage does not
 * fit is the finding, not something to work around.
 */
final class MemoryRun {

    /** The child's {@code -Xmx}: the target for 500 instruments. */
    static final int HEAP_LIMIT_MIB = 256;
    private static final int LOG_LINES_SHOWN = 20;
    private static final long EXIT_WAIT_SECONDS = 60;
    private static final double MIB = 1024 * 1024;

    private MemoryRun() {
    }

    /** @param stateRoot where the child's state and its log ({@code <application id>.log}) go */
    static MemoryFigures measure(String bootstrap, Preload.Loaded input, Path stateRoot, PrintStream progress) {
        String applicationId = "rigwatch-bench-memory-" + input.ns().prefix().replace(".", "");
        Path log = stateRoot.resolve(applicationId + ".log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + HEAP_LIMIT_MIB + "m", "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"), StreamsStageProbe.class.getName(),
                bootstrap, input.ns().prefix(), applicationId, stateRoot.resolve(applicationId).toString());
        String report = null;
        int exit;
        try {
            Files.createDirectories(stateRoot);
            Process child = new ProcessBuilder(command).redirectError(log.toFile()).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("{")) {
                        report = line;
                    } else {
                        progress.println(line);
                    }
                }
            }
            if (!child.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS)) {
                child.destroyForcibly();
                throw new IllegalStateException("the memory run's JVM did not exit after its report; its log: "
                        + lastLines(log));
            }
            exit = child.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the memory run's JVM", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the memory run ran", e);
        }
        if (exit != 0 || report == null) {
            throw new IllegalStateException("the streams stage alone with -Xmx" + HEAP_LIMIT_MIB + "m over "
                    + input.instruments() + " instruments failed (exit " + exit + "); the end of its log:\n"
                    + lastLines(log));
        }
        StreamsStageProbe.Report r = parse(report);
        return new MemoryFigures(input.instruments(), input.ticks(), HEAP_LIMIT_MIB, r.peakHeapUsedBytes() / MIB,
                r.peakLiveHeapBytes() / MIB, r.peakRssBytes() < 0 ? -1 : r.peakRssBytes() / MIB, r.seconds());
    }

    private static StreamsStageProbe.Report parse(String line) {
        try {
            return Json.mapper().readValue(line, StreamsStageProbe.Report.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the memory run's JVM reported something other than its figures: " + line,
                    e);
        }
    }

    private static String lastLines(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_LINES_SHOWN), lines.size()));
        } catch (IOException e) {
            return "(its log " + log + " cannot be read: " + e.getMessage() + ")";
        }
    }
}
