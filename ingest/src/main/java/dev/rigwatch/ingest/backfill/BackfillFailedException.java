package dev.rigwatch.ingest.backfill;

import dev.rigwatch.ingest.FetchResult;
import java.time.Instant;
import java.util.Optional;

/**
 * A backfill that stopped: the chunk it stopped at, why, and how many records were written before it. Those
 * records stay written; nothing is rolled back.
 */
public final class BackfillFailedException extends RuntimeException {

    private final transient Instant chunkFrom;
    private final transient Instant chunkTo;
    private final long candlesWritten;
    private final transient FetchResult.Failure failure;

    /**
     * @param failure the exchange's last answer, when the exchange stopped it; null when Kafka or an interrupt did
     * @param cause   Kafka's error or the interrupt, when one of them stopped it; else null
     */
    BackfillFailedException(String message, Instant chunkFrom, Instant chunkTo, long candlesWritten,
                            FetchResult.Failure failure, Throwable cause) {
        super(message, cause);
        this.chunkFrom = chunkFrom;
        this.chunkTo = chunkTo;
        this.candlesWritten = candlesWritten;
        this.failure = failure;
    }

    /** The start of the chunk's first window. */
    public Instant chunkFrom() {
        return chunkFrom;
    }

    /** The end of the chunk's last window, exclusive. */
    public Instant chunkTo() {
        return chunkTo;
    }

    /** Records Kafka acknowledged before the backfill stopped (candles, or ticks made from them). */
    public long candlesWritten() {
        return candlesWritten;
    }

    /** The exchange's last answer to the chunk, when it was the exchange that stopped the backfill. */
    public Optional<FetchResult.Failure> failure() {
        return Optional.ofNullable(failure);
    }
}
