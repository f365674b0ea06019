package dev.rigwatch.ingest.ws.kraken;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The Kraken WebSocket v2 messages rigwatch reads, field for field. Unlike v1 and the REST API, v2 sends decimals
 * as JSON numbers ({@code "price": 37412.1}): they are read as {@link BigDecimal} straight from the frame's text
 * (the shared mapper reads floats as decimals), so nothing passes through a double. Times are RFC 3339 strings,
 * symbols {@code BTC/USD} (BTC, not v1's XBT). Fields rigwatch does not use are left out.
 */
final class KrakenWsMessages {

    private KrakenWsMessages() {
    }

    /** A {@code ticker} message: a snapshot on subscribing, then an update on every trade. */
    record TickerMessage(String channel, String type, List<Ticker> data) {
    }

    /**
     * One pair's level 1 data. Left out: {@code last} (the trades say it, with their time), {@code bid_qty},
     * {@code ask_qty}, {@code vwap}, {@code low}, {@code high}, {@code change}, {@code change_pct}.
     *
     * @param volume 24 h volume in the base currency
     */
    record Ticker(String symbol, BigDecimal bid, BigDecimal ask, BigDecimal volume) {
    }

    /** A {@code trade} message: trades batched, not necessarily from one taker order. */
    record TradeMessage(String channel, String type, List<Trade> data) {
    }

    /**
     * One trade. Left out: {@code side}, {@code ord_type}.
     *
     * @param tradeId   sequence number unique per book
     * @param timestamp when the trade happened
     */
    record Trade(String symbol, BigDecimal price, BigDecimal qty, @JsonProperty("trade_id") Long tradeId,
                 Instant timestamp) {
    }

    /** A {@code status} message, sent on connecting and when the trading engine's state changes. */
    record StatusMessage(String channel, List<Status> data) {
    }

    /** @param system {@code online}, {@code maintenance}, {@code cancel_only} or {@code post_only} */
    record Status(String system, @JsonProperty("api_version") String apiVersion, String version) {
    }

    /**
     * The answer to a request ({@code subscribe}, {@code ping}): {@code success} and, when it failed,
     * {@code error} and the {@code symbol} it concerns; when it succeeded, a subscription's {@code result}.
     */
    record MethodResponse(String method, Boolean success, String error, String symbol, Result result) {
    }

    record Result(String channel, String symbol) {
    }
}
