package dev.rigwatch.app;

import dev.rigwatch.events.kafka.EventProducer;
import dev.rigwatch.ingest.backfill.Backfill;
import dev.rigwatch.ingest.listing.MsrpFloor;
import dev.rigwatch.ingest.listing.UsdRates;
import dev.rigwatch.ops.ProgressBar;
import dev.rigwatch.ops.history.BadRow;
import dev.rigwatch.ops.history.FileFormat;
import dev.rigwatch.ops.history.HistoryImport;
import dev.rigwatch.ops.history.ImportOptions;
import dev.rigwatch.ops.history.ImportProgress;
import dev.rigwatch.ops.history.ImportRefusedException;
import dev.rigwatch.ops.history.ImportSummary;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code rigwatch import}: a history file loaded into the raw topics, with its own times. */
@Command(name = "import", mixinStandardHelpOptions = true,
        header = "Load a history file (OHLCV CSV, event JSON lines, listings) into Kafka.",
        description = {"Load a history file into Kafka with its own timestamps and the keys the producers use:",
                "OHLCV candles (CSV as exchanges and data sites export them) to crypto.ohlc; rigwatch events",
                "(JSON lines, or `rigwatch tail` output) to their topics; listings in the operator feed's columns",
                "to gpu.listings; monthly used-GPU sold prices to gpu.sold-prices. The format is told from the",
                "header; files with none (Binance's kline dumps, Kraken's OHLCVT downloads) from their column count,",
                "with the pair and candle length from the file name (BTCUSDT-1h-2024-01.csv, XBTUSD_60.csv).",
                "Bad rows are reported with their line and written to ingest.rejects; the rest is imported.",
                "Importing a file twice writes its records twice (same keys and times).",
                "Exit code: 0 when everything importable was written (bad rows reported), 1 when Kafka refused",
                "a record, the file could not be read to the end, or every row (or more than --max-bad-share of them)",
                "was bad, 2 when the file or options cannot be imported."})
final class ImportCommand implements Callable<Integer> {

    /** Keys listed per topic in the summary; the rest are counted. */
    static final int KEYS_SHOWN = 20;

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Parameters(index = "0", paramLabel = "FILE", description = "The file to import (UTF-8).")
    Path file;

    @Option(names = "--format", paramLabel = "ohlcv|events|listings|gpu-sold|binance-klines|kraken-ohlcvt",
            converter = FormatConverter.class,
            description = "The file's format (default: told from its first line).")
    FileFormat format;

    @Option(names = "--symbol", paramLabel = "SYMBOL",
            description = "OHLCV: the symbol of rows that name none, e.g. ETH-USD; needed when the file has no symbol column.")
    String symbol;

    @Option(names = "--exchange", paramLabel = "ID", defaultValue = ImportOptions.DEFAULT_EXCHANGE,
            description = "OHLCV: the exchange of rows that name none; candles are keyed exchange:SYMBOL.")
    String exchange;

    @Option(names = "--interval", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "OHLCV: the candle length, e.g. 1d (default: the most common gap between the file's times).")
    Duration interval;

    @Option(names = "--topic", paramLabel = "TOPIC",
            description = "Events: the topic of every line (default: each line's, from a `tail` line or the event's fields).")
    String topic;

    @Option(names = "--feed", paramLabel = "NAME", defaultValue = ImportOptions.DEFAULT_FEED,
            description = "Listings: the feed name; listings get the source feed-NAME.")
    String feed;

    @Option(names = "--usd-rates", paramLabel = "CODE=RATE,...",
            description = "Listings: USD per unit of each currency, e.g. EUR=1.16,GBP=1.32 (default: the built-in reference rates).")
    String usdRates;

    @Option(names = "--msrp-floor", paramLabel = "FRACTION", defaultValue = "0.15",
            description = "Listings: one priced (in USD, shipping left out) below this share of its model's launch MSRP"
                    + " is rejected as below-msrp-floor, as ingest rejects it; 0 turns the check off. Default: ${DEFAULT-VALUE}.")
    String msrpFloor;

    @Option(names = "--max-bad-share", paramLabel = "FRACTION", defaultValue = "" + ImportSummary.DEFAULT_MAX_BAD_SHARE,
            description = "The import fails (exit 1) when more than this share of the rows is bad, or every row; the"
                    + " good rows are still written and the bad ones reported.")
    double maxBadShare;

