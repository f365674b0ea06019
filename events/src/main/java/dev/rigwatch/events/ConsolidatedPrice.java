package dev.rigwatch.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One symbol's price across exchanges: the median of each exchange's latest price. Topic {@code crypto.prices},
 * key the symbol ({@code BTC-USD}; USDT-quoted pairs are their own symbol, never mixed with USD), record timestamp
 * {@link #at()}.
 *
 * @param symbol    normalised symbol
 * @param at        the event time of the newest tick that went into it
 * @param median    median of the exchanges' latest prices (the mean of the middle two for an even count)
 * @param low       lowest of the latest prices
 * @param high      highest of the latest prices
 * @param spreadPct {@code (high - low) / median × 100}: how far the exchanges disagree
 * @param latest    each contributing exchange's latest price; exchanges whose latest tick is older than the
 *                  configured staleness are left out
 */
public record ConsolidatedPrice(
        int v,
        String symbol,
        Instant at,
        BigDecimal median,
        BigDecimal low,
        BigDecimal high,
        double spreadPct,
        Map<String, BigDecimal> latest) implements Versioned {

    public static final int VERSION = 1;

    public ConsolidatedPrice {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(median, "median");
        latest = Map.copyOf(latest);
        if (latest.isEmpty()) {
            throw new IllegalArgumentException("a consolidated price needs at least one exchange");
        }
    }
}
