package dev.rigwatch.ingest.listing.feed;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.rigwatch.events.Json;
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

    private static final ObjectReader CSV_ROWS = CsvMapper.builder()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .enable(CsvParser.Feature.TRIM_SPACES)
            .build()
            .readerForListOf(String.class);
    /** Spreadsheet programs start UTF-8 exports with a byte-order mark, which would stick to the first column name. */
    private static final String BYTE_ORDER_MARK = "\uFEFF";

    private FeedReader() {
    }

    static Read read(String content, OperatorFeedSettings.Format format) {
        String text = content.startsWith(BYTE_ORDER_MARK) ? content.substring(1) : content;
        return switch (format) {
            case CSV -> csv(text);
            case JSON_LINES -> jsonLines(text);
        };
    }

    /** A header row names the columns; each row after it has as many fields. */
    private static Read csv(String content) {
        List<String> lines = content.lines().toList();
        List<FeedRow> rows = new ArrayList<>();
        List<Unreadable> unreadable = new ArrayList<>();
        List<String> header = null;
        try (MappingIterator<List<String>> it = CSV_ROWS.readValues(content)) {
            while (true) {
                JsonLocation before = it.getCurrentLocation();
                // after a row that did not parse the parser stands inside its line; the next row is on a later one
                int line = firstNonBlank(lines, before.getColumnNr() > 1 ? before.getLineNr() + 1 : before.getLineNr());
                List<String> fields;
                try {
                    if (!it.hasNextValue()) {
                        break;
                    }
                    fields = it.nextValue();
                } catch (IOException e) {
                    if (header == null) {
                        return new Read(List.of(), List.of(), "the header row (line " + line + ") does not parse: "
                                + message(e));
                    }
                    unreadable.add(new Unreadable(line, message(e), lineText(lines, line)));
                    if (it.getCurrentLocation().getCharOffset() <= before.getCharOffset()) {
                        // the parser cannot get past this point: nothing after it can be read
                        return new Read(rows, unreadable, "CSV does not parse past line " + line);
                    }
                    continue;
                }
                if (fields.stream().allMatch(String::isEmpty)) {
                    continue;
                }
                String raw = text(lines, line, it.getCurrentLocation());
                if (header == null) {
                    header = fields.stream().map(name -> name.toLowerCase(Locale.ROOT)).toList();
                    String duplicate = firstDuplicate(header);
                    if (duplicate != null) {
                        return new Read(List.of(), List.of(), "the header names column " + duplicate + " twice");
                    }
                } else if (fields.size() != header.size()) {
                    unreadable.add(new Unreadable(line, "expected " + header.size() + " fields as in the header, got "
                            + fields.size(), raw));
                } else {
                    Map<String, String> values = new LinkedHashMap<>();
                    for (int i = 0; i < header.size(); i++) {
                        if (!fields.get(i).isEmpty()) {
                            values.put(header.get(i), fields.get(i));
                        }
                    }
                    rows.add(new FeedRow(line, values, raw));
                }
            }
        } catch (IOException e) {
            // reading a String: closing cannot fail
            throw new IllegalStateException(e);
        }
        return new Read(rows, unreadable, header == null ? "no header row" : null);
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
                String written = value.isNumber() ? value.decimalValue().toPlainString() : value.asText().strip();
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

    private static String message(IOException e) {
        return e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
    }

    private static String firstDuplicate(List<String> names) {
        Set<String> seen = new HashSet<>();
        // unnamed columns (a trailing comma) are ignored like any column rigwatch does not read
        return names.stream().filter(name -> !name.isEmpty() && !seen.add(name)).findFirst().orElse(null);
    }

    /** The parser reports where it stopped, which may be before the blank lines it then skips. */
    private static int firstNonBlank(List<String> lines, int line) {
        int first = line;
        while (first <= lines.size() && lines.get(first - 1).isBlank()) {
            first++;
        }
        return first;
    }

    private static String lineText(List<String> lines, int line) {
        return line <= lines.size() ? lines.get(line - 1) : "";
    }

    /** A row's lines as written: from its first line up to where the parser stopped after it (quoted newlines). */
    private static String text(List<String> lines, int first, JsonLocation after) {
        int last = after.getColumnNr() == 1 ? after.getLineNr() - 1 : after.getLineNr();
        last = Math.min(Math.max(last, first), lines.size());
        while (last > first && lines.get(last - 1).isBlank()) {
            last--;
        }
        return String.join("\n", lines.subList(first - 1, last));
    }
}
