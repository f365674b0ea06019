package dev.rigwatch.ingest.exchange.coinbase;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One product of Coinbase Exchange's {@code GET /products}, the fields rigwatch uses. Left out: increments,
 * minimum funds, display name, the {@code post_only}/{@code limit_only}/{@code cancel_only} flags.
 *
 * @param id     the product id, in requests and as rigwatch's symbol: {@code BTC-USD}
 * @param status {@code online}, {@code offline}, {@code internal}, {@code delisted}
 */
record CoinbaseProduct(String id, @JsonProperty("base_currency") String baseCurrency,
                       @JsonProperty("quote_currency") String quoteCurrency, String status,
                       @JsonProperty("trading_disabled") Boolean tradingDisabled) {
}
