package dev.rigwatch.ingest.exchange.kraken;

import java.util.List;

/**
 * One pair of Kraken's {@code GET /0/public/Ticker} result, field for field; every decimal is a string. It
 * carries no time and no trade id.
 *
 * @param a ask: price, whole-lot volume, lot volume
 * @param b bid: price, whole-lot volume, lot volume
 * @param c last trade closed: price, lot volume
 * @param v volume: today, last 24 hours
 * @param p volume-weighted average price: today, last 24 hours
 * @param t number of trades: today, last 24 hours
 * @param l low: today, last 24 hours
 * @param h high: today, last 24 hours
 * @param o today's opening price
 */
record KrakenTicker(List<String> a, List<String> b, List<String> c, List<String> v, List<String> p, List<Long> t,
                    List<String> l, List<String> h, String o) {
}
