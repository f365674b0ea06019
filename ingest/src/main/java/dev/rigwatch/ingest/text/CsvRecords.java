package dev.rigwatch.ingest.text;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.List;

/**
 * rigwatch's one CSV reader, for operator feeds and history files: records in file order, each with the line it
 * starts on and its text as written, parsed by jackson-dataformat-csv (RFC 4180: quoted fields with commas, doubled
 * quotes and line breaks; a {@code "} inside an unquoted field, as in {@code 27" monitor}, is a character). A record
 * that does not parse is reported with its line and the reading goes on; the file is streamed, never held whole.
 */
public final class CsvRecords {

    /**
     * One record: its fields (trimmed), or why it does not parse.
     *
     * @param line   the 1-based line it starts on
     * @param raw    its text as the file has it (several lines when a quoted field holds a line break)
     * @param fields the fields, or null when {@code error} is set
     * @param error  why the record is not CSV (the parser's message), or null
     */
    public record Record(int line, String raw, List<String> fields, String error) {

        /** Every field empty, as in a line of commas. */
        public boolean empty() {
            return fields != null && fields.stream().allMatch(String::isEmpty);
        }
    }

    /** Receives each record in file order. */
    public interface Sink {
        void accept(Record record) throws IOException;
    }

    private static final ObjectReader ROWS = CsvMapper.builder()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .enable(CsvParser.Feature.TRIM_SPACES)
            .build()
            .readerForListOf(String.class);
    private static final String MISSING_CLOSING_QUOTE = "Missing closing quote";

    private CsvRecords() {
    }

    /**
     * Reads every non-blank record of {@code reader} (after a byte-order mark) to its end.
     *
     * @return null when it was read to the end; else why nothing after a record that did not parse can be read
     */
    public static String read(Reader reader, Sink sink) throws IOException {
        return read(reader, sink, "the file");
    }

    private static String read(Reader reader, Sink sink, String input) throws IOException {
        LineRecorder text = new LineRecorder(TextFiles.withoutBom(reader));
        try (MappingIterator<List<String>> it = ROWS.readValues(text)) {
            while (true) {
                JsonLocation before = it.getCurrentLocation();
                // after a record that did not parse the parser stands inside its line; the next one is on a later one
                int line = before.getColumnNr() > 1 ? before.getLineNr() + 1 : before.getLineNr();
                List<String> fields;
                try {
                    if (!it.hasNextValue()) {
                        return null;
                    }
                    fields = it.nextValue();
                } catch (IOException e) {
                    line = firstNonBlank(text, line);
                    String message = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
                    if (message != null && message.startsWith(MISSING_CLOSING_QUOTE)) {
                        sink.accept(new Record(line, text.text(line, Integer.MAX_VALUE).stripTrailing(), null,
                                "a quoted field opened on line " + line + " is not closed before the end of " + input));
                        return null;
                    }
                    sink.accept(new Record(line, text.line(line) == null ? "" : text.line(line), null,
                            message));
                    if (it.getCurrentLocation().getCharOffset() <= before.getCharOffset()) {
                        return "CSV does not parse past line " + line;
                    }
                    continue;
                }
                line = firstNonBlank(text, line);
                JsonLocation after = it.getCurrentLocation();
                int last = after.getColumnNr() == 1 ? after.getLineNr() - 1 : after.getLineNr();
                last = Math.max(last, line);
                while (last > line && text.blank(last)) {
                    last--;
                }
                sink.accept(new Record(line, text.text(line, last), fields, null));
                text.forgetBefore(last);
            }
        }
    }

    /** The first record of one line of text, e.g. a header to tell a file's format by (no fields when blank). */
    public static Record parse(int line, String raw) {
        Record[] first = new Record[1];
        try {
            read(new StringReader(raw), record -> {
                if (first[0] == null) {
                    first[0] = record;
                }
            }, "the line");
        } catch (IOException e) {
            // reading a String: cannot fail
            throw new IllegalStateException(e);
        }
        return first[0] == null ? new Record(line, raw, List.of(), null)
                : new Record(line, raw, first[0].fields(), first[0].error());
    }

    /** The parser reports where it stopped, which may be before the blank lines it then skips. */
    private static int firstNonBlank(LineRecorder text, int line) {
        int first = line;
        while (text.blank(first)) {
            first++;
        }
        return first;
    }
}
