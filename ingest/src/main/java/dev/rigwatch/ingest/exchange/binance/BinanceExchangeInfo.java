package dev.rigwatch.ingest.exchange.binance;

import java.util.List;

/**
 * Binance's {@code GET /api/v3/exchangeInfo}, the part rigwatch uses: its symbols. Left out: the time zone, server
 * time, rate limits, filters and order types.
 */
record BinanceExchangeInfo(List<Symbol> symbols) {

    /**
     * @param symbol the pair's id, in requests and responses: {@code BTCUSDT}
     * @param status {@code TRADING}, {@code BREAK}, {@code HALT}, {@code END_OF_DAY}, ...
     */
    record Symbol(String symbol, String status, String baseAsset, String quoteAsset) {
    }
}
