package dev.rigwatch.bench;

import dev.rigwatch.events.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** A run's results as {@code <dir>/<start time>.json}: the record for comparing runs later. */
public final class ResultsFile {

    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private ResultsFile() {
    }

    /** Writes {@code results} and returns the file. */
    public static Path write(BenchResults results, Path dir) {
        Path file = dir.resolve(NAME.format(results.startedAt()) + ".json");
        try {
            Files.createDirectories(dir);
            Json.mapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), results);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the results to " + file, e);
        }
    }

    /** Reads a results file back. */
    public static BenchResults read(Path file) {
        try {
            return Json.mapper().readValue(file.toFile(), BenchResults.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the results " + file, e);
        }
    }
}
