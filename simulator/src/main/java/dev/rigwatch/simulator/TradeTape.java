package dev.rigwatch.simulator;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One exchange's trades in one product: one trade per simulated second from the market's opening on, every field
 * of it a pure function of (seed, exchange, product, second), so tickers, candles and tests all see the same
 * trades without anything being stored. Aggregates of whole hours are cached, which makes a 24-hour ticker or a
 * page of daily candles cost a few thousand trades instead of millions once the hours have been seen.
 */
final class TradeTape {

    static final long SECONDS_PER_HOUR = 3_600;
    static final long SECONDS_PER_DAY = 86_400;
    static final int SIZE_SCALE = 8;

    /** About 2.3 years of hours; the cache is dropped whole when full, so memory stays bounded (a few MB). */
    private static final int MAX_CACHED_HOURS = 20_000;
    private static final int MAX_SPREAD_TICKS = 3;
    /** The book at the bid or the ask holds 1 to 31 times an average trade. */
    private static final double MAX_DEPTH_TRADES = 30;

    private final SimulatedExchange exchange;
    private final SimulatedProduct product;
    private final PricePath path;
    private final long firstSecond;
    /** The noise stream of this exchange and product, e.g. {@code kraken:BTC-USD}. */
    private final String stream;
    private final int priceScale;
    /** The base price in units of the exchange's price precision (cents for two decimals). */
    private final double basePriceUnits;
    /** The average trade size in units of 10^-8. */
    private final double averageSizeUnits;
    private final Map<Long, TradeStats> hours = new ConcurrentHashMap<>();

    /** @param firstSecond the market's opening: no trades before it */
    TradeTape(SimulatedExchange exchange, SimulatedProduct product, PricePath path, long firstSecond) {
        this.exchange = exchange;
        this.product = product;
        this.path = path;
        this.firstSecond = firstSecond;
        this.stream = exchange.id() + ":" + product.id();
        this.priceScale = exchange.priceScale(product);
        this.basePriceUnits = product.basePrice().movePointRight(priceScale).doubleValue();
        this.averageSizeUnits = product.volume24h().movePointRight(SIZE_SCALE).doubleValue()
                * exchange.volumeShare() / SECONDS_PER_DAY;
    }

    BigDecimal price(long second) {
        return BigDecimal.valueOf(priceUnits(second), priceScale);
    }

    /** The last trade at or before simulated time {@code now}. */
    long lastTradeSecond(Instant now) {
        long second = now.getEpochSecond();
        return tradeTime(second).isAfter(now) ? second - 1 : second;
    }

    /** The trade of simulated second {@code second} happens at a seeded microsecond within it. */
    Instant tradeTime(long second) {
        long micros = (long) (unit(second, Noise.Use.TRADE_TIME) * 1_000_000);
        return Instant.ofEpochSecond(second, micros * 1_000);
    }

    /** The ticker as of simulated time {@code now}: the last trade at or before it, with its statistics. */
    Quote quoteAt(Instant now) {
        Trade trade = trade(lastTradeSecond(now));
        long second = trade.second();
        long dayStart = Math.floorDiv(second, SECONDS_PER_DAY) * SECONDS_PER_DAY;
        return new Quote(exchange, product.id(), second, trade.time(), trade.price(), trade.size(),
                trade.buyerTookTheAsk(), trade.bid(), trade.ask(), trade.bidSize(), trade.askSize(),
                stats(Math.max(firstSecond, second - SECONDS_PER_DAY + 1), second),
                stats(Math.max(firstSecond, dayStart), second));
    }

    /**
     * The trade of simulated second {@code second} and the book around it, without the statistics a
     * {@link Quote} adds: cheap enough for a feed that pushes every trade.
     */
    Trade trade(long second) {
        long price = priceUnits(second);
        long spread = 1 + (long) (unit(second, Noise.Use.SPREAD) * MAX_SPREAD_TICKS);
        boolean buyerTookTheAsk = buyerTookTheAsk(second);
        long bid = buyerTookTheAsk ? price - spread : price;
        long ask = buyerTookTheAsk ? price : price + spread;
        return new Trade(product, second, tradeTime(second), units(price),
                BigDecimal.valueOf(sizeUnits(second), SIZE_SCALE), buyerTookTheAsk, units(bid), units(ask),
                depth(second, Noise.Use.BID_DEPTH), depth(second, Noise.Use.ASK_DEPTH));
    }

