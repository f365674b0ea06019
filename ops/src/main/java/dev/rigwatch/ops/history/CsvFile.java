package dev.rigwatch.ops.history;

import dev.rigwatch.ingest.text.CsvRecords;
import dev.rigwatch.ingest.text.TextFiles;
import java.io.BufferedReader;
import java.nio.charset.CharacterCodingException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A history file in CSV: its header and its rows, read by rigwatch's one CSV reader. The header is the first
 * non-blank record but for credit lines before it: a record of one field (CryptoDataDownload's exports begin with
 * {@code https://www.CryptoDataDownload.com}), which no header of a format rigwatch reads is.
 */
final class CsvFile {

    /** How many credit lines may stand before the header. */
    static final int MAX_CREDIT_LINES = 3;

    private CsvFile() {
    }

    /** Whether a line before the header is a credit line: no field separator, so one field, and not JSON. */
    static boolean isCreditLine(String line) {
        String stripped = line.strip();
        return !stripped.isEmpty() && !stripped.startsWith("{") && stripped.indexOf(',') < 0;
    }

    /**
     * The first non-blank record of the file, as its header.
     *
     * @throws ImportRefusedException when the file has none, or it does not parse
     */
    static Header header(Path file) throws IOException {
        Header[] header = new Header[1];
        try (BufferedReader reader = TextFiles.open(file)) {
            int[] credits = {0};
            CsvRecords.read(reader, record -> {
                if (header[0] == null) {
                    if (isCredit(record, credits)) {
                        return;
                    }
                    if (record.error() != null) {
                        throw new ImportRefusedException("the header (line " + record.line() + ") is not CSV: "
                                + record.error());
                    }
                    header[0] = Header.of(record.fields());
                }
            });
        } catch (CharacterCodingException e) {
            throw new ImportRefusedException("the file is not UTF-8 text: " + e);
        }
        if (header[0] == null) {
            throw new ImportRefusedException("the file is empty: no header row");
        }
        return header[0];
    }

    /** Every non-blank record after the header, in file order; what follows a record the parser cannot pass is lost. */
    static void rows(Path file, CsvRecords.Sink sink) throws IOException {
        rows(file, true, sink);
    }

    /** {@link #rows(Path, CsvRecords.Sink)}, or every non-blank record when the file has no header. */
    static void rows(Path file, boolean hasHeader, CsvRecords.Sink sink) throws IOException {
        try (BufferedReader reader = TextFiles.open(file)) {
            boolean[] headerSeen = {!hasHeader};
            int[] credits = {0};
            String stuck = CsvRecords.read(reader, record -> {
                if (headerSeen[0]) {
                    sink.accept(record);
                } else if (!isCredit(record, credits)) {
                    headerSeen[0] = true;
                }
            });
            if (stuck != null) {
                throw new ImportRefusedException(stuck + "; the rows before it were read");
            }
        } catch (CharacterCodingException e) {
            throw new ImportRefusedException("the file is not UTF-8 text: " + e);
        }
    }

    /** A credit line before the header, counted; the same rule for {@link #header} and {@link #rows}. */
    private static boolean isCredit(CsvRecords.Record record, int[] seen) {
        if (record.error() == null && record.fields().size() == 1 && seen[0] < MAX_CREDIT_LINES
                && isCreditLine(record.fields().get(0))) {
            seen[0]++;
            return true;
        }
        return false;
    }
}
