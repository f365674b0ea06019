package dev.rigwatch.ingest.listing.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rigwatch.events.Json;
import dev.rigwatch.ingest.resilience.TickValidator;
import dev.rigwatch.ingest.text.CsvRecords;
import dev.rigwatch.ingest.text.TextFiles;
import java.io.StringReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads a feed file into {@link FeedRow}s, keeping every line that does not read with its number and why. */
final class FeedReader {

    /**
     * What a feed file held.
     *
     * @param rows        the rows that read, in file order
     * @param unreadable  the lines that did not, in file order
     * @param fileProblem what makes the whole file unusable (no header row, a column named twice), or null
     */
    record Read(List<FeedRow> rows, List<Unreadable> unreadable, String fileProblem) {}

    /** A line that is not a row: CSV that does not parse, a JSON line that is not an object. */
    record Unreadable(int line, String detail, String raw) {}

    private FeedReader() {
    }

    static Read read(String content, OperatorFeedSettings.Format format) {
        return switch (format) {
            // the CSV reader drops the byte-order mark itself
            case CSV -> csv(content);
            case JSON_LINES -> jsonLines(TextFiles.withoutBom(content));
        };
    }

    /** A header row names the columns; each row after it has as many fields. */
    private static Read csv(String content) {
        CsvRows read = new CsvRows();
        String stuck;
        try {
            stuck = CsvRecords.read(new StringReader(content), read::accept);
        } catch (IOException e) {
            // reading a String: cannot fail
            throw new IllegalStateException(e);
        }
        if (read.fileProblem != null) {
            return new Read(List.of(), List.of(), read.fileProblem);
        }
        return new Read(read.rows, read.unreadable, read.header == null ? "no header row" : stuck);
    }

    /** The records of a CSV feed as rows of named values, the first non-empty record naming the columns. */
    private static final class CsvRows {
        private final List<FeedRow> rows = new ArrayList<>();
        private final List<Unreadable> unreadable = new ArrayList<>();
        private List<String> header;
        private String fileProblem;

        void accept(CsvRecords.Record record) {
            if (fileProblem != null || record.empty()) {
                return;
            }
            if (record.error() != null) {
                if (header == null) {
                    fileProblem = "the header row (line " + record.line() + ") does not parse: " + record.error();
                } else {
                    unreadable.add(new Unreadable(record.line(), record.error(), record.raw()));
                }
                return;
            }
            List<String> fields = record.fields();
            if (header == null) {
                header = fields.stream().map(name -> name.toLowerCase(Locale.ROOT)).toList();
                String duplicate = firstDuplicate(header);
                if (duplicate != null) {
                    fileProblem = "the header names column " + duplicate + " twice";
                }
            } else if (fields.size() != header.size()) {
                unreadable.add(new Unreadable(record.line(), "expected " + header.size()
                        + " fields as in the header, got " + fields.size(), record.raw()));
            } else {
                Map<String, String> values = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    if (!fields.get(i).isEmpty()) {
                        values.put(header.get(i), fields.get(i));
                    }
                }
                rows.add(new FeedRow(record.line(), values, record.raw()));
            }
        }
    }

    /** One JSON object per line; blank lines are allowed. */
    private static Read jsonLines(String content) {
        List<String> lines = content.lines().toList();
        List<FeedRow> rows = new ArrayList<>();
        List<Unreadable> unreadable = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            if (text.isBlank()) {
                continue;
            }
            int line = i + 1;
            JsonNode object;
            try {
                object = Json.mapper().readTree(text);
            } catch (JsonProcessingException e) {
                unreadable.add(new Unreadable(line, "not JSON: " + e.getOriginalMessage(), text));
                continue;
            }
            if (!object.isObject()) {
                unreadable.add(new Unreadable(line, "not a JSON object", text));
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            String problem = null;
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                String name = field.getKey().toLowerCase(Locale.ROOT);
                JsonNode value = field.getValue();
                if (value.isContainerNode()) {
                    problem = "field " + field.getKey() + " is " + (value.isArray() ? "an array" : "an object")
                            + ", not a value";
                    break;
                }
                // plain digits, unless they would be many: 1e999999999 is a billion of them, each parsed again
                String written = value.isNumber() ? TickValidator.text(value.decimalValue()) : value.asText().strip();
                if (value.isNull() || written.isEmpty()) {
                    continue;
                }
                if (values.put(name, written) != null) {
                    problem = "field " + name + " is given twice";
                    break;
                }
            }
            if (problem != null) {
                unreadable.add(new Unreadable(line, problem, text));
            } else {
                rows.add(new FeedRow(line, values, text));
            }
        }
        return new Read(rows, unreadable, null);
    }

    private static String firstDuplicate(List<String> names) {
        Set<String> seen = new HashSet<>();
        // unnamed columns (a trailing comma) are ignored like any column rigwatch does not read
        return names.stream().filter(name -> !name.isEmpty() && !seen.add(name)).findFirst().orElse(null);
    }
}
