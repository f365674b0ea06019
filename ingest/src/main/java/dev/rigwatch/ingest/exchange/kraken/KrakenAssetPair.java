package dev.rigwatch.ingest.exchange.kraken;

/**
 * One pair of Kraken's {@code GET /0/public/AssetPairs} result, under its key ({@code XXBTZUSD}): the fields rigwatch
 * uses. Left out: decimals, lot sizes, fees, margin and leverage.
 *
 * @param altname the pair's request name, {@code XBTUSD}
 * @param wsname  the WebSocket name, {@code XBT/USD}
 * @param base    the base asset's code, legacy ones prefixed: {@code XXBT}
 * @param quote   the quote asset's code: {@code ZUSD}, {@code USDT}
 * @param status  {@code online}, {@code cancel_only}, {@code post_only}, {@code limit_only}, {@code reduce_only},
 *                {@code delisted}
 */
record KrakenAssetPair(String altname, String wsname, String base, String quote, String status) {
}
