package dev.rigwatch.ops;

import dev.rigwatch.events.kafka.ApplicationLag.Look;
import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The progress line of topologies catching up with their input ({@code ApplicationLag.awaitCaughtUp}'s listener):
 * a bar of the records processed since the first look against those plus the records still behind (both grow as one
 * stage writes what the next reads, so the bar is of the work known so far), the rate, the records behind and the
 * time so far; at the first look, then at most once per {@code every}.
 */
public final class CatchUpProgress implements Consumer<Look> {

    private final PrintStream out;
    private final String label;
    private final Duration every;
    private final long started = System.nanoTime();
    private long lastPrinted;
    private boolean printed;
    private long firstCommitted = -1;

    /** @param label what the line says is going on, e.g. {@code processing} */
    public CatchUpProgress(PrintStream out, String label, Duration every) {
        this.out = out;
        this.label = label;
        this.every = every;
    }

    @Override
    public void accept(Look look) {
        if (firstCommitted < 0) {
            firstCommitted = look.committed();
        }
        long now = System.nanoTime();
        if (!printed || now - lastPrinted > every.toNanos()) {
            long processed = look.committed() - firstCommitted;
            double seconds = (now - started) / 1e9;
            out.printf("  %s %s %,d records processed (%,.0f/s), %,d behind, %.0f s%n", label,
                    ProgressBar.of(processed, processed + look.behind()), processed,
                    seconds > 0 ? processed / seconds : 0, look.behind(), seconds);
            lastPrinted = now;
            printed = true;
        }
    }
}
