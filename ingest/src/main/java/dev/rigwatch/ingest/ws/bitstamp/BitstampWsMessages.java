package dev.rigwatch.ingest.ws.bitstamp;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;

/**
 * The Bitstamp WebSocket API v2 messages rigwatch reads, field for field. Every message is
 * {@code {"event":..., "channel":..., "data":...}}; a trade's price and amount come both as JSON numbers and as
 * exact strings ({@code price_str}), its times as strings of epoch seconds and microseconds.
 */
final class BitstampWsMessages {

    private BitstampWsMessages() {
    }

    /** A {@code trade} event on a {@code live_trades_<pair>} channel. */
    record TradeMessage(String event, String channel, Trade data) {
    }

    /**
     * One trade. Left out: {@code buy_order_id}, {@code sell_order_id}.
     *
     * @param timestamp      epoch seconds, as a string
     * @param microtimestamp epoch microseconds, as a string
     * @param priceStr       the price as Bitstamp wrote it; {@code price} is the same as a number
     * @param type           0 buy, 1 sell
     */
    record Trade(Long id, String timestamp, String microtimestamp, BigDecimal price,
                 @JsonProperty("price_str") String priceStr, BigDecimal amount,
                 @JsonProperty("amount_str") String amountStr, Integer type) {
    }

    /** {@code bts:error}: a subscription it could not read or make. */
    record ErrorMessage(String event, String channel, ErrorData data) {
    }

    record ErrorData(Integer code, String message) {
    }
}
