package dev.rigwatch.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One observation of an exchange's spot ticker. Topic {@code crypto.ticks}, key {@link #key()}
 * ({@code exchange:SYMBOL}, e.g. {@code coinbase:BTC-USD}), record timestamp {@link #eventTime()}.
 *
 * @param exchange        exchange id, lower case ({@code coinbase})
 * @param symbol          normalised symbol, base-quote with the quote explicit ({@code BTC-USD}; USDT is not USD)
 * @param price           last trade price, exact as the exchange sent it
 * @param bid             best bid, or null when the endpoint has none
 * @param ask             best ask, or null when the endpoint has none
 * @param volume24h       base-currency volume over the last 24 h, or null
 * @param tradeId         the exchange's id of the last trade, or null when the endpoint has none
 * @param exchangeTime    the exchange's time of the last trade, or null when the endpoint reports none
 * @param receivedTime    when rigwatch received the response
 * @param eventTimeSource which of the two times is the event time
 */
public record CryptoTick(
        int v,
        String exchange,
        String symbol,
        BigDecimal price,
        BigDecimal bid,
        BigDecimal ask,
        BigDecimal volume24h,
        String tradeId,
        Instant exchangeTime,
        Instant receivedTime,
        TimeSource eventTimeSource) implements Versioned {

    public static final int VERSION = 1;

    public CryptoTick {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(receivedTime, "receivedTime");
        Objects.requireNonNull(eventTimeSource, "eventTimeSource");
        if (eventTimeSource == TimeSource.EXCHANGE && exchangeTime == null) {
            throw new IllegalArgumentException("eventTimeSource EXCHANGE needs an exchangeTime");
        }
    }

    /** The Kafka key: {@code exchange:SYMBOL}. */
    public String key() {
        return instrumentKey(exchange, symbol);
    }

    /**
     * What tells the trade this tick reports from the next one, so a poll answering the same trade again is a
     * repeat, not a new tick: the exchange's trade id; else, for an exchange that stamps its ticker but numbers no
     * trades (Bitstamp), its time and price; null when neither exists (Kraken's ticker has no time).
     */
    public String tradeIdentity() {
        if (tradeId != null) {
            return "id " + tradeId;
        }
        return exchangeTime == null || price == null ? null
                : "at " + exchangeTime + " for " + price.stripTrailingZeros().toPlainString();
    }

    public Instant eventTime() {
        return eventTimeSource == TimeSource.EXCHANGE ? exchangeTime : receivedTime;
    }

    public static String instrumentKey(String exchange, String symbol) {
        return exchange + ":" + symbol;
    }
}
