package dev.rigwatch.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The trades of one exchange in one product over a run of simulated seconds, one trade per second: what a candle
 * shows, or a ticker's 24-hour statistics. Prices are in the exchange's precision, volumes exact.
 *
 * @param firstTradeId        id (epoch second) of the first trade
 * @param lastTradeId         id of the last trade
 * @param volume              base-currency volume, 8 decimals
 * @param quoteVolume         quote-currency volume: the exact sum of price x size
 * @param takerBuyVolume      base volume of the trades in which the buyer took the ask
 * @param takerBuyQuoteVolume quote volume of those trades
 */
public record TradeStats(
        long firstTradeId,
        long lastTradeId,
        BigDecimal open,
        BigDecimal high,
        BigDecimal low,
        BigDecimal close,
        BigDecimal volume,
        BigDecimal quoteVolume,
        BigDecimal takerBuyVolume,
        BigDecimal takerBuyQuoteVolume) {

    /** How many trades: one per second. */
    public long count() {
        return lastTradeId - firstTradeId + 1;
    }

    /** The volume-weighted average price. */
    public BigDecimal vwap(int scale) {
        return quoteVolume.divide(volume, scale, RoundingMode.HALF_EVEN);
    }

    /** These trades followed by the {@code later} ones, which start right after them. */
    TradeStats then(TradeStats later) {
        if (later.firstTradeId != lastTradeId + 1) {
            throw new IllegalArgumentException("trades " + later.firstTradeId + "-" + later.lastTradeId
                    + " do not follow " + firstTradeId + "-" + lastTradeId);
        }
        return new TradeStats(firstTradeId, later.lastTradeId, open, high.max(later.high), low.min(later.low),
                later.close, volume.add(later.volume), quoteVolume.add(later.quoteVolume),
                takerBuyVolume.add(later.takerBuyVolume), takerBuyQuoteVolume.add(later.takerBuyQuoteVolume));
    }
}
