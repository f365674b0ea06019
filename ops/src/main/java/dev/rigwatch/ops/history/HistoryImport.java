package dev.rigwatch.ops.history;

import dev.rigwatch.ingest.text.TextFiles;
import dev.rigwatch.events.kafka.EventProducer;
import dev.rigwatch.ingest.gpu.TitleNormaliser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a history file into the raw topics with the file's own times and the keys the producers use, so that
 * replay and backtests see it as if it had been polled. The {@link FileFormat}s: OHLCV candles ({@link OhlcvFile}),
 * rigwatch's own events as JSON lines ({@link EventLines}), listings in the operator feed's columns
 * ({@link ListingFile}), monthly GPU sold prices ({@link GpuSoldFile}).
 *
 * <p>Nothing is lost silently: each row that cannot be imported is a {@link BadRow} with its line and reason, counted
 * in the summary and written to {@code ingest.rejects} (source {@code import:<file name>}, URL the file's URI, body
 * the row); no other row is skipped. Every record goes through the one {@link EventProducer} (idempotent,
 * {@code acks=all}); the first record Kafka refuses stops the import, and the summary says where and why.
 *
 * <p>Importing a file again writes its records again: the keys and timestamps are the same, so a reader that keeps
 * one record per key and time sees no difference, but the topics are append-only and hold both copies.
 */
public final class HistoryImport {

    private static final Logger log = LoggerFactory.getLogger(HistoryImport.class);

    private final TitleNormaliser normaliser;
    private final Clock clock;

    /**
     * @param normaliser classifies listing titles and GPU names as catalogue models
     * @param clock      stamps the rejects, and the listings of a file without {@code observed_at}
     */
    public HistoryImport(TitleNormaliser normaliser, Clock clock) {
        this.normaliser = Objects.requireNonNull(normaliser, "normaliser");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** With the catalogue and title rules shipped in the jars. */
    public static HistoryImport standard(Clock clock) {
        return new HistoryImport(TitleNormaliser.standard(), clock);
    }

    /**
     * Imports {@code file}, on the calling thread, and flushes the producer before returning.
     *
     * @param producer where the records go; owned by the caller
     * @param listener called every {@link ImportOptions#progressEvery()} rows; it stops the import by throwing a
     *                 {@link CancellationException}, and the summary then says what was written
     * @throws ImportRefusedException when the file or the options cannot be imported at all (no such file, no header,
     *                                a format that cannot be told, no symbol for candles...): nothing was written
     */
    public ImportSummary run(Path file, ImportOptions options, EventProducer producer, ImportProgress.Listener listener) {
        if (!Files.isRegularFile(file)) {
            throw new ImportRefusedException("no such file: " + file);
        }
        if (!Files.isReadable(file)) {
            throw new ImportRefusedException("not allowed to read " + file);
        }
        String name = file.getFileName().toString();
        String firstLine = firstLine(file);
        FileFormat format = options.format() != null ? options.format() : FileFormat.detect(firstLine);
        ImportRun run = new ImportRun("import:" + name, file.toUri().toString(), producer, clock, options, listener);
        log.info("Importing {} as {}", file, format.id());
        Duration interval = null;
        String stoppedEarly = null;
        try {
            switch (format) {
                case OHLCV, BINANCE_KLINES, KRAKEN_OHLCVT ->
                        interval = new OhlcvFile(file, options, ExchangeDump.of(format, file)).importTo(run);
                case EVENTS -> new EventLines(file, options.topic()).importTo(run);
                case LISTINGS -> new ListingFile(file, firstLine.strip().startsWith("{"), options.feed(), normaliser,
                        options.usdRates(), options.msrpFloor(), clock).importTo(run);
                case GPU_SOLD -> new GpuSoldFile(file, normaliser).importTo(run);
            }
        } catch (ImportRun.Stopped e) {
            stoppedEarly = e.getMessage();
        } catch (CancellationException e) {
            stoppedEarly = "cancelled: " + e.getMessage();
        } catch (CharacterCodingException e) {
            stoppedEarly = "the file is not UTF-8 text past what was read";
        } catch (IOException | UncheckedIOException e) {
            stoppedEarly = "cannot read on: " + e.getMessage();
        }
        ImportSummary summary = run.finish(name, format, interval, stoppedEarly);
        log.info("Imported {}: {} rows read, {} records written, {} bad rows{}", name, summary.rowsRead(),
                summary.importedTotal(), summary.rejected(), summary.allWritten() ? ""
                        : "; not all written: " + (stoppedEarly != null ? stoppedEarly : summary.firstSendFailure()));
        return summary;
    }

    /** The first non-blank line but for {@link CsvFile#isCreditLine credit lines}, without a byte-order mark. */
    private static String firstLine(Path file) {
        try (BufferedReader reader = TextFiles.open(file)) {
            String credit = null;
            int credits = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                if (CsvFile.isCreditLine(line) && credits < CsvFile.MAX_CREDIT_LINES) {
                    credit = credit == null ? line : credit;
                    credits++;
                    continue;
                }
                return line;
            }
            if (credit != null) {
                return credit;
            }
        } catch (CharacterCodingException e) {
            throw new ImportRefusedException(file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new ImportRefusedException("cannot read " + file + ": " + e.getMessage());
        }
        throw new ImportRefusedException(file + " is empty");
    }
}
