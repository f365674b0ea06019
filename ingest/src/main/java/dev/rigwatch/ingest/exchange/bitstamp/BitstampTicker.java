package dev.rigwatch.ingest.exchange.bitstamp;

/**
 * Bitstamp's {@code GET /api/v2/ticker/{pair}/} body, the fields rigwatch uses; every field is a string. Left
 * out: {@code open}, {@code high}, {@code low}, {@code vwap}, {@code side}, {@code open_24},
 * {@code percent_change_24}. It carries no trade id.
 *
 * @param timestamp when Bitstamp computed the ticker, epoch seconds
 * @param volume    base-currency volume over the last 24 hours
 */
record BitstampTicker(String timestamp, String last, String bid, String ask, String volume) {
}
