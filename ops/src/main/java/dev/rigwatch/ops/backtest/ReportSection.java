package dev.rigwatch.ops.backtest;

import java.util.List;

/**
 * A section a report's HTML page gains beside its own, e.g. a parameter sweep's table: a title, a paragraph saying
 * what it shows, and a table of plain text cells (escaped when written).
 */
public record ReportSection(String title, String intro, List<String> header, List<List<String>> rows) {

    public ReportSection {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
    }
}
