package dev.rigwatch.ingest.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.ingest.FetchResult;
import dev.rigwatch.ingest.RejectReason;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What the network and a misbehaving server do, the same for every adapter and both of its endpoints. */
class AdapterFaultsTest extends AdapterTestBase {

    private static final Instant T0 = Instant.ofEpochSecond(1700834400);

    /** One endpoint of one exchange: how to call it, a real body it returns, and what the body is called. */
    enum Endpoint {
        COINBASE_TICKER(Exchange.COINBASE, "BTC-USD", false, "coinbase-ticker-BTC-USD.json", "a Coinbase ticker"),
        COINBASE_CANDLES(Exchange.COINBASE, "BTC-USD", true, "coinbase-candles-BTC-USD-60.json", "Coinbase candles"),
        KRAKEN_TICKER(Exchange.KRAKEN, "BTC-USD", false, "kraken-ticker-XBTUSD.json", "a Kraken ticker"),
        KRAKEN_OHLC(Exchange.KRAKEN, "BTC-USD", true, "kraken-ohlc-XBTUSD-1.json", "Kraken OHLC"),
        BINANCE_TICKER(Exchange.BINANCE, "BTC-USDT", false, "binance-ticker24hr-BTCUSDT.json", "a Binance 24hr ticker"),
        BINANCE_KLINES(Exchange.BINANCE, "BTC-USDT", true, "binance-klines-BTCUSDT-1m.json", "Binance klines"),
        BITSTAMP_TICKER(Exchange.BITSTAMP, "BTC-USD", false, "bitstamp-ticker-btcusd.json", "a Bitstamp ticker"),
        BITSTAMP_OHLC(Exchange.BITSTAMP, "BTC-USD", true, "bitstamp-ohlc-btcusd-60.json", "Bitstamp OHLC");

        final Exchange exchange;
        final String symbol;
        final boolean candles;
        final String fixture;
        final String document;

        Endpoint(Exchange exchange, String symbol, boolean candles, String fixture, String document) {
            this.exchange = exchange;
            this.symbol = symbol;
            this.candles = candles;
            this.fixture = fixture;
            this.document = document;
        }
    }

    static Stream<Endpoint> endpoints() {
        return Stream.of(Endpoint.values());
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void rateLimitIsHttp429WithTheWaitFromRetryAfter(Endpoint endpoint) throws InterruptedException {
        String body = "{\"message\":\"slow down\"}";
        server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "7").body(body).build());

        assertThat(call(endpoint)).isEqualTo(new FetchResult.Failure(requestedUrl(), 429, RejectReason.HTTP_429,
                "HTTP 429 Client Error; Retry-After 7, pausing PT7S", body, NOW, Duration.ofSeconds(7)));
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void serverErrorIsHttp5xxKeepingTheBody(Endpoint endpoint) throws InterruptedException {
        String body = "{\"message\":\"Internal server error\"}";
        server.enqueue(json(500, body));

        assertThat(call(endpoint)).isEqualTo(new FetchResult.Failure(requestedUrl(), 500, RejectReason.HTTP_5XX,
                "HTTP 500 Server Error", body, NOW, null));
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void htmlErrorPageFromAProxyIsHttp5xxKeepingThePage(Endpoint endpoint) throws InterruptedException {
        String page = "<html><head><title>502 Bad Gateway</title></head><body>cloudflare</body></html>";
        server.enqueue(new MockResponse.Builder().code(502).setHeader("Content-Type", "text/html").body(page).build());

        assertThat(call(endpoint)).isEqualTo(new FetchResult.Failure(requestedUrl(), 502, RejectReason.HTTP_5XX,
                "HTTP 502 Server Error", page, NOW, null));
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void htmlPageWithStatus200IsMalformedJson(Endpoint endpoint) throws InterruptedException {
        String page = "<html><body>Just a moment...</body></html>";
        server.enqueue(json(200, page));

        assertThat(call(endpoint)).isEqualTo(new FetchResult.Failure(requestedUrl(), 200,
                RejectReason.MALFORMED_JSON, "not " + endpoint.document + ": Unexpected character ('<' (code 60)): "
                + "expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
                page, NOW, null));
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void truncatedJsonIsMalformedJson(Endpoint endpoint) throws InterruptedException {
        String whole = fixture(endpoint.fixture);
        String truncated = whole.substring(0, whole.length() / 2);
        server.enqueue(json(200, truncated));

        FetchResult.Failure failure = call(endpoint);

        assertThat(failure.reason()).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(failure.detail()).startsWith("not " + endpoint.document + ": Unexpected end-of-input");
        assertThat(failure).isEqualTo(new FetchResult.Failure(requestedUrl(), 200, RejectReason.MALFORMED_JSON,
                failure.detail(), truncated, NOW, null));
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void emptyBodyIsMalformedJson(Endpoint endpoint) throws InterruptedException {
        server.enqueue(json(200, ""));

        assertThat(call(endpoint)).isEqualTo(new FetchResult.Failure(requestedUrl(), 200,
                RejectReason.MALFORMED_JSON, "empty body", "", NOW, null));
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void noResponseWithinTheReadTimeoutIsATimeout(Endpoint endpoint) throws InterruptedException {
        server.enqueue(json(200, fixture(endpoint.fixture)).newBuilder().headersDelay(2, TimeUnit.SECONDS).build());

        FetchResult.Failure failure = call(endpoint);

        // okio's watchdog or the socket's own timeout, whichever fires first, words it
        assertThat(failure.detail()).startsWith("java.net.SocketTimeoutException: ");
        assertThat(failure).isEqualTo(new FetchResult.Failure(requestedUrl(), null, RejectReason.TIMEOUT,
                failure.detail(), null, NOW, null));
    }

    /** Calls the endpoint: a ticker, or the two 1-minute candles of the fixtures. */
    private FetchResult.Failure call(Endpoint endpoint) {
        ExchangeAdapter adapter = endpoint.exchange.adapter(http, baseUrl(), INSTRUMENTS);
        Object result = endpoint.candles
                ? adapter.fetchCandles(endpoint.symbol, T0, T0.plus(Duration.ofMinutes(2)), Duration.ofMinutes(1))
                : adapter.fetchTicker(endpoint.symbol);
        assertThat(result).isInstanceOf(FetchResult.Failure.class);
        return (FetchResult.Failure) result;
    }

    private String requestedUrl() throws InterruptedException {
        return request().getUrl().toString();
    }
}
