package dev.rigwatch.ingest.exchange.binance;

/**
 * Binance's {@code GET /api/v3/ticker/24hr?symbol=...} body, the fields rigwatch uses; decimals are strings,
 * times epoch milliseconds. Left out: {@code priceChange}, {@code priceChangePercent}, {@code weightedAvgPrice},
 * {@code prevClosePrice}, {@code lastQty}, {@code bidQty}, {@code askQty}, {@code openPrice}, {@code highPrice},
 * {@code lowPrice}, {@code quoteVolume}, {@code openTime}, {@code firstId}, {@code count}.
 *
 * @param volume    base-asset volume over the rolling 24 hours
 * @param closeTime the end of the rolling 24-hour window: when Binance computed these figures
 * @param lastId    the id of the window's last trade
 */
record BinanceTicker24hr(String symbol, String lastPrice, String bidPrice, String askPrice, String volume,
                         Long closeTime, Long lastId) {
}
