package dev.rigwatch.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A {@code rigwatch} command in a JVM of its own, started from this test's classpath, so a test can kill it the way
 * an operator's host would: {@link #killHard()} is SIGKILL ({@code kill -9}), no shutdown hook, no flush, no commit.
 */
final class ForkedRigwatch implements AutoCloseable {

    private final Process process;
    private final Path output;

    private ForkedRigwatch(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts {@code rigwatch <args>}; its stdout and stderr go to {@code output}. */
    static ForkedRigwatch start(Path output, String... args) throws IOException {
        return start(output, Map.of(), args);
    }

    /** Starts {@code rigwatch <args>} with these env vars on top of this JVM's. */
    static ForkedRigwatch start(Path output, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), Rigwatch.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        builder.environment().putAll(env);
        Process process = builder.start();
        return new ForkedRigwatch(process, output);
    }

    /** Waits until the process has printed {@code line} (a part of a line), or fails with what it printed. */
    void awaitOutput(String line, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (output().contains(line)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("rigwatch exited with " + process.exitValue() + " before printing '" + line
                        + "'; it printed:\n" + output());
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new AssertionError("rigwatch did not print '" + line + "' within " + timeout + "; it printed:\n" + output());
    }

    /** Waits for a command that ends by itself, and returns its exit code; fails with its output if it does not. */
    int awaitExit(Duration timeout) throws IOException, InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("rigwatch did not exit within " + timeout + "; it printed:\n" + output());
        }
        return process.exitValue();
    }

    String output() throws IOException {
        return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
    }

    /** SIGKILL: on Unix, {@link Process#destroyForcibly()} is {@code kill -9}. Returns once the process is gone. */
    void killHard() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("rigwatch (pid " + process.pid() + ") survived SIGKILL for 30 s");
        }
    }

    /** SIGTERM, the clean stop: the shutdown hook closes the stage. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                killHard();
            }
        }
    }
}
