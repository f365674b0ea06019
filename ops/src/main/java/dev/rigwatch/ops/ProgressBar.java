package dev.rigwatch.ops;

import java.util.Locale;

/**
 * The bar at the head of the operators' progress lines: {@code [#########-----------]  45.0%}. Lines, not a bar
 * redrawn in place, because these commands run as often under a scheduler or CI, with stderr in a log file, as in a
 * terminal.
 */
public final class ProgressBar {

    static final int WIDTH = 20;

    private ProgressBar() {
    }

    /** The bar for {@code percent} done, clamped to 0–100. */
    public static String of(double percent) {
        double done = Double.isNaN(percent) ? 0 : Math.max(0, Math.min(100, percent));
        int filled = (int) Math.floor(done / 100 * WIDTH);
        return "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + String.format(Locale.ROOT, "%5.1f%%", done);
    }

    /** The bar for {@code done} of {@code total}; a total of 0 is complete. */
    public static String of(long done, long total) {
        return of(total <= 0 ? 100.0 : 100.0 * done / total);
    }
}
