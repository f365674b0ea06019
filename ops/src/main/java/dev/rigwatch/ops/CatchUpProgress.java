package dev.rigwatch.ops;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.LongConsumer;

/**
 * The progress line of topologies catching up with their input ({@code ApplicationLag.awaitCaughtUp}'s lag
 * listener): a bar against the most they were ever behind, since records still arrive from one stage to the next as
 * they run, the records behind and the time so far; at the first look, then at most once per {@code every}.
 */
public final class CatchUpProgress implements LongConsumer {

    private final PrintStream out;
    private final String label;
    private final Duration every;
    private final long started = System.nanoTime();
    private long lastPrinted;
    private boolean printed;
    private long mostBehind;

    /** @param label what the line says is going on, e.g. {@code processing} */
    public CatchUpProgress(PrintStream out, String label, Duration every) {
        this.out = out;
        this.label = label;
        this.every = every;
    }

    @Override
    public void accept(long lag) {
        mostBehind = Math.max(mostBehind, lag);
        long now = System.nanoTime();
        if (!printed || now - lastPrinted > every.toNanos()) {
            out.printf("  %s %s %,d records behind, %.0f s%n", label, ProgressBar.of(mostBehind - lag, mostBehind), lag,
                    (now - started) / 1e9);
            lastPrinted = now;
            printed = true;
        }
    }
}
