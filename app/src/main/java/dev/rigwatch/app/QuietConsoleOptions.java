package dev.rigwatch.app;

import java.nio.file.Path;
import java.time.Instant;
import picocli.CommandLine.Option;

/**
 * For the commands that print their own progress ({@code demo}, {@code bench}, {@code backtest}): the log goes to a file, so the
 * console shows only what the command prints, unless {@code --verbose}.
 */
final class QuietConsoleOptions {

    @Option(names = "--log-file", paramLabel = "FILE",
            description = "Where the log lines go (default: rigwatch-<command>-<time>.log in the temporary folder); the console shows the command's own lines only.")
    Path logFile;

    @Option(names = "--verbose", description = "Show the log lines on the console too, instead of only in the log file.")
    boolean verbose;

    /** Sends the log to its file unless {@code --verbose}, and says where on the console. */
    void apply(String command, Instant started) {
        if (!verbose) {
            Path file = LogFile.redirect(logFile != null ? logFile
                    : LogFile.name(Path.of(System.getProperty("java.io.tmpdir")), command, started));
            System.out.println("rigwatch " + command + ": logs in " + file + " (--verbose shows them here)");
        }
    }
}
