package dev.rigwatch.events;

import java.time.Duration;
import java.time.Instant;

/**
 * A stretch with no good tick from one exchange for one symbol: gaps are data, so a failed or stalled poll never
 * looks like a flat price. Topic {@code ingest.gaps}, key {@code exchange:SYMBOL}; an {@code OPEN} record when the
 * symbol goes stale, a {@code CLOSED} one when good ticks return, carrying how the gap was repaired from the
 * exchange's candle history. Each is timestamped {@link #asOf()} (the wall clock of the worker that saw it),
 * so a gap's two records share one time line whatever clock the exchange keeps. While a gap lasts, its {@code OPEN}
 * record is reported again every {@code staleAfter} with the silence and the failed polls so far ({@link #asOf()}),
 * so what reads the topic (the {@code feed-health} alert condition) sees an outage grow without a clock of its own.
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
 * @param asOf               when this record was reported, on the worker's wall clock: {@code detectedAt} for the
 *                           first OPEN record, later for the reports while the gap lasts, the recovery for CLOSED
 * @param silence            how long the symbol had had no good tick at {@code asOf} (on the worker's clock)
 * @param failedPolls        polls that failed in a row since the last good tick, at {@code asOf}
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
        String backfillError,
        Instant asOf,
        Duration silence,
        Integer failedPolls) implements Versioned {

    public static final int VERSION = 1;

    public enum Status { OPEN, CLOSED }

    /** The time line a gap's records share: {@link #asOf()}, or {@link #detectedAt()} in records written before it. */
    public Instant reportTime() {
        return asOf != null ? asOf : detectedAt;
    }

    public String key() {
        return CryptoTick.instrumentKey(exchange, symbol);
    }
}
