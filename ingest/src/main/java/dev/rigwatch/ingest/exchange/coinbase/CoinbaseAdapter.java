package dev.rigwatch.ingest.exchange.coinbase;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.rigwatch.events.Candle;
import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.TimeSource;
import dev.rigwatch.ingest.CandlesResult;
import dev.rigwatch.ingest.FetchResult;
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
 * Coinbase Exchange's public market data: the ticker {@code GET /products/{product_id}/ticker} and the candles
 * {@code GET /products/{product_id}/candles?granularity=S&start=ISO&end=ISO}, newest first, at most
 * {@value #MAX_CANDLES} per request. Errors are non-2xx statuses with {@code {"message": ...}}: the status says it.
 */
public final class CoinbaseAdapter extends HttpExchangeAdapter {

    public static final int MAX_CANDLES = 300;
    private static final String EXCHANGE = Exchange.COINBASE.id();
    private static final CandleIntervals INTERVALS = new CandleIntervals(EXCHANGE, Map.of(
            Duration.ofMinutes(1), "60", Duration.ofMinutes(5), "300", Duration.ofMinutes(15), "900",
            Duration.ofHours(1), "3600", Duration.ofHours(6), "21600", Duration.ofDays(1), "86400"));
    private static final TypeReference<CoinbaseTicker> TICKER = new TypeReference<>() { };
    private static final TypeReference<List<CoinbaseCandle>> CANDLES = new TypeReference<>() { };

    public CoinbaseAdapter(SourceHttpClient http, String baseUrl, InstrumentLookup instruments) {
        super(Exchange.COINBASE, "Coinbase", http, baseUrl, instruments);
    }

    @Override
    public FetchResult fetchTicker(String symbol) {
        HttpUrl url = product(symbol).addPathSegment("ticker").build();
        return http.ticker(url, (body, received) -> toTick(symbol, body, received), SourceHttpClient.STATUS_ONLY);
    }

    @Override
    public CandlesResult fetchCandles(String symbol, Instant from, Instant to, Duration interval) {
        HttpUrl candles = product(symbol).addPathSegment("candles").build();
        CandleSpan span = new CandleSpan(from, to, interval);
        String granularity = INTERVALS.parameter(interval);
        // start and end are both inclusive: a page of 299 windows may come back as 300 candles, the most allowed
        return http.candlePages(span, MAX_CANDLES - 1,
                // ISO instants as Coinbase documents them: ':' is legal in a query and needs no escaping
                page -> candles.newBuilder()
                        .addQueryParameter("granularity", granularity)
                        .addEncodedQueryParameter("start", page.from().toString())
                        .addEncodedQueryParameter("end", page.to().toString())
                        .build(),
                (body, received) -> toCandles(symbol, interval, body), SourceHttpClient.STATUS_ONLY);
    }

    private HttpUrl.Builder product(String symbol) {
        return baseUrl.newBuilder().addPathSegment("products").addPathSegment(requestId(symbol));
    }

    /** The one place Coinbase's ticker becomes a {@link CryptoTick}. */
    private CryptoTick toTick(String symbol, String body, Instant received) throws InvalidResponse {
        CoinbaseTicker ticker = SourceHttpClient.json(body, TICKER, "a Coinbase ticker");
        return new CryptoTick(
                CryptoTick.VERSION,
                EXCHANGE,
                symbol,
                Fields.price("price", ticker.price()),
                ticker.bid() == null ? null : Fields.price("bid", ticker.bid()),
                ticker.ask() == null ? null : Fields.price("ask", ticker.ask()),
                ticker.volume() == null ? null : Fields.volume("volume", ticker.volume()),
                Fields.required("trade_id", ticker.tradeId()).toString(),
                Fields.required("time", ticker.time()),
                received,
                TimeSource.EXCHANGE);
    }

    /** The one place Coinbase's candles become {@link Candle}s. */
    private List<Candle> toCandles(String symbol, Duration interval, String body) throws InvalidResponse {
        List<Candle> candles = new ArrayList<>();
        for (CoinbaseCandle row : SourceHttpClient.json(body, CANDLES, "Coinbase candles")) {
            Fields.required("candle", row);
            candles.add(Fields.candle(instrument(symbol),
                    Fields.epochSeconds("time", Fields.required("time", row.time())), interval,
                    row.open(), row.high(), row.low(), row.close(), row.volume()));
        }
        return candles;
    }
}
