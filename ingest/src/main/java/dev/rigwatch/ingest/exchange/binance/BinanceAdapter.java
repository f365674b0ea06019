package dev.rigwatch.ingest.exchange.binance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.rigwatch.events.Candle;
import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.Json;
import dev.rigwatch.events.TimeSource;
import dev.rigwatch.ingest.CandlesResult;
import dev.rigwatch.ingest.FetchResult;
import dev.rigwatch.ingest.RejectReason;
import dev.rigwatch.ingest.exchange.CandleIntervals;
import dev.rigwatch.ingest.exchange.CandleSpan;
import dev.rigwatch.ingest.exchange.Exchange;
import dev.rigwatch.ingest.exchange.HttpExchangeAdapter;
import dev.rigwatch.ingest.http.SourceHttpClient;
import dev.rigwatch.ingest.exchange.Fields;
import dev.rigwatch.ingest.exchange.InstrumentLookup;
import dev.rigwatch.ingest.http.InvalidResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * Binance's public market data: the ticker {@code GET /api/v3/ticker/24hr?symbol=BTCUSDT} and the candles
 * {@code GET /api/v3/klines?symbol=&interval=&startTime=&endTime=&limit=}, at most {@value #MAX_CANDLES} per
 * request. Binance quotes in USDT ({@code BTC-USDT}), not USD.
 *
 * <p>The 24hr ticker does not give the last trade's time; its {@code closeTime}, when Binance computed the
 * figures, is the exchange's time of the tick (event time source EXCHANGE), and {@code lastId} its trade id, so
 * an unchanged last trade is recognised as such. A 418 is Binance's IP ban for calling on after 429s: its
 * {@code Retry-After} is honoured like a 429's.
 */
public final class BinanceAdapter extends HttpExchangeAdapter {

    public static final int MAX_CANDLES = 1000;
    /** Binance's error code for a symbol it does not list. */
    private static final int INVALID_SYMBOL = -1121;
    private static final String EXCHANGE = Exchange.BINANCE.id();
    private static final CandleIntervals INTERVALS = new CandleIntervals(EXCHANGE, Map.ofEntries(
            Map.entry(Duration.ofMinutes(1), "1m"), Map.entry(Duration.ofMinutes(3), "3m"),
            Map.entry(Duration.ofMinutes(5), "5m"), Map.entry(Duration.ofMinutes(15), "15m"),
            Map.entry(Duration.ofMinutes(30), "30m"), Map.entry(Duration.ofHours(1), "1h"),
            Map.entry(Duration.ofHours(2), "2h"), Map.entry(Duration.ofHours(4), "4h"),
            Map.entry(Duration.ofHours(6), "6h"), Map.entry(Duration.ofHours(8), "8h"),
            Map.entry(Duration.ofHours(12), "12h"), Map.entry(Duration.ofDays(1), "1d")));
    private static final TypeReference<BinanceTicker24hr> TICKER = new TypeReference<>() { };
    private static final TypeReference<List<BinanceKline>> KLINES = new TypeReference<>() { };

    public BinanceAdapter(SourceHttpClient http, String baseUrl, InstrumentLookup instruments) {
        super(Exchange.BINANCE, "Binance", http, baseUrl, instruments);
    }

    @Override
    public FetchResult fetchTicker(String symbol) {
        HttpUrl url = baseUrl.newBuilder().addPathSegments("api/v3/ticker/24hr")
                .addQueryParameter("symbol", requestId(symbol))
                .build();
        return http.ticker(url, (body, received) -> toTick(symbol, body, received), BinanceAdapter::errorBody);
    }

    @Override
    public CandlesResult fetchCandles(String symbol, Instant from, Instant to, Duration interval) {
        HttpUrl klines = baseUrl.newBuilder().addPathSegments("api/v3/klines")
                .addQueryParameter("symbol", requestId(symbol))
                .addQueryParameter("interval", INTERVALS.parameter(interval))
                .build();
        return http.candlePages(new CandleSpan(from, to, interval), MAX_CANDLES,
                // both times select by open time, inclusive: the page ends a millisecond before the next starts
                page -> klines.newBuilder()
                        .addQueryParameter("startTime", Long.toString(page.from().toEpochMilli()))
                        .addQueryParameter("endTime", Long.toString(page.to().toEpochMilli() - 1))
                        .addQueryParameter("limit", Long.toString(page.windows()))
                        .build(),
                (body, received) -> toCandles(symbol, interval, body), BinanceAdapter::errorBody);
    }

    /** The one place Binance's ticker becomes a {@link CryptoTick}. */
    private CryptoTick toTick(String symbol, String body, Instant received) throws InvalidResponse {
        BinanceTicker24hr ticker = SourceHttpClient.json(body, TICKER, "a Binance 24hr ticker");
        String answeredFor = Fields.required("symbol", ticker.symbol());
        if (!answersFor(answeredFor, symbol)) {
            throw new InvalidResponse(RejectReason.MALFORMED_JSON, "the ticker is for " + answeredFor + ", not " + symbol);
        }
        return new CryptoTick(
                CryptoTick.VERSION,
                EXCHANGE,
                symbol,
                Fields.price("lastPrice", ticker.lastPrice()),
                Fields.price("bidPrice", ticker.bidPrice()),
                Fields.price("askPrice", ticker.askPrice()),
                Fields.volume("volume", ticker.volume()),
                Fields.required("lastId", ticker.lastId()).toString(),
                Instant.ofEpochMilli(Fields.required("closeTime", ticker.closeTime())),
                received,
                TimeSource.EXCHANGE);
    }

    /** The one place Binance's klines become {@link Candle}s. */
    private List<Candle> toCandles(String symbol, Duration interval, String body) throws InvalidResponse {
        List<Candle> candles = new ArrayList<>();
        for (BinanceKline row : SourceHttpClient.json(body, KLINES, "Binance klines")) {
            Fields.required("candle", row);
            candles.add(Fields.candle(instrument(symbol),
                    Instant.ofEpochMilli(Fields.required("openTime", row.openTime())), interval,
                    row.open(), row.high(), row.low(), row.close(), row.volume()));
        }
        return candles;
    }

    /** A symbol Binance does not list is its error -1121 with a 400; its other errors are told by the status. */
    static InvalidResponse errorBody(int status, String body) {
        if (status != 400) {
            return null;
        }
        try {
            BinanceError error = Json.mapper().readValue(body, BinanceError.class);
            if (error != null && error.code() != null && error.code() == INVALID_SYMBOL) {
                return new InvalidResponse(RejectReason.UNKNOWN_SYMBOL, "Binance error " + error.code() + ": " + error.msg());
            }
        } catch (JsonProcessingException notAnErrorBody) {
            // a proxy's page: the status says it
        }
        return null;
    }
}
