package dev.rigwatch.ingest.exchange.coinbase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigwatch.events.Candle;
import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.IngestReject;
import dev.rigwatch.events.TimeSource;
import dev.rigwatch.ingest.CandlesResult;
import dev.rigwatch.ingest.FetchResult;
import dev.rigwatch.ingest.RejectReason;
import dev.rigwatch.ingest.exchange.AdapterTestBase;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CoinbaseAdapterTest extends AdapterTestBase {

    private static final String TICKER = fixture("coinbase-ticker-BTC-USD.json");
    private static final String CANDLES = fixture("coinbase-candles-BTC-USD-60.json");
    /** The fixture's oldest candle: 2023-11-24T14:00:00Z. */
    private static final Instant T0 = Instant.ofEpochSecond(1700834400);
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private CoinbaseAdapter adapter;
    private String tickerUrl;

    @BeforeEach
    void createAdapter() {
        adapter = new CoinbaseAdapter(http, baseUrl(), INSTRUMENTS);
        tickerUrl = url("/products/BTC-USD/ticker");
    }

    @Test
    void parsesTheRealTickerExactlyAndSendsWhatCoinbaseRequires() throws InterruptedException {
        server.enqueue(json(200, TICKER));

        FetchResult result = adapter.fetchTicker("BTC-USD");

        assertThat(((FetchResult.Tick) result).tick()).isEqualTo((new CryptoTick(
                CryptoTick.VERSION, "coinbase", "BTC-USD",
                new BigDecimal("37412.83"), new BigDecimal("37412.82"), new BigDecimal("37412.83"),
                new BigDecimal("11723.45872109"), "582412573",
                Instant.parse("2023-11-24T14:02:11.417285Z"), NOW, TimeSource.EXCHANGE)));
        CryptoTick tick = ((FetchResult.Tick) result).tick();
        assertThat(tick.volume24h().scale()).isEqualTo(8);
        assertThat(tick.exchangeTime().getNano()).isEqualTo(417_285_000);
        assertThat(tick.key()).isEqualTo("coinbase:BTC-USD");
        assertThat(tick.eventTime()).isEqualTo("2023-11-24T14:02:11.417285Z");

        RecordedRequest request = request();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getTarget()).isEqualTo("/products/BTC-USD/ticker");
        assertThat(request.getHeaders().get("User-Agent")).isEqualTo("rigwatch/0.1");
        assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
    }

    @Test
    void keepsAPathInTheBaseUrl() throws InterruptedException {
        CoinbaseAdapter prefixed = new CoinbaseAdapter(http, url("/exchange/"), INSTRUMENTS);
        server.enqueue(json(200, TICKER));

        assertThat(prefixed.fetchTicker("ETH-USD")).isInstanceOf(FetchResult.Tick.class);
        assertThat(request().getTarget()).isEqualTo("/exchange/products/ETH-USD/ticker");
    }

    @Test
    void aSymbolTheRegistryDoesNotListIsTheCallersMistake() {
        assertThatThrownBy(() -> adapter.fetchTicker("BTC-EUR"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("coinbase does not list BTC-EUR; no close matches among its 3 instruments");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void rateLimitIsHttp429WithTheWaitFromRetryAfter() {
        String body = "{\"message\":\"Public rate limit exceeded\"}";
        server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "7").body(body).build());

        FetchResult.Failure failure = (FetchResult.Failure) adapter.fetchTicker("BTC-USD");

        assertThat(failure).isEqualTo(new FetchResult.Failure(tickerUrl, 429, RejectReason.HTTP_429,
                "HTTP 429 Client Error; Retry-After 7, pausing PT7S", body, NOW, Duration.ofSeconds(7)));
        assertThat(failure.toReject("coinbase")).isEqualTo(new IngestReject(IngestReject.VERSION, "coinbase",
                tickerUrl, 429, "http-429", "HTTP 429 Client Error; Retry-After 7, pausing PT7S", body, false, NOW));
    }

    @Test
    void serverErrorIsHttp5xxKeepingTheBody() {
        server.enqueue(json(500, "{\"message\":\"Internal server error\"}"));

        assertThat(adapter.fetchTicker("BTC-USD")).isEqualTo(new FetchResult.Failure(tickerUrl, 500,
                RejectReason.HTTP_5XX, "HTTP 500 Server Error", "{\"message\":\"Internal server error\"}", NOW, null));
    }

    @Test
    void htmlErrorPageFromAProxyIsHttp5xxKeepingThePage() {
        String page = "<html><head><title>502 Bad Gateway</title></head><body>cloudflare</body></html>";
        server.enqueue(new MockResponse.Builder().code(502).setHeader("Content-Type", "text/html").body(page).build());

        FetchResult.Failure failure = (FetchResult.Failure) adapter.fetchTicker("BTC-USD");

        assertThat(failure.reason()).isEqualTo(RejectReason.HTTP_5XX);
        assertThat(failure.httpStatus()).isEqualTo(502);
        assertThat(failure.body()).isEqualTo(page);
    }

    @Test
    void unknownProductIsHttp4xx() {
        server.enqueue(json(404, "{\"message\":\"NotFound\"}"));

        assertThat(adapter.fetchTicker("BTC-USD")).isEqualTo(new FetchResult.Failure(tickerUrl, 404,
                RejectReason.HTTP_4XX, "HTTP 404 Client Error", "{\"message\":\"NotFound\"}", NOW, null));
    }

    @Test
    void redirectWithNowhereToGoIsAnUnexpectedStatus() {
        server.enqueue(new MockResponse.Builder().code(302).body("moved").build());

        FetchResult.Failure failure = (FetchResult.Failure) adapter.fetchTicker("BTC-USD");

        assertThat(failure.reason()).isEqualTo(RejectReason.HTTP_UNEXPECTED);
        assertThat(failure.httpStatus()).isEqualTo(302);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "html page with status 200 | <html><body>Just a moment...</body></html> | not a Coinbase ticker: Unexpected character ('<' (code 60)): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
            "truncated json            | {\"ask\":\"37412.83\",\"bid\":\"374                | not a Coinbase ticker: Unexpected end-of-input: was expecting closing quote for a string value",
            "json null                 | null                                              | the body is JSON null, not a Coinbase ticker",
            "an array                  | []                                                | not a Coinbase ticker: Cannot deserialize value of type `dev.rigwatch.ingest.exchange.coinbase.CoinbaseTicker` from Array value (token `JsonToken.START_ARRAY`)",
            "missing price             | {\"trade_id\":1,\"time\":\"2023-11-24T14:02:11.417285Z\"} | field price is missing",
            "missing trade id          | {\"price\":\"1.00\",\"time\":\"2023-11-24T14:02:11.417285Z\"} | field trade_id is missing",
            "time not a time           | {\"price\":\"1.00\",\"trade_id\":1,\"time\":\"yesterday\"} | not a Coinbase ticker: Cannot deserialize value of type `java.time.Instant` from String \"yesterday\": Failed to deserialize java.time.Instant: (java.time.format.DateTimeParseException) Text 'yesterday' could not be parsed at index 0",
            "negative volume           | {\"price\":\"1.00\",\"trade_id\":1,\"time\":\"2023-11-24T14:02:11.417285Z\",\"volume\":\"-3\"} | volume '-3' is not a non-negative number",
    })
    void bodyThatIsNotATickerIsMalformedJson(String name, String body, String detail) {
        server.enqueue(json(200, body));

        assertThat(adapter.fetchTicker("BTC-USD")).isEqualTo(new FetchResult.Failure(tickerUrl, 200,
                RejectReason.MALFORMED_JSON, detail, body, NOW, null));
    }

    @Test
    void emptyBodyIsMalformedJson() {
        server.enqueue(json(200, ""));

        assertThat(adapter.fetchTicker("BTC-USD")).isEqualTo(new FetchResult.Failure(tickerUrl, 200,
                RejectReason.MALFORMED_JSON, "empty body", "", NOW, null));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "price | 0      | price 0 is not positive",
            "price | -1.5   | price -1.5 is not positive",
            "price | 0.00   | price 0.00 is not positive",
            "price | NaN    | price 'NaN' is not a number",
            "price | abc    | price 'abc' is not a number",
            "bid   | -0.01  | bid -0.01 is not positive",
            "ask   | 1,000  | ask '1,000' is not a number",
    })
    void nonPositiveOrNonNumericPriceIsInvalidPrice(String field, String value, String detail) {
        String body = TICKER.replaceFirst("\"" + field + "\":\"[^\"]*\"", "\"" + field + "\":\"" + value + "\"");
        assertThat(body).isNotEqualTo(TICKER);
        server.enqueue(json(200, body));

        assertThat(adapter.fetchTicker("BTC-USD")).isEqualTo(new FetchResult.Failure(tickerUrl, 200,
                RejectReason.INVALID_PRICE, detail, body, NOW, null));
    }

    @Test
    void noResponseWithinTheReadTimeoutIsATimeout() {
        server.enqueue(json(200, TICKER).newBuilder().headersDelay(2, TimeUnit.SECONDS).build());

        FetchResult.Failure failure = (FetchResult.Failure) adapter.fetchTicker("BTC-USD");

        assertThat(failure.reason()).isEqualTo(RejectReason.TIMEOUT);
        // okio's watchdog or the socket's own timeout, whichever fires first, words it
        assertThat(failure.detail()).startsWith("java.net.SocketTimeoutException: ");
        assertThat(failure.httpStatus()).isNull();
        assertThat(failure.body()).isNull();
        assertThat(failure.observedTime()).isEqualTo(NOW);
    }

    @Test
    void connectionCutMidBodyIsAnIoError() {
        server.enqueue(new MockResponse.Builder()
                .body(TICKER)
                .throttleBody(50, 100, TimeUnit.MILLISECONDS)
                .onResponseBody(new SocketEffect.CloseSocket())
                .build());

        FetchResult.Failure failure = (FetchResult.Failure) adapter.fetchTicker("BTC-USD");

        assertThat(failure.reason()).isEqualTo(RejectReason.IO_ERROR);
        assertThat(failure.httpStatus()).isNull();
        assertThat(failure.body()).isNull();
    }

    @Test
    void refusedConnectionIsAnIoError() {
        server.close();

        FetchResult.Failure failure = (FetchResult.Failure) adapter.fetchTicker("BTC-USD");

        assertThat(failure.reason()).isEqualTo(RejectReason.IO_ERROR);
        assertThat(failure.detail()).startsWith("java.net.ConnectException: Failed to connect to");
        assertThat(failure.toReject("coinbase")).isEqualTo(new IngestReject(IngestReject.VERSION, "coinbase",
                tickerUrl, null, "io-error", failure.detail(), null, false, NOW));
    }

    @Test
    void parsesTheRealCandlesOldestFirstWithTheirExactNumbers() throws InterruptedException {
        server.enqueue(json(200, CANDLES));

        CandlesResult result = adapter.fetchCandles("BTC-USD", T0, T0.plus(Duration.ofMinutes(3)), MINUTE);

        assertThat(result).isEqualTo(new CandlesResult.Candles(java.util.List.of(
                candle(T0, "37382.73", "37399.99", "37380", "37395.5", "12.00034876"),
                candle(T0.plusSeconds(60), "37395.5", "37410.99", "37389.26", "37401.12", "5.90211423"),
                candle(T0.plusSeconds(120), "37401.13", "37421.5", "37398.01", "37412.83", "8.41276531"))));
        Candle first = ((CandlesResult.Candles) result).candles().get(0);
        // JSON numbers read from their text: 37380 stays scale 0, never 37380.0 from a double
        assertThat(first.low().scale()).isZero();
        assertThat(first.volume().scale()).isEqualTo(8);
        RecordedRequest request = request();
        assertThat(request.getTarget()).isEqualTo(
                "/products/BTC-USD/candles?granularity=60&start=2023-11-24T14:00:00Z&end=2023-11-24T14:03:00Z");
        assertThat(request.getHeaders().get("User-Agent")).isEqualTo("rigwatch/0.1");
    }

    @Test
    void asksAtMost299WindowsPerPageAndJoinsThePagesKeepingTheNewerViewOfAWindow() throws InterruptedException {
        Instant pageTwo = T0.plus(Duration.ofMinutes(299));
        // each page holds its inclusive end: page one's last row is page two's first window, seen earlier
        server.enqueue(json(200, "[[" + pageTwo.getEpochSecond() + ",1,9,2,3,4],[" + T0.getEpochSecond() + ",10,19,11,12,1.5]]"));
        server.enqueue(json(200, "[[" + pageTwo.plusSeconds(60).getEpochSecond() + ",5,6,5,6,7],["
                + pageTwo.getEpochSecond() + ",1,9,2,8,40]]"));

        CandlesResult result = adapter.fetchCandles("BTC-USD", T0, T0.plus(Duration.ofMinutes(400)), MINUTE);

        assertThat(result).isEqualTo(new CandlesResult.Candles(java.util.List.of(
                candle(T0, "11", "19", "10", "12", "1.5"),
                candle(pageTwo, "2", "9", "1", "8", "40"),
                candle(pageTwo.plusSeconds(60), "5", "6", "5", "6", "7"))));
        assertThat(request().getTarget()).isEqualTo(
                "/products/BTC-USD/candles?granularity=60&start=2023-11-24T14:00:00Z&end=2023-11-24T18:59:00Z");
        assertThat(request().getTarget()).isEqualTo(
                "/products/BTC-USD/candles?granularity=60&start=2023-11-24T18:59:00Z&end=2023-11-24T20:40:00Z");
    }

    @Test
    void aFailedPageFailsTheWholeRequest() {
        server.enqueue(json(200, "[[" + T0.getEpochSecond() + ",10,19,11,12,1.5]]"));
        server.enqueue(json(500, "{\"message\":\"Internal server error\"}"));

        CandlesResult result = adapter.fetchCandles("BTC-USD", T0, T0.plus(Duration.ofMinutes(400)), MINUTE);

        assertThat(result).isEqualTo(new FetchResult.Failure(url(
                "/products/BTC-USD/candles?granularity=60&start=2023-11-24T18:59:00Z&end=2023-11-24T20:40:00Z"), 500,
                RejectReason.HTTP_5XX, "HTTP 500 Server Error", "{\"message\":\"Internal server error\"}", NOW, null));
    }

    @Test
    void aCandleWhoseCloseIsOutsideItsRangeIsAnInvalidPrice() {
        String body = "[[" + T0.getEpochSecond() + ",10,19,11,25,1.5]]";
        server.enqueue(json(200, body));

        assertThat(adapter.fetchCandles("BTC-USD", T0, T0.plus(MINUTE), MINUTE)).isEqualTo(new FetchResult.Failure(
                url("/products/BTC-USD/candles?granularity=60&start=2023-11-24T14:00:00Z&end=2023-11-24T14:01:00Z"),
                200, RejectReason.INVALID_PRICE,
                "candle at 2023-11-24T14:00:00Z: open 11 and close 25 are not within low 10 and high 19", body, NOW,
                null));
    }

    @Test
    void anIntervalCoinbaseDoesNotOfferIsTheCallersMistake() {
        assertThatThrownBy(() -> adapter.fetchCandles("BTC-USD", T0, T0.plus(Duration.ofHours(1)), Duration.ofMinutes(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("coinbase has no PT2M candles; it has [PT1M, PT5M, PT15M, PT1H, PT6H, PT24H]");
    }

    private static Candle candle(Instant start, String open, String high, String low, String close, String volume) {
        return new Candle(Candle.VERSION, "coinbase:BTC-USD", MINUTE, start, start.plus(MINUTE), new BigDecimal(open),
                new BigDecimal(high), new BigDecimal(low), new BigDecimal(close), new BigDecimal(volume), 0);
    }
}
