package dev.rigwatch.bench.micro;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The benchmarks' inputs shipped in this jar (next to this class): real exchange responses and listing titles,
 * copied from the other modules' test fixtures, because a benchmark run from the fat jar has no test resources.
 */
final class BundledInput {

    private BundledInput() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = BundledInput.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the bench jar has no " + name + " next to " + BundledInput.class.getName());
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + " from the bench jar", e);
        }
    }

    /** The lines of a text resource, without blank lines and {@code #} comments. */
    static List<String> lines(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8).lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .toList();
    }
}
