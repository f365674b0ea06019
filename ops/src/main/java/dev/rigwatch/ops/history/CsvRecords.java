package dev.rigwatch.ops.history;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a CSV file record by record, each with the line it starts on and its text as written, without holding the
 * file in memory. A record ends at a line break outside double quotes (RFC 4180: escaped quotes come in pairs, so
 * an odd count of quotes means a quoted field goes on); its fields are parsed by jackson-dataformat-csv, one record
 * at a time, so a record that does not parse costs only itself.
 */
final class CsvRecords {

    /**
     * One record: its fields (trimmed), or why they do not parse.
     *
     * @param line   the 1-based line it starts on
     * @param raw    its text as the file has it (several lines when a quoted field holds a line break)
     * @param fields the fields, or null when {@code error} is set
     * @param error  why the record is not CSV, or null
     */
    record Record(int line, String raw, List<String> fields, String error) {

        boolean blank() {
            return raw.isBlank();
        }
    }

    /** Receives each record in file order; may stop the reading by throwing. */
    interface Sink {
        void accept(Record record);
    }

    private static final ObjectReader ROW = CsvMapper.builder()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.TRIM_SPACES)
            .build()
            .readerForListOf(String.class);
    /** Spreadsheet programs start UTF-8 exports with a byte-order mark, which would stick to the first column name. */
    static final String BYTE_ORDER_MARK = "\uFEFF";

    private CsvRecords() {
    }

    /**
     * The first non-blank record of the file, as its header.
     *
     * @throws ImportRefusedException when the file has none, or it does not parse
     */
    static Header header(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                Record record = parse(number, number == 1 && line.startsWith(BYTE_ORDER_MARK) ? line.substring(1) : line);
                if (record.error() != null) {
                    throw new ImportRefusedException("the header (line " + number + ") is " + record.error());
                }
                return Header.of(record.fields());
            }
        }
        throw new ImportRefusedException("the file is empty: no header row");
    }

    /** Every non-blank record after the header, in file order. */
    static void rows(Path file, Sink sink) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            boolean[] headerSeen = {false};
            read(reader, record -> {
                if (record.blank()) {
                    return;
                }
                if (headerSeen[0]) {
                    sink.accept(record);
                }
                headerSeen[0] = true;
            });
        }
    }

    /** Reads every record, blank lines included (as blank records), to the end of {@code reader}. */
    static void read(BufferedReader reader, Sink sink) throws IOException {
        int lineNumber = 0;
        int start = 0;
        StringBuilder record = new StringBuilder();
        boolean inQuotes = false;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNumber++;
            if (lineNumber == 1 && line.startsWith(BYTE_ORDER_MARK)) {
                line = line.substring(1);
            }
            if (record.isEmpty() && !inQuotes) {
                start = lineNumber;
            } else {
                record.append('\n');
            }
            record.append(line);
            inQuotes ^= line.chars().filter(c -> c == '"').count() % 2 == 1;
            if (!inQuotes) {
                sink.accept(parse(start, record.toString()));
                record.setLength(0);
            }
        }
        if (inQuotes) {
            sink.accept(new Record(start, record.toString(), null,
                    "a quoted field opened on line " + start + " is not closed before the end of the file"));
        }
    }

    /** The fields of one record's text. */
    static Record parse(int line, String raw) {
        if (raw.isBlank()) {
            return new Record(line, raw, List.of(), null);
        }
        try {
            List<List<String>> rows = ROW.<List<String>>readValues(raw).readAll();
            if (rows.size() != 1) {
                return new Record(line, raw, null, "not one CSV record");
            }
            return new Record(line, raw, rows.get(0), null);
        } catch (IOException e) {
            String message = e instanceof com.fasterxml.jackson.core.JsonProcessingException json
                    ? json.getOriginalMessage() : e.getMessage();
            return new Record(line, raw, null, "not CSV: " + message);
        }
    }
}
