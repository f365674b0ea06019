package dev.rigwatch.ingest.exchange.bitstamp;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One pair of Bitstamp's {@code GET /api/v2/trading-pairs-info/}, the fields rigwatch uses; left out: decimals,
 * the minimum order, {@code instant_and_market_orders}, {@code description}.
 *
 * @param name      base and quote, {@code BTC/USD}
 * @param urlSymbol the pair in request paths, {@code btcusd}
 * @param trading   {@code Enabled} or {@code Disabled}
 */
record BitstampTradingPair(String name, @JsonProperty("url_symbol") String urlSymbol, String trading) {
}
