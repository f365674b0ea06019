package dev.rigwatch.ingest.coinbase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.IngestReject;
import dev.rigwatch.events.TimeSource;
import dev.rigwatch.ingest.FetchResult;
import dev.rigwatch.ingest.IngestSettings;
import dev.rigwatch.ingest.RejectReason;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CoinbaseTickerClientTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00.123Z");
    private static final String FIXTURE = resource("coinbase-ticker-BTC-USD.json");

    private final OkHttpClient shared = new OkHttpClient();
    private final MockWebServer server = new MockWebServer();
    private CoinbaseTickerClient client;
    private String tickerUrl;

    @BeforeEach
    void start() throws IOException {
        server.start();
        IngestSettings settings = IngestSettings.defaults()
                .withBaseUrl(server.url("/").toString())
                .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300));
        client = new CoinbaseTickerClient(shared, settings, Clock.fixed(NOW, ZoneOffset.UTC));
        tickerUrl = server.url("/products/BTC-USD/ticker").toString();
    }

    @AfterEach
    void stop() {
        server.close();
        shared.dispatcher().executorService().shutdown();
        shared.connectionPool().evictAll();
    }

    @Test
    void parsesTheRealTickerExactlyAndSendsWhatCoinbaseRequires() throws InterruptedException {
        server.enqueue(json(200, FIXTURE));

        FetchResult result = client.fetch("BTC-USD");

        assertThat(result).isEqualTo(new FetchResult.Tick(new CryptoTick(
                CryptoTick.VERSION, "coinbase", "BTC-USD",
                new BigDecimal("37412.83"), new BigDecimal("37412.82"), new BigDecimal("37412.83"),
                new BigDecimal("11723.45872109"), "582412573",
                Instant.parse("2023-11-24T14:02:11.417285Z"), NOW, TimeSource.EXCHANGE)));
        CryptoTick tick = ((FetchResult.Tick) result).tick();
        assertThat(tick.volume24h().scale()).isEqualTo(8);
        assertThat(tick.exchangeTime().getNano()).isEqualTo(417_285_000);
        assertThat(tick.key()).isEqualTo("coinbase:BTC-USD");
        assertThat(tick.eventTime()).isEqualTo("2023-11-24T14:02:11.417285Z");

        RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getTarget()).isEqualTo("/products/BTC-USD/ticker");
        assertThat(request.getHeaders().get("User-Agent")).isEqualTo("rigwatch/0.1");
        assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
    }

    @Test
    void keepsAPathInTheBaseUrl() throws InterruptedException {
        CoinbaseTickerClient prefixed = new CoinbaseTickerClient(shared,
                IngestSettings.defaults().withBaseUrl(server.url("/exchange/").toString()), Clock.systemUTC());
        server.enqueue(json(200, FIXTURE));

        assertThat(prefixed.fetch("ETH-USD")).isInstanceOf(FetchResult.Tick.class);
        assertThat(server.takeRequest(1, TimeUnit.SECONDS).getTarget()).isEqualTo("/exchange/products/ETH-USD/ticker");
    }

    @Test
    void rateLimitIsHttp429WithTheWaitFromRetryAfter() {
        String body = "{\"message\":\"Public rate limit exceeded\"}";
        server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "7").body(body).build());

        FetchResult.Failure failure = (FetchResult.Failure) client.fetch("BTC-USD");

        assertThat(failure).isEqualTo(new FetchResult.Failure(tickerUrl, 429, RejectReason.HTTP_429,
                "HTTP 429 Client Error; Retry-After 7, pausing PT7S", body, NOW, Duration.ofSeconds(7)));
        assertThat(failure.toReject("coinbase")).isEqualTo(new IngestReject(IngestReject.VERSION, "coinbase",
                tickerUrl, 429, "http-429", "HTTP 429 Client Error; Retry-After 7, pausing PT7S", body, false, NOW));
    }

    @Test
    void retryAfterIsSecondsOrAnHttpDateAndOtherwiseTheDefault() {
        Instant now = Instant.parse("2026-11-25T12:00:00Z");
        assertThat(CoinbaseTickerClient.retryAfter("3", now)).isEqualTo(Duration.ofSeconds(3));
        assertThat(CoinbaseTickerClient.retryAfter("Wed, 25 Nov 2026 12:00:30 GMT", now))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(CoinbaseTickerClient.retryAfter("Wed, 25 Nov 2026 11:00:00 GMT", now)).isEqualTo(Duration.ZERO);
        assertThat(CoinbaseTickerClient.retryAfter(null, now)).isEqualTo(Duration.ofSeconds(1));
        assertThat(CoinbaseTickerClient.retryAfter("soon", now)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void serverErrorIsHttp5xxKeepingTheBody() {
        server.enqueue(json(500, "{\"message\":\"Internal server error\"}"));

        assertThat(client.fetch("BTC-USD")).isEqualTo(new FetchResult.Failure(tickerUrl, 500, RejectReason.HTTP_5XX,
                "HTTP 500 Server Error", "{\"message\":\"Internal server error\"}", NOW, null));
    }

    @Test
    void htmlErrorPageFromAProxyIsHttp5xxKeepingThePage() {
        String page = "<html><head><title>502 Bad Gateway</title></head><body>cloudflare</body></html>";
        server.enqueue(new MockResponse.Builder().code(502).setHeader("Content-Type", "text/html").body(page).build());

        FetchResult.Failure failure = (FetchResult.Failure) client.fetch("BTC-USD");

        assertThat(failure.reason()).isEqualTo(RejectReason.HTTP_5XX);
        assertThat(failure.httpStatus()).isEqualTo(502);
        assertThat(failure.body()).isEqualTo(page);
    }

    @Test
    void unknownProductIsHttp4xx() {
        server.enqueue(json(404, "{\"message\":\"NotFound\"}"));

        assertThat(client.fetch("BTC-USD")).isEqualTo(new FetchResult.Failure(tickerUrl, 404, RejectReason.HTTP_4XX,
                "HTTP 404 Client Error", "{\"message\":\"NotFound\"}", NOW, null));
    }

    @Test
    void redirectWithNowhereToGoIsAnUnexpectedStatus() {
        server.enqueue(new MockResponse.Builder().code(302).body("moved").build());

        FetchResult.Failure failure = (FetchResult.Failure) client.fetch("BTC-USD");

        assertThat(failure.reason()).isEqualTo(RejectReason.HTTP_UNEXPECTED);
        assertThat(failure.httpStatus()).isEqualTo(302);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "html page with status 200 | <html><body>Just a moment...</body></html> | not a Coinbase ticker: Unexpected character ('<' (code 60)): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
            "truncated json            | {\"ask\":\"37412.83\",\"bid\":\"374                | not a Coinbase ticker: Unexpected end-of-input: was expecting closing quote for a string value",
            "json null                 | null                                              | the body is JSON null, not a ticker",
            "an array                  | []                                                | not a Coinbase ticker: Cannot deserialize value of type `dev.rigwatch.ingest.coinbase.CoinbaseTicker` from Array value (token `JsonToken.START_ARRAY`)",
            "missing price             | {\"trade_id\":1,\"time\":\"2023-11-24T14:02:11.417285Z\"} | field price is missing",
            "missing trade id          | {\"price\":\"1.00\",\"time\":\"2023-11-24T14:02:11.417285Z\"} | field trade_id is missing",
            "time not a time           | {\"price\":\"1.00\",\"trade_id\":1,\"time\":\"yesterday\"} | not a Coinbase ticker: Cannot deserialize value of type `java.time.Instant` from String \"yesterday\": Failed to deserialize java.time.Instant: (java.time.format.DateTimeParseException) Text 'yesterday' could not be parsed at index 0",
            "negative volume           | {\"price\":\"1.00\",\"trade_id\":1,\"time\":\"2023-11-24T14:02:11.417285Z\",\"volume\":\"-3\"} | volume '-3' is not a non-negative number",
    })
    void bodyThatIsNotATickerIsMalformedJson(String name, String body, String detail) {
        server.enqueue(json(200, body));

        assertThat(client.fetch("BTC-USD")).isEqualTo(new FetchResult.Failure(tickerUrl, 200,
                RejectReason.MALFORMED_JSON, detail, body, NOW, null));
    }

    @Test
    void emptyBodyIsMalformedJson() {
        server.enqueue(json(200, ""));

        assertThat(client.fetch("BTC-USD")).isEqualTo(new FetchResult.Failure(tickerUrl, 200,
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
        String body = FIXTURE.replaceFirst("\"" + field + "\":\"[^\"]*\"", "\"" + field + "\":\"" + value + "\"");
        assertThat(body).isNotEqualTo(FIXTURE);
        server.enqueue(json(200, body));

        assertThat(client.fetch("BTC-USD")).isEqualTo(new FetchResult.Failure(tickerUrl, 200,
                RejectReason.INVALID_PRICE, detail, body, NOW, null));
    }

    @Test
    void noResponseWithinTheReadTimeoutIsATimeout() {
        server.enqueue(json(200, FIXTURE).newBuilder().headersDelay(2, TimeUnit.SECONDS).build());

        FetchResult.Failure failure = (FetchResult.Failure) client.fetch("BTC-USD");

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
                .body(FIXTURE)
                .throttleBody(50, 100, TimeUnit.MILLISECONDS)
                .onResponseBody(new SocketEffect.CloseSocket())
                .build());

        FetchResult.Failure failure = (FetchResult.Failure) client.fetch("BTC-USD");

        assertThat(failure.reason()).isEqualTo(RejectReason.IO_ERROR);
        assertThat(failure.httpStatus()).isNull();
        assertThat(failure.body()).isNull();
    }

    @Test
    void refusedConnectionIsAnIoError() {
        server.close();

        FetchResult.Failure failure = (FetchResult.Failure) client.fetch("BTC-USD");

        assertThat(failure.reason()).isEqualTo(RejectReason.IO_ERROR);
        assertThat(failure.detail()).startsWith("java.net.ConnectException: Failed to connect to");
        assertThat(failure.toReject("coinbase")).isEqualTo(new IngestReject(IngestReject.VERSION, "coinbase",
                tickerUrl, null, "io-error", failure.detail(), null, false, NOW));
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    static String resource(String name) {
        try (InputStream in = CoinbaseTickerClientTest.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
