package dev.rigwatch.ingest.text;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * A reader that keeps the lines passing through it, so that a record the CSV parser read can be reported as the
 * file has it. Lines before the record being read are forgotten, so a large file is never held whole.
 */
final class LineRecorder extends Reader {

    private final Reader in;
    private final List<String> lines = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    /** The line number of {@code lines.get(0)}. */
    private int first = 1;
    private boolean afterCarriageReturn;

    LineRecorder(Reader in) {
        this.in = in;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        for (int i = offset; i < offset + n; i++) {
            char c = buffer[i];
            // the line breaks Jackson counts: \n, \r\n and a lone \r
            if (c == '\n' && afterCarriageReturn) {
                afterCarriageReturn = false;
            } else if (c == '\n' || c == '\r') {
                lines.add(partial.toString());
                partial.setLength(0);
                afterCarriageReturn = c == '\r';
            } else {
                partial.append(c);
                afterCarriageReturn = false;
            }
        }
        return n;
    }

    /** Lines {@code from} to {@code to} (1-based, inclusive) as read so far, joined with {@code \n}. */
    String text(int from, int to) {
        StringJoiner text = new StringJoiner("\n");
        for (int line = Math.max(from, first); line <= to; line++) {
            String content = line(line);
            if (content == null) {
                break;
            }
            text.add(content);
        }
        return text.toString();
    }

    /** Line {@code number}, the one still being read included, or null when not read yet. */
    String line(int number) {
        int index = number - first;
        if (index < 0) {
            return null;
        }
        return index < lines.size() ? lines.get(index) : index == lines.size() ? partial.toString() : null;
    }

    /** Whether line {@code number} has been read and is blank (or is the blank last line). */
    boolean blank(int number) {
        String content = line(number);
        return content != null && content.isBlank();
    }

    /** Forgets the lines before {@code number}. */
    void forgetBefore(int number) {
        int drop = Math.min(number - first, lines.size());
        if (drop > 0) {
            lines.subList(0, drop).clear();
            first += drop;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
