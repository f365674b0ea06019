package dev.rigwatch.ops.history;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A CSV header row: column names matched case-insensitively, with runs of spaces, {@code _} and {@code -} read as
 * one space, so {@code Open time}, {@code open_time} and {@code OPEN-TIME} are one name.
 */
final class Header {

    /** Columns named in messages; a wider header is cut short there. */
    static final int SHOWN = 8;
    private static final Pattern SEPARATORS = Pattern.compile("[\\s_-]+");

    private final List<String> written;
    private final Map<String, Integer> indexByName = new LinkedHashMap<>();

    private Header(List<String> written) {
        this.written = List.copyOf(written);
        for (int i = 0; i < written.size(); i++) {
            // a name given twice: the first column is the one read
            indexByName.putIfAbsent(normalise(written.get(i)), i);
        }
    }

    static Header of(List<String> fields) {
        return new Header(fields);
    }

    static String normalise(String name) {
        return SEPARATORS.matcher(name.strip().toLowerCase(Locale.ROOT)).replaceAll(" ");
    }

    /** The index of the first of {@code names} (normalised) the header has, or -1. */
    int find(List<String> names) {
        for (String name : names) {
            Integer index = indexByName.get(name);
            if (index != null) {
                return index;
            }
        }
        return -1;
    }

    boolean has(String name) {
        return indexByName.containsKey(name);
    }

    /** The name of column {@code index} as the file writes it. */
    String name(int index) {
        return written.get(index);
    }

    int size() {
        return written.size();
    }

    /** The names as written; past {@value #SHOWN} columns (a wide table of models by dates) the rest are counted. */
    @Override
    public String toString() {
        return written.size() <= SHOWN ? written.toString()
                : "[" + String.join(", ", written.subList(0, SHOWN)) + ", ... " + (written.size() - SHOWN) + " more]";
    }
}
