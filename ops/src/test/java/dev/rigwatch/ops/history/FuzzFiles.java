package dev.rigwatch.ops.history;

import dev.rigwatch.testing.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The history files ops' property tests ({@code *Properties}) import, all derived from real files: the first
 * lines of the repository's data and the operator feed fixtures, mutated, cut short or replaced by random bytes
 * (see {@link dev.rigwatch.testing.FixtureMutations}), and written where the readers read from: a path.
 */
final class FuzzFiles {

    private FuzzFiles() {
    }

    /** The first {@code lines} lines of a test resource, as bytes. */
    static byte[] head(String resource, int lines) {
        return String.join("\n", TestData.text(resource).lines().limit(lines).toList()).concat("\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** {@code content} as the file {@code name} in a fresh temporary folder; the caller deletes it. */
    static Path write(String name, byte[] content) {
        try {
            Path dir = Files.createTempDirectory("rigwatch-fuzz");
            return Files.write(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
