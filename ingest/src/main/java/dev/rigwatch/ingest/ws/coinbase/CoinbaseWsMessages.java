package dev.rigwatch.ingest.ws.coinbase;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The Coinbase Advanced Trade WebSocket messages rigwatch reads, field for field. Every message of a channel has
 * the same envelope: {@code channel}, {@code client_id}, {@code timestamp} (RFC 3339, nanoseconds),
 * {@code sequence_num} (one counter per connection, over all channels) and {@code events}. Decimals are strings.
 * Fields rigwatch does not use are left out; the shared mapper ignores them.
 */
final class CoinbaseWsMessages {

    private CoinbaseWsMessages() {
    }

    /** What every channel's message starts with: enough to check the sequence. */
    record Envelope(String channel, Instant timestamp, @JsonProperty("sequence_num") Long sequenceNum) {
    }

    /** A {@code ticker} message: a {@code snapshot} event on subscribing, then {@code update} events. */
    record TickerMessage(String channel, Instant timestamp, @JsonProperty("sequence_num") Long sequenceNum,
                         List<TickerEvent> events) {
    }

    /** @param type {@code snapshot} or {@code update} */
    record TickerEvent(String type, List<Ticker> tickers) {
    }

    /**
     * One product's ticker. It names no trade and has no time of its own: the message's {@code timestamp} is
     * Coinbase's time for it. Left out: {@code type} ("ticker"), {@code low_24_h}, {@code high_24_h},
     * {@code low_52_w}, {@code high_52_w}, {@code price_percent_chg_24_h}, the best bid's and ask's quantities.
     */
    record Ticker(@JsonProperty("product_id") String productId, String price,
                  @JsonProperty("volume_24_h") String volume24h, @JsonProperty("best_bid") String bestBid,
                  @JsonProperty("best_ask") String bestAsk) {
    }

    /** A {@code subscriptions} message: channel → the product ids now subscribed on it. */
    record SubscriptionsMessage(List<SubscriptionsEvent> events) {
    }

    record SubscriptionsEvent(Map<String, List<String>> subscriptions) {
    }

    /** {@code {"type":"error","message":...}}, sent for a refused subscription; it names no product. */
    record ErrorMessage(String type, String message, String reason) {
    }
}
