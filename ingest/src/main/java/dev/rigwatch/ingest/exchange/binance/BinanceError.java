package dev.rigwatch.ingest.exchange.binance;

/** Binance's error body, e.g. {@code {"code": -1121, "msg": "Invalid symbol."}} with HTTP 400. */
record BinanceError(Integer code, String msg) {
}