    /**
     * One trade, as {@link Quote} has its fields; its id is {@code second}, as on the REST side.
     */
    record Trade(SimulatedProduct product, long second, Instant time, BigDecimal price, BigDecimal size,
                 boolean buyerTookTheAsk, BigDecimal bid, BigDecimal ask, BigDecimal bidSize, BigDecimal askSize) {
    }

    SimulatedProduct product() {
        return product;
    }

    /**
     * The candle of the window of {@code length} seconds from {@code start}, as of the trade of second
     * {@code lastTrade}: empty when the window has no trades yet (or is before the opening), partial while it is
     * in progress.
     */
    Optional<TradeStats> window(long start, long length, long lastTrade) {
        long from = Math.max(start, firstSecond);
        long to = Math.min(start + length - 1, lastTrade);
        return from > to ? Optional.empty() : Optional.of(stats(from, to));
    }

    /** The trades of seconds {@code first} to {@code last}, both included. */
    TradeStats stats(long first, long last) {
        if (last < first) {
            throw new IllegalArgumentException("no trades in seconds " + first + " to " + last);
        }
        TradeStats total = null;
        for (long from = first; from <= last; ) {
            long hourStart = Math.floorDiv(from, SECONDS_PER_HOUR) * SECONDS_PER_HOUR;
            long to = Math.min(last, hourStart + SECONDS_PER_HOUR - 1);
            TradeStats part = from == hourStart && to == hourStart + SECONDS_PER_HOUR - 1
                    ? hour(hourStart)
                    : compute(from, to);
            total = total == null ? part : total.then(part);
            from = to + 1;
        }
        return total;
    }

    private TradeStats hour(long hourStart) {
        TradeStats cached = hours.get(hourStart);
        if (cached != null) {
            return cached;
        }
        if (hours.size() >= MAX_CACHED_HOURS) {
            hours.clear();
        }
        TradeStats computed = compute(hourStart, hourStart + SECONDS_PER_HOUR - 1);
        hours.put(hourStart, computed);
        return computed;
    }

    /** Aggregates at most an hour of trades, so the exact sums fit in a long (checked, not assumed). */
    private TradeStats compute(long first, long last) {
        long open = priceUnits(first);
        long high = open;
        long low = open;
        long close = open;
        long volume = 0;
        long quoteVolume = 0;
        long takerVolume = 0;
        long takerQuoteVolume = 0;
        for (long second = first; second <= last; second++) {
            long price = second == first ? open : priceUnits(second);
            long size = sizeUnits(second);
            long notional = Math.multiplyExact(price, size);
            high = Math.max(high, price);
            low = Math.min(low, price);
            close = price;
            volume += size;
            quoteVolume = Math.addExact(quoteVolume, notional);
            if (buyerTookTheAsk(second)) {
                takerVolume += size;
                takerQuoteVolume = Math.addExact(takerQuoteVolume, notional);
            }
        }
        int quoteScale = priceScale + SIZE_SCALE;
        return new TradeStats(first, last, units(open), units(high), units(low), units(close),
                BigDecimal.valueOf(volume, SIZE_SCALE), BigDecimal.valueOf(quoteVolume, quoteScale),
                BigDecimal.valueOf(takerVolume, SIZE_SCALE), BigDecimal.valueOf(takerQuoteVolume, quoteScale));
    }

    /**
     * The path's price, offset and jittered for this exchange, in units of its precision. The product is taken in
     * this order so that Coinbase's venue factor of exactly 1.0 leaves {@link PricePath#price} unchanged.
     */
    private long priceUnits(long second) {
        double venue = exchange.venueFactor(unit(second, Noise.Use.VENUE_PRICE));
        return Math.round(basePriceUnits * path.factor(product, second) * venue);
    }

    /** Between 0.1 and 2 times the average trade, so a day of trades adds up to about the typical volume. */
    private long sizeUnits(long second) {
        return Math.max(1, Math.round(averageSizeUnits * (0.1 + 1.9 * unit(second, Noise.Use.TRADE_SIZE))));
    }

    private boolean buyerTookTheAsk(long second) {
        return unit(second, Noise.Use.SIDE) < 0.5;
    }

    private BigDecimal depth(long second, Noise.Use side) {
        long size = Math.round(averageSizeUnits * (1 + MAX_DEPTH_TRADES * unit(second, side)));
        return BigDecimal.valueOf(size, SIZE_SCALE);
    }

    private BigDecimal units(long priceUnits) {
        return BigDecimal.valueOf(priceUnits, priceScale);
    }

    private double unit(long second, Noise.Use use) {
        return Noise.unit(path.seed(), stream, second, use);
    }
}
