package dev.rigwatch.ingest.exchange.bitstamp;

import java.util.List;

/** Bitstamp's {@code GET /api/v2/ohlc/{pair}/} body: {@code {"data": {"pair": "BTC/USD", "ohlc": [...]}}}. */
record BitstampOhlc(Data data) {

    record Data(String pair, List<Entry> ohlc) {
    }

    /**
     * One candle; every field is a string.
     *
     * @param timestamp the window's start, epoch seconds
     */
    record Entry(String timestamp, String open, String high, String low, String close, String volume) {
    }
}
