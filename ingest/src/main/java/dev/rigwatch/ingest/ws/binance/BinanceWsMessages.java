package dev.rigwatch.ingest.ws.binance;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The Binance spot WebSocket stream messages rigwatch reads, field for field: one-letter names, decimals as
 * strings, times as epoch milliseconds, symbols upper case ({@code BTCUSDT}) though stream names are lower case.
 */
final class BinanceWsMessages {

    private BinanceWsMessages() {
    }

    /**
     * A {@code <symbol>@trade} event: one trade, with a unique buyer and seller. Left out: {@code M} (ignore).
     *
     * @param eventTime    {@code E}, when Binance sent the event
     * @param tradeId      {@code t}
     * @param tradeTime    {@code T}, when the trade happened
     * @param buyerIsMaker {@code m}
     */
    record Trade(@JsonProperty("e") String eventType, @JsonProperty("E") Long eventTime,
                 @JsonProperty("s") String symbol, @JsonProperty("t") Long tradeId, @JsonProperty("p") String price,
                 @JsonProperty("q") String quantity, @JsonProperty("T") Long tradeTime,
                 @JsonProperty("m") Boolean buyerIsMaker) {
    }

    /**
     * A {@code <symbol>@bookTicker} update: the best bid and ask whenever either changes. It has no event type
     * and no time.
     *
     * @param updateId {@code u}, the order book's update id
     */
    record BookTicker(@JsonProperty("u") Long updateId, @JsonProperty("s") String symbol,
                      @JsonProperty("b") String bidPrice, @JsonProperty("B") String bidQuantity,
                      @JsonProperty("a") String askPrice, @JsonProperty("A") String askQuantity) {
    }

    /** The answer to a request: {@code {"result":null,"id":1}}, or {@code {"error":{...},"id":1}}. */
    record Response(Long id, ErrorBody error) {
    }

    /** Binance's error: its code (2: invalid request, 3: invalid JSON) and message. */
    record ErrorBody(Integer code, String msg) {
    }
}
