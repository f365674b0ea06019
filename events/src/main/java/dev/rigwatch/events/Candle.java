package dev.rigwatch.events;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * An OHLC candle of one instrument over one closed event-time window. Topic {@code crypto.candles.1m}, key
 * the instrument ({@code coinbase:BTC-USD}: exchanges are not mixed, their quotes differ), record timestamp
 * the window end.
 *
 * @param instrument  {@code exchange:SYMBOL}
 * @param interval    the window size, e.g. {@code PT1M}
 * @param windowStart inclusive start of the window
 * @param windowEnd   exclusive end of the window
 * @param volume      base-currency volume traded in the window, from an exchange's own candles (history
 *                    backfill); null for candles built from ticker snapshots, which carry no per-trade volume
 * @param ticks       how many ticks the candle was built from (0 for an exchange's own candle)
 */
public record Candle(
        int v,
        String instrument,
        Duration interval,
        Instant windowStart,
        Instant windowEnd,
        BigDecimal open,
        BigDecimal high,
        BigDecimal low,
        BigDecimal close,
        BigDecimal volume,
        long ticks) implements Versioned {

    public static final int VERSION = 1;
}
