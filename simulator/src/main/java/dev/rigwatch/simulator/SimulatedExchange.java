package dev.rigwatch.simulator;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * The exchanges the simulator plays. Each trades every product along the one {@link PricePath}, so all show the
 * crash and the rebound, but each with its own small constant price offset, its own seeded price noise, trade
 * sizes in proportion to its share of the market, and the price precision it really quotes. Coinbase is the
 * reference: no offset and no noise of its own, so its prices are exactly {@link PricePath#price}.
 */
public enum SimulatedExchange {

    COINBASE("coinbase", 0, 0, 1.0, 2, 2),
    KRAKEN("kraken", 0.0010, 0.0003, 0.20, 2, 1),
    BINANCE("binance", -0.0006, 0.0003, 2.30, 2, 2),
    BITSTAMP("bitstamp", 0.0015, 0.0003, 0.15, 1, 0);

    /** Products at or above this base price are quoted coarser: Kraken quotes BTC in tenths, Bitstamp in dollars. */
    private static final BigDecimal LARGE_PRICE = new BigDecimal("10000");

    private final String id;
    private final double priceOffset;
    private final double noiseFraction;
    private final double volumeShare;
    private final int priceScale;
    private final int largePriceScale;

    SimulatedExchange(String id, double priceOffset, double noiseFraction, double volumeShare, int priceScale,
             int largePriceScale) {
        this.id = id;
        this.priceOffset = priceOffset;
        this.noiseFraction = noiseFraction;
        this.volumeShare = volumeShare;
        this.priceScale = priceScale;
        this.largePriceScale = largePriceScale;
    }

    /** The exchange id rigwatch uses in events and keys, e.g. {@code kraken}. */
    public String id() {
        return id;
    }

    /** This exchange's prices sit this fraction above (or, negative, below) the path. */
    public double priceOffset() {
        return priceOffset;
    }

    /** Largest relative deviation of a price from the offset path, drawn per second with this exchange's seed. */
    public double noiseFraction() {
        return noiseFraction;
    }

    /** This exchange's volume as a multiple of the product's typical volume (Coinbase's). */
    public double volumeShare() {
        return volumeShare;
    }

    /** The number of decimals this exchange quotes {@code product}'s price in. */
    public int priceScale(SimulatedProduct product) {
        return product.basePrice().compareTo(LARGE_PRICE) >= 0 ? largePriceScale : priceScale;
    }

    /**
     * The exchange's own name of {@code product} in requests: {@code BTC-USD} on Coinbase, {@code XBTUSD} on
     * Kraken, {@code BTCUSDT} on Binance (which quotes in USDT, not USD), {@code btcusd} on Bitstamp.
     */
    public String symbol(SimulatedProduct product) {
        String base = product.baseAsset();
        String quote = product.quoteAsset();
        return switch (this) {
            case COINBASE -> product.id();
            case KRAKEN -> krakenAsset(base) + krakenAsset(quote);
            case BINANCE -> base + (quote.equals("USD") ? "USDT" : quote);
            case BITSTAMP -> (base + quote).toLowerCase(Locale.ROOT);
        };
    }

    /** Kraken calls bitcoin XBT. */
    static String krakenAsset(String asset) {
        return asset.equals("BTC") ? "XBT" : asset;
    }

    /** The multiple of the path price this exchange trades at, given a uniform draw from its price noise. */
    double venueFactor(double unit) {
        return (1 + priceOffset) * (1 + noiseFraction * (2 * unit - 1));
    }
}
