package dev.rigwatch.ops.history;

import dev.rigwatch.ingest.text.CsvRecords;
import dev.rigwatch.ingest.text.TextFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;

/** A history file in CSV: its header (the first record) and its rows, read by rigwatch's one CSV reader. */
final class CsvFile {

    private CsvFile() {
    }

    /**
     * The first non-blank record of the file, as its header.
     *
     * @throws ImportRefusedException when the file has none, or it does not parse
     */
    static Header header(Path file) throws IOException {
        Header[] header = new Header[1];
        try (BufferedReader reader = TextFiles.open(file)) {
            CsvRecords.read(reader, record -> {
                if (header[0] == null) {
                    if (record.error() != null) {
                        throw new ImportRefusedException("the header (line " + record.line() + ") is not CSV: "
                                + record.error());
                    }
                    header[0] = Header.of(record.fields());
                }
            });
        }
        if (header[0] == null) {
            throw new ImportRefusedException("the file is empty: no header row");
        }
        return header[0];
    }

    /** Every non-blank record after the header, in file order; what follows a record the parser cannot pass is lost. */
    static void rows(Path file, CsvRecords.Sink sink) throws IOException {
        try (BufferedReader reader = TextFiles.open(file)) {
            boolean[] headerSeen = {false};
            String stuck = CsvRecords.read(reader, record -> {
                if (headerSeen[0]) {
                    sink.accept(record);
                }
                headerSeen[0] = true;
            });
            if (stuck != null) {
                throw new ImportRefusedException(stuck + "; the rows before it were read");
            }
        }
    }
}
