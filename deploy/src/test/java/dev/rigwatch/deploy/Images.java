package dev.rigwatch.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The images the tests run, built once per test JVM by the project's own {@code docker/build-images.sh} from the
 * jars this build just made (so a test never runs an image of older code). The script's output is in
 * {@code target/build-images.log}.
 */
final class Images {

    static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static boolean built;

    private Images() {
    }

    static synchronized void ensureBuilt() {
        if (built) {
            return;
        }
        List<String> command = List.of(PROJECT.resolve("docker/build-images.sh").toString());
        HostProcess build = HostProcess.run(command, Map.of(), TIMEOUT);
        write(Path.of("target", "build-images.log"), build.output());
        build.orFail(command);
        built = true;
    }

    private static void write(Path log, String output) {
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Files.writeString(log, output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + log, e);
        }
    }
}
