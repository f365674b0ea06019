package dev.rigwatch.ops.history;

/**
 * A row that could not be imported: reported, and written to {@code ingest.rejects}.
 *
 * @param line   the 1-based line it starts on
 * @param reason a short stable code: {@code malformed-row}, {@code unknown-model}, or a listing's skip reason
 * @param detail what is wrong, in words
 * @param raw    the row as the file has it
 */
public record BadRow(int line, String reason, String detail, String raw) {

    /** The reason code of a row whose values do not read or do not make an event. */
    public static final String MALFORMED = "malformed-row";

    @Override
    public String toString() {
        return "line " + line + ": " + detail;
    }
}
