package dev.rigwatch.ingest.exchange.binance;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One row of Binance's {@code GET /api/v3/klines}: an array of twelve, named as Binance documents them; decimals
 * are strings, times epoch milliseconds.
 */
@JsonFormat(shape = JsonFormat.Shape.ARRAY)
@JsonPropertyOrder({"openTime", "open", "high", "low", "close", "volume", "closeTime", "quoteAssetVolume",
        "numberOfTrades", "takerBuyBaseAssetVolume", "takerBuyQuoteAssetVolume", "unused"})
record BinanceKline(Long openTime, String open, String high, String low, String close, String volume,
                    Long closeTime, String quoteAssetVolume, Long numberOfTrades, String takerBuyBaseAssetVolume,
                    String takerBuyQuoteAssetVolume, String unused) {
}
