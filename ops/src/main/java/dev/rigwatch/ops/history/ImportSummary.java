package dev.rigwatch.ops.history;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What an import did.
 *
 * @param file             the file's name
 * @param format           its format
 * @param interval         OHLCV: the candle length used (given or inferred); null for the other formats
 * @param rowsRead         data rows read (the header and blank lines are not rows)
 * @param imported         records Kafka acknowledged, by topic and key (both sorted)
 * @param rejected         bad rows
 * @param firstRejects     the first {@link ImportOptions#reportedRejects()} of them, in file order
 * @param rejectsWritten   bad rows Kafka acknowledged on {@code ingest.rejects}
 * @param firstTime        the earliest record timestamp imported, or null when none was
 * @param lastTime         the latest, or null
 * @param sendFailures     records (events or rejects) Kafka did not accept
 * @param firstSendFailure the first such failure, or null
 * @param stoppedEarly     why the import stopped before the end of the file (a send failed, the file could not be
 *                         read on), or null when it read it all
 */
public record ImportSummary(String file, FileFormat format, Duration interval, long rowsRead,
                            Map<String, Map<String, Long>> imported, long rejected, List<BadRow> firstRejects,
                            long rejectsWritten, Instant firstTime, Instant lastTime, long sendFailures,
                            String firstSendFailure, String stoppedEarly) {

    /**
     * More than this share of a file's rows bad, and the import failed, though the good rows were written: a file
     * that mostly does not read is the wrong file or a format misread, not a few broken rows. The real files here
     * have 0.2 % (Yahoo's `null` days) and 1.2 % (the GPU sold series).
     */
    public static final double DEFAULT_MAX_BAD_SHARE = 0.10;

    /** Records Kafka acknowledged, all topics. */
    public long importedTotal() {
        return imported.values().stream().flatMap(keys -> keys.values().stream()).mapToLong(Long::longValue).sum();
    }

    /** Records Kafka acknowledged on one topic, all keys. */
    public long importedTo(String topic) {
        return imported.getOrDefault(topic, Map.of()).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Whether every row was read and every record Kafka was given (events and rejects) was acknowledged. */
    public boolean allWritten() {
        return sendFailures == 0 && stoppedEarly == null;
    }

    /**
     * Whether the import did not do its job: every row bad (a file with rows, none imported), or more than
     * {@code maxBadShare} of them.
     */
    public boolean tooManyBad(double maxBadShare) {
        return rejected > 0 && (rejected == rowsRead || rejected > maxBadShare * rowsRead);
    }
}
