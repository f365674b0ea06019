package dev.rigwatch.events;

import java.time.Duration;
import java.time.Instant;

/**
 * A stretch with no good tick from one exchange for one symbol: gaps are data, so a failed or stalled poll never
 * looks like a flat price. Topic {@code ingest.gaps}, key {@code exchange:SYMBOL}; an {@code OPEN} record when the
 * symbol goes stale, a {@code CLOSED} one when good ticks return, carrying how the gap was repaired from the
 * exchange's candle history. Both are timestamped {@link #detectedAt()} (the wall clock of the worker that saw it),
 * so a gap's two records share one time line whatever clock the exchange keeps.
 *
 * @param lastGoodTime       event time of the last good tick before the gap (null: none since the worker started)
 * @param detectedAt         when the gap was declared: no good tick for {@code staleAfter}
 * @param recoveredAt        event time of the first good tick after it; null while OPEN
 * @param staleAfter         the staleness setting that declared it
 * @param lastFailure        the reason code of the last failed poll (e.g. {@code http-5xx}), or null when polls
 *                           succeeded but brought no new trade
 * @param backfilledCandles  1-minute candles written to {@code crypto.ohlc} for the gap on recovery; null while
 *                           OPEN or when the backfill failed (see {@code backfillError})
 * @param backfillError      why the backfill failed, or null
 */
public record SourceGap(
        int v,
        String exchange,
        String symbol,
        Status status,
        Instant lastGoodTime,
        Instant detectedAt,
        Instant recoveredAt,
        Duration staleAfter,
        String lastFailure,
        Integer backfilledCandles,
        String backfillError) implements Versioned {

    public static final int VERSION = 1;

    public enum Status { OPEN, CLOSED }

    public String key() {
        return CryptoTick.instrumentKey(exchange, symbol);
    }
}
