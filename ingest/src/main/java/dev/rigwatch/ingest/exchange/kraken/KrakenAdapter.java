package dev.rigwatch.ingest.exchange.kraken;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.rigwatch.events.Candle;
import dev.rigwatch.events.CryptoTick;
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
 * Kraken's public market data: the ticker {@code GET /0/public/Ticker?pair=XBTUSD} and the candles
 * {@code GET /0/public/OHLC?pair=XBTUSD&interval=MIN&since=S}. Kraken answers under its own pair key
 * ({@code XXBTZUSD}), mapped back through the {@link InstrumentLookup}, and reports errors with HTTP 200 in
 * the body's {@code error} array. Its ticker has no time and no trade id: a tick's event time is when rigwatch
 * received it.
 */
public final class KrakenAdapter extends HttpExchangeAdapter {

    /**
     * Kraken sends no {@code Retry-After} with its rate-limit error; its public call counter drains about one call
     * per second, and calls made while limited keep it full, so the pause leaves several calls' worth.
     */
    public static final Duration RATE_LIMIT_PAUSE = Duration.ofSeconds(5);
    private static final String EXCHANGE = Exchange.KRAKEN.id();
    private static final CandleIntervals INTERVALS = new CandleIntervals(EXCHANGE, Map.of(
            Duration.ofMinutes(1), "1", Duration.ofMinutes(5), "5", Duration.ofMinutes(15), "15",
            Duration.ofMinutes(30), "30", Duration.ofHours(1), "60", Duration.ofHours(4), "240",
            Duration.ofDays(1), "1440"));
    private static final TypeReference<KrakenResponse<Map<String, KrakenTicker>>> TICKER = new TypeReference<>() { };
    private static final TypeReference<KrakenResponse<KrakenOhlc>> OHLC = new TypeReference<>() { };

    public KrakenAdapter(SourceHttpClient http, String baseUrl, InstrumentLookup instruments) {
        super(Exchange.KRAKEN, "Kraken", http, baseUrl, instruments);
    }

    @Override
    public FetchResult fetchTicker(String symbol) {
        HttpUrl url = baseUrl.newBuilder().addPathSegments("0/public/Ticker")
                .addQueryParameter("pair", requestId(symbol))
                .build();
        return http.ticker(url, (body, received) -> toTick(symbol, body, received), SourceHttpClient.STATUS_ONLY);
    }

    /**
     * Pages by {@code since}: each response's {@code last} is the next request's {@code since}, until the span's
     * end is covered or {@code last} stops moving. Kraken keeps only its newest 720 rows per interval: older
     * windows are absent.
     */
    @Override
    public CandlesResult fetchCandles(String symbol, Instant from, Instant to, Duration interval) {
        HttpUrl ohlc = baseUrl.newBuilder().addPathSegments("0/public/OHLC")
                .addQueryParameter("pair", requestId(symbol))
                .addQueryParameter("interval", INTERVALS.parameter(interval))
                .build();
        CandleSpan span = new CandleSpan(from, to, interval);
        List<Candle> fetched = new ArrayList<>();
        // a second early, so that the first window is included whether since is inclusive or not
        long since = span.firstStart().getEpochSecond() - 1;
        try {
            for (boolean more = span.windows() > 0; more; ) {
                HttpUrl url = ohlc.newBuilder().addQueryParameter("since", Long.toString(since)).build();
                Page page = http.get(url, (body, received) -> toPage(symbol, interval, body), SourceHttpClient.STATUS_ONLY);
                fetched.addAll(page.candles());
                // last is the start of Kraken's newest committed window: go on from it while it moves and falls short
                more = page.last() > since && Instant.ofEpochSecond(page.last()).plus(interval).isBefore(span.to());
                since = page.last();
            }
        } catch (SourceHttpClient.RequestFailed e) {
            return e.failure();
        }
        return new CandlesResult.Candles(span.select(fetched));
    }

    /** The one place Kraken's ticker becomes a {@link CryptoTick}. */
    private CryptoTick toTick(String symbol, String body, Instant received) throws InvalidResponse {
        KrakenResponse<Map<String, KrakenTicker>> response = SourceHttpClient.json(body, TICKER, "a Kraken ticker");
        throwErrors(response.error());
        KrakenTicker ticker = pairOf(symbol, Fields.required("result", response.result()));
        return new CryptoTick(
                CryptoTick.VERSION,
                EXCHANGE,
                symbol,
                Fields.price("c[0]", Fields.element("c", ticker.c(), 0)),
                Fields.price("b[0]", Fields.element("b", ticker.b(), 0)),
                Fields.price("a[0]", Fields.element("a", ticker.a(), 0)),
                Fields.volume("v[1]", Fields.element("v", ticker.v(), 1)),
                null,
                null,
                received,
                TimeSource.RECEIPT);
    }

    /** One OHLC response: its candles, and its {@code last}. */
    private record Page(List<Candle> candles, long last) {
    }

    /** The one place Kraken's OHLC rows become {@link Candle}s. */
    private Page toPage(String symbol, Duration interval, String body) throws InvalidResponse {
        KrakenResponse<KrakenOhlc> response = SourceHttpClient.json(body, OHLC, "Kraken OHLC");
        throwErrors(response.error());
        KrakenOhlc ohlc = Fields.required("result", response.result());
        List<Candle> candles = new ArrayList<>();
        for (KrakenOhlc.Entry row : pairOf(symbol, ohlc.pairs())) {
            Fields.required("candle", row);
            candles.add(Fields.candle(instrument(symbol),
                    Fields.epochSeconds("time", Fields.required("time", row.time())), interval,
                    row.open(), row.high(), row.low(), row.close(), row.volume()));
        }
        // a time, as the next request's since: checked here, where a bad one is a malformed response
        return new Page(candles, Fields.epochSeconds("last", Fields.required("last", ohlc.last())).getEpochSecond());
    }

    /** The value under the pair key that the registry maps to {@code symbol}. */
    private <T> T pairOf(String symbol, Map<String, T> byPairKey) throws InvalidResponse {
        if (byPairKey == null) {
            byPairKey = Map.of();
        }
        for (Map.Entry<String, T> pair : byPairKey.entrySet()) {
            if (answersFor(pair.getKey(), symbol)) {
                return Fields.required(pair.getKey(), pair.getValue());
            }
        }
        throw new InvalidResponse(RejectReason.MALFORMED_JSON, "result has no pair that is " + symbol + ", only "
                + byPairKey.keySet());
    }

    /** Kraken's errors, in the body of a 200: the first one decides; warnings alone are no error. Every Kraken endpoint's. */
    static void throwErrors(List<String> messages) throws InvalidResponse {
        if (messages == null) {
            return;
        }
        for (String message : messages) {
            if (message == null || !message.startsWith("E")) {
                continue;
            }
            String detail = "Kraken error " + message;
            if (message.equals("EQuery:Unknown asset pair")) {
                throw new InvalidResponse(RejectReason.UNKNOWN_SYMBOL, detail);
            }
            if (message.equals("EAPI:Rate limit exceeded")) {
                throw new InvalidResponse(RejectReason.HTTP_429, detail + "; pausing " + RATE_LIMIT_PAUSE,
                        RATE_LIMIT_PAUSE);
            }
            throw new InvalidResponse(RejectReason.EXCHANGE_ERROR, detail);
        }
    }
}
