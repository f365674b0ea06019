package dev.rigwatch.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Where the tests' containers log: a file each under {@code target/containers/}, for a failure's story. */
final class ContainerLogs {

    private ContainerLogs() {
    }

    static Path of(String name) {
        return Path.of("target", "containers", name + ".log");
    }

    static synchronized void append(Path log, String text) {
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the container log " + log, e);
        }
    }
}
