package dev.rigwatch.ingest.exchange.coinbase;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * Coinbase Exchange's {@code GET /products/{product_id}/ticker} body, field for field. Decimals stay the strings
 * Coinbase sends so they become {@code BigDecimal}s exactly, in {@link CoinbaseAdapter}'s one mapping.
 * Fields rigwatch does not use ({@code rfq_volume}, {@code conversions_volume}) are left out; unknown fields
 * are ignored by the shared mapper.
 */
record CoinbaseTicker(
        String ask,
        String bid,
        String volume,
        @JsonProperty("trade_id") Long tradeId,
        String price,
        String size,
        Instant time) {
}
