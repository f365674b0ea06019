package dev.rigwatch.ingest.exchange.bitstamp;

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
 * Bitstamp's public market data: the ticker {@code GET /api/v2/ticker/btcusd/} and the candles
 * {@code GET /api/v2/ohlc/btcusd/?step=S&limit=N&start=S}, at most {@value #MAX_CANDLES} per request. The
 * ticker's {@code timestamp} is the exchange's time of the tick; it has no trade id. Errors are
 * {@code {"status": "error", ...}} bodies, or a 404 page for an unknown pair.
 */
public final class BitstampAdapter extends HttpExchangeAdapter {

    public static final int MAX_CANDLES = 1000;
    private static final String EXCHANGE = Exchange.BITSTAMP.id();
    private static final CandleIntervals INTERVALS = new CandleIntervals(EXCHANGE, Map.ofEntries(
            Map.entry(Duration.ofMinutes(1), "60"), Map.entry(Duration.ofMinutes(3), "180"),
            Map.entry(Duration.ofMinutes(5), "300"), Map.entry(Duration.ofMinutes(15), "900"),
            Map.entry(Duration.ofMinutes(30), "1800"), Map.entry(Duration.ofHours(1), "3600"),
            Map.entry(Duration.ofHours(2), "7200"), Map.entry(Duration.ofHours(4), "14400"),
            Map.entry(Duration.ofHours(6), "21600"), Map.entry(Duration.ofHours(12), "43200"),
            Map.entry(Duration.ofDays(1), "86400")));
    private static final TypeReference<BitstampTicker> TICKER = new TypeReference<>() { };
    private static final TypeReference<BitstampOhlc> OHLC = new TypeReference<>() { };

    public BitstampAdapter(SourceHttpClient http, String baseUrl, InstrumentLookup instruments) {
        super(Exchange.BITSTAMP, "Bitstamp", http, baseUrl, instruments);
    }

    @Override
    public FetchResult fetchTicker(String symbol) {
        return http.ticker(pairPath("ticker", symbol).build(), (body, received) -> toTick(symbol, body, received),
                BitstampAdapter::errorBody);
    }

    @Override
    public CandlesResult fetchCandles(String symbol, Instant from, Instant to, Duration interval) {
        HttpUrl ohlc = pairPath("ohlc", symbol).addQueryParameter("step", INTERVALS.parameter(interval)).build();
        return http.candlePages(new CandleSpan(from, to, interval), MAX_CANDLES,
                page -> ohlc.newBuilder()
                        .addQueryParameter("limit", Long.toString(page.windows()))
                        .addQueryParameter("start", Long.toString(page.from().getEpochSecond()))
                        .build(),
                (body, received) -> toCandles(symbol, interval, body), BitstampAdapter::errorBody);
    }

    /** {@code /api/v2/{endpoint}/{pair}/}: Bitstamp's paths end with a slash. */
    private HttpUrl.Builder pairPath(String endpoint, String symbol) {
        return baseUrl.newBuilder().addPathSegments("api/v2").addPathSegment(endpoint)
                .addPathSegment(requestId(symbol)).addPathSegment("");
    }

    /** The one place Bitstamp's ticker becomes a {@link CryptoTick}. */
    private CryptoTick toTick(String symbol, String body, Instant received) throws InvalidResponse {
        BitstampTicker ticker = SourceHttpClient.json(body, TICKER, "a Bitstamp ticker");
        return new CryptoTick(
                CryptoTick.VERSION,
                EXCHANGE,
                symbol,
                Fields.price("last", ticker.last()),
                Fields.price("bid", ticker.bid()),
                Fields.price("ask", ticker.ask()),
                Fields.volume("volume", ticker.volume()),
                null,
                Fields.epochSeconds("timestamp", ticker.timestamp()),
                received,
                TimeSource.EXCHANGE);
    }

    /** The one place Bitstamp's OHLC entries become {@link Candle}s. */
    private List<Candle> toCandles(String symbol, Duration interval, String body) throws InvalidResponse {
        BitstampOhlc.Data data = Fields.required("data", SourceHttpClient.json(body, OHLC, "Bitstamp OHLC").data());
        List<Candle> candles = new ArrayList<>();
        for (BitstampOhlc.Entry entry : Fields.required("data.ohlc", data.ohlc())) {
            Fields.required("candle", entry);
            candles.add(Fields.candle(instrument(symbol),
                    Fields.epochSeconds("timestamp", entry.timestamp()), interval,
                    entry.open(), entry.high(), entry.low(), entry.close(), entry.volume()));
        }
        return candles;
    }

    /** Bitstamp's {@code {"status": "error"}} body, whatever the status it comes with. */
    static InvalidResponse errorBody(int status, String body) {
        try {
            BitstampError error = Json.mapper().readValue(body, BitstampError.class);
            if (error != null && "error".equals(error.status())) {
                String reason = error.reason() == null ? "no reason given"
                        : error.reason().isTextual() ? error.reason().asText() : error.reason().toString();
                return new InvalidResponse(RejectReason.EXCHANGE_ERROR, "Bitstamp error"
                        + (error.code() == null ? "" : " " + error.code()) + ": " + reason);
            }
        } catch (JsonProcessingException notAnErrorBody) {
            // HTML, or not JSON at all: the status (or, for a 2xx, the body reader) says what it is
        }
        return null;
    }
}
