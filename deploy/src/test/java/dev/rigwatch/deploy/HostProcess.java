package dev.rigwatch.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A command run on this host from the project's root, as a user runs it: its exit code and its output. */
record HostProcess(int exit, String output) {

    /** What {@link #exit} is when the command did not finish in time (it was killed). */
    static final int TIMED_OUT = -1;

    /**
     * Runs {@code command} with {@code env} added to this JVM's, its stdout and stderr together; waits at most
     * {@code timeout}, then kills it.
     */
    static HostProcess run(List<String> command, Map<String, String> env, Duration timeout) {
        try {
            Path out = Files.createTempFile("rigwatch-deploy", ".out");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).directory(Images.PROJECT.toFile())
                        .redirectErrorStream(true).redirectOutput(out.toFile());
                builder.environment().putAll(env);
                Process process = builder.start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor();
                    return new HostProcess(TIMED_OUT, "(no result within " + timeout + ")\n" + Files.readString(out));
                }
                return new HostProcess(process.exitValue(), Files.readString(out));
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + String.join(" ", command), e);
        }
    }

    /** This result, or a failure naming the command with its output when it did not exit 0. */
    HostProcess orFail(List<String> command) {
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + (exit == TIMED_OUT ? " did not finish"
                    : " exited " + exit) + ":\n" + output);
        }
        return this;
    }
}
