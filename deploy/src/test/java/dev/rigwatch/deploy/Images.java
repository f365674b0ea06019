package dev.rigwatch.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The images the tests run, built once per test JVM by the project's own {@code docker/build-images.sh} from the
 * jars this build just made (so a test never runs an image of older code). The script's output is in
 * {@code target/build-images.log}.
 */
final class Images {

    static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();
    private static final long TIMEOUT_MINUTES = 10;
    private static boolean built;

    private Images() {
    }

    static synchronized void ensureBuilt() {
        if (built) {
            return;
        }
        Path log = Path.of("target", "build-images.log").toAbsolutePath();
        int exit = run(log, PROJECT.resolve("docker/build-images.sh").toString());
        if (exit != 0) {
            throw new IllegalStateException("docker/build-images.sh exited " + exit + ":\n" + read(log));
        }
        built = true;
    }

    /** Runs a command in the project's root with its output in {@code log}; its exit code. */
    static int run(Path log, String... command) {
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).directory(PROJECT.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within "
                        + TIMEOUT_MINUTES + " minutes:\n" + read(log));
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + String.join(" ", command), e);
        }
    }

    static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}
