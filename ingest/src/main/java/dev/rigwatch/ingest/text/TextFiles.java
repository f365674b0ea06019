package dev.rigwatch.ingest.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one place a leading byte-order mark is dropped: spreadsheet programs start UTF-8 exports with one, and it
 * would stick to the first column name or make the first JSON line unreadable.
 */
public final class TextFiles {

    public static final char BYTE_ORDER_MARK = '\uFEFF';

    private TextFiles() {
    }

    /** {@code text} without a leading byte-order mark. */
    public static String withoutBom(String text) {
        return !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
    }

    /** A UTF-8 reader of {@code file} positioned after its byte-order mark, if it has one. */
    public static BufferedReader open(Path file) throws IOException {
        return withoutBom(Files.newBufferedReader(file, StandardCharsets.UTF_8));
    }

    /** Receives a numbered line. */
    public interface LineSink {
        void accept(int number, String line) throws IOException;
    }

    /** Every non-blank line of a UTF-8 file, with its 1-based number, the byte-order mark dropped. */
    public static void nonBlankLines(Path file, LineSink sink) throws IOException {
        try (BufferedReader reader = open(file)) {
            int number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                if (!line.isBlank()) {
                    sink.accept(number, line);
                }
            }
        }
    }

    /** {@code reader}, past a byte-order mark at its start. */
    public static BufferedReader withoutBom(Reader reader) throws IOException {
        BufferedReader buffered = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        buffered.mark(1);
        if (buffered.read() != BYTE_ORDER_MARK) {
            buffered.reset();
        }
        return buffered;
    }
}