    @Override
    public Integer call() {
        if (!(maxBadShare >= 0 && maxBadShare <= 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-bad-share must be from 0 to 1, was "
                    + maxBadShare);
        }
        ImportOptions options;
        try {
            options = ImportOptions.defaults().withFormat(format).withSymbol(symbol)
                    .withExchange(exchange.strip().toLowerCase(Locale.ROOT)).withInterval(interval).withTopic(topic)
                    .withFeed(feed.strip()).withUsdRates(usdRates == null ? UsdRates.defaults() : UsdRates.parse(usdRates))
                    .withMsrpFloor(MsrpFloor.parse(msrpFloor));
        } catch (IllegalArgumentException | ImportRefusedException e) {
            return refused(e.getMessage());
        }
        PrintStream out = System.out;
        ImportSummary summary;
        try (Shutdown shutdown = Shutdown.onSignal();
             EventProducer producer = new EventProducer(kafka.bootstrapServers, "rigwatch-import")) {
            out.println("import of " + file + " into Kafka at " + kafka.bootstrapServers
                    + "; Ctrl-C stops it, keeping what was written");
            long lines = countLines(file);
            long started = System.nanoTime();
            summary = HistoryImport.standard(Clock.systemUTC()).run(file, options, producer, progress -> {
                System.err.println(progressLine(progress, lines, Duration.ofNanos(System.nanoTime() - started)));
                if (shutdown.requested()) {
                    throw new CancellationException("stopped on request after line " + progress.line());
                }
            });
        } catch (ImportRefusedException e) {
            return refused(e.getMessage());
        }
        summaryLines(summary, maxBadShare).forEach(out::println);
        return summary.allWritten() && !summary.tooManyBad(maxBadShare) ? 0 : 1;
    }

    /**
     * A file or options that cannot be imported: one line saying why, not the usage text (the options were
     * well-formed; it is the file, or what they ask of it, that does not go).
     */
    private int refused(String why) {
        spec.commandLine().getErr().println("rigwatch import: " + why + " (nothing was imported; `rigwatch import "
                + "--help` lists the formats)");
        return 2;
    }

    /**
     * @param lines the file's lines, for the bar; -1 when they could not be counted (the import then reports the
     *              file's problem itself)
     */
    static String progressLine(ImportProgress progress, long lines, Duration elapsed) {
        double seconds = Math.max(elapsed.toNanos() / 1e9, 1e-3);
        String where = lines < 0 ? "line " + progress.line()
                : ProgressBar.of(progress.line(), lines) + " line " + progress.line() + " of " + lines;
        return String.format(Locale.ROOT, "%s: %d rows read, %d records written, %d bad rows, %.0f rows/s",
                where, progress.rowsRead(), progress.imported(), progress.rejected(), progress.rowsRead() / seconds);
    }

    /** A first pass over the file for the progress bar's total: cheap next to the import's own pass and sends. */
    static long countLines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }

    static List<String> summaryLines(ImportSummary summary, double maxBadShare) {
        List<String> lines = new ArrayList<>();
        String outcome = !summary.allWritten() ? " NOT complete"
                : summary.tooManyBad(maxBadShare) ? " FAILED, " + (summary.rejected() == summary.rowsRead()
                        ? "every row bad" : String.format(Locale.ROOT, "%.1f %% of the rows bad (more than %.0f %%)",
                                100.0 * summary.rejected() / summary.rowsRead(), 100 * maxBadShare))
                : " done";
        lines.add("import of " + summary.file() + " as " + summary.format().id()
                + (summary.interval() == null ? "" : " (" + Backfill.shortForm(summary.interval()) + " candles)")
                + outcome + ": " + summary.rowsRead() + " rows read, "
                + summary.importedTotal() + " records written, " + summary.rejected() + " bad rows ("
                + summary.rejectsWritten() + " written to ingest.rejects)");
        for (Map.Entry<String, Map<String, Long>> topic : summary.imported().entrySet()) {
            Map<String, Long> keys = topic.getValue();
            lines.add("  " + topic.getKey() + ": " + summary.importedTo(topic.getKey()) + " records, " + keys.size()
                    + (keys.size() == 1 ? " key" : " keys"));
            keys.entrySet().stream().limit(KEYS_SHOWN)
                    .forEach(key -> lines.add("    " + key.getKey() + ": " + key.getValue()));
            if (keys.size() > KEYS_SHOWN) {
                lines.add("    ... and " + (keys.size() - KEYS_SHOWN) + " more keys");
            }
        }
        if (summary.firstTime() != null) {
            lines.add("  record times from " + summary.firstTime() + " to " + summary.lastTime());
        }
        if (summary.rejected() > 0) {
            lines.add("  bad rows" + (summary.firstRejects().size() < summary.rejected()
                    ? " (the first " + summary.firstRejects().size() + " of " + summary.rejected() + ")" : "") + ":");
            for (BadRow row : summary.firstRejects()) {
                lines.add("    " + row + " [" + row.reason() + "]");
            }
        }
        if (summary.sendFailures() > 0) {
            lines.add("  " + summary.sendFailures() + " records Kafka did not accept; the first: "
                    + summary.firstSendFailure());
        }
        if (summary.stoppedEarly() != null) {
            lines.add("  " + summary.stoppedEarly() + "; importing the file again writes again what was written");
        }
        return lines;
    }

    /** {@code ohlcv}, {@code events}, {@code listings}, {@code gpu-sold}, {@code binance-klines}, {@code kraken-ohlcvt}. */
    static final class FormatConverter implements ITypeConverter<FileFormat> {
        @Override
        public FileFormat convert(String value) {
            try {
                return FileFormat.of(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
