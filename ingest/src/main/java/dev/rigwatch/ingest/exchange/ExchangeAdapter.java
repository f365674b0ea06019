package dev.rigwatch.ingest.exchange;

import dev.rigwatch.ingest.CandlesResult;
import dev.rigwatch.ingest.FetchResult;
import java.time.Duration;
import java.time.Instant;

/**
 * One exchange's public market data in rigwatch's terms: normalised symbols in ({@code BTC-USD}, see
 * {@link InstrumentRegistry}), {@code CryptoTick}s and {@code Candle}s with those symbols out. Never throws for
 * what the network or the exchange does: every such outcome is a {@link FetchResult.Failure}. It does throw
 * {@link IllegalArgumentException} for a request no exchange could answer: a symbol the registry does not list for
 * the exchange, an interval it does not offer, an empty time range. Thread-safe.
 */
public interface ExchangeAdapter {

    /** The exchange id: the tick's exchange, the instrument's prefix and the key of its rejects, e.g. {@code kraken}. */
    String exchange();

    /** The exchange's ticker for one symbol. */
    FetchResult fetchTicker(String symbol);

    /**
     * The exchange's own OHLCV candles of {@code interval} for the windows of {@code [from, to)} (see
     * {@link CandleSpan}), oldest first, requested in as many pages as the endpoint needs. A page that fails fails
     * the whole request: candles are keyed by window, so asking again is harmless. Windows the exchange does not
     * have (before its history, or beyond what it keeps) are absent.
     */
    CandlesResult fetchCandles(String symbol, Instant from, Instant to, Duration interval);
}
