package dev.rigwatch.ingest.exchange.binance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.events.Candle;
import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.TimeSource;
import dev.rigwatch.ingest.CandlesResult;
import dev.rigwatch.ingest.FetchResult;
import dev.rigwatch.ingest.RejectReason;
import dev.rigwatch.ingest.exchange.AdapterTestBase;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BinanceAdapterTest extends AdapterTestBase {

    private static final String TICKER = fixture("binance-ticker24hr-BTCUSDT.json");
    private static final String KLINES = fixture("binance-klines-BTCUSDT-1m.json");
    /** The fixture's first kline: 2023-11-24T14:00:00Z. */
    private static final Instant T0 = Instant.ofEpochMilli(1700834400000L);
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private BinanceAdapter adapter;
    private String tickerUrl;

    @BeforeEach
    void createAdapter() {
        adapter = new BinanceAdapter(http, baseUrl(), INSTRUMENTS);
        tickerUrl = url("/api/v3/ticker/24hr?symbol=BTCUSDT");
    }

    @Test
    void parsesTheRealTickerExactlyWithItsCloseTimeAsTheExchangeTime() throws InterruptedException {
        server.enqueue(json(200, TICKER));

        FetchResult result = adapter.fetchTicker("BTC-USDT");

        assertThat(((FetchResult.Tick) result).tick()).isEqualTo((new CryptoTick(
                CryptoTick.VERSION, "binance", "BTC-USDT",
                new BigDecimal("37412.83000000"), new BigDecimal("37412.82000000"), new BigDecimal("37412.83000000"),
                new BigDecimal("27453.11276000"), "3285229441",
                Instant.parse("2023-11-24T14:02:11.417Z"), NOW, TimeSource.EXCHANGE)));
        assertThat(((FetchResult.Tick) result).tick().price().scale()).isEqualTo(8);
        assertThat(((FetchResult.Tick) result).tick().key()).isEqualTo("binance:BTC-USDT");
        RecordedRequest request = request();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getTarget()).isEqualTo("/api/v3/ticker/24hr?symbol=BTCUSDT");
        assertThat(request.getHeaders().get("User-Agent")).isEqualTo("rigwatch/0.1");
    }

    @Test
    void aTickerForAnotherSymbolIsMalformed() {
        String body = TICKER.replace("\"symbol\":\"BTCUSDT\"", "\"symbol\":\"ETHUSDT\"");
        server.enqueue(json(200, body));

        assertThat(adapter.fetchTicker("BTC-USDT")).isEqualTo(new FetchResult.Failure(tickerUrl, 200,
                RejectReason.MALFORMED_JSON, "the ticker is for ETHUSDT, not BTC-USDT", body, NOW, null));
    }

    @Test
    void invalidSymbolIsAnUnknownSymbol() {
        String body = fixture("binance-error-invalid-symbol.json");
        server.enqueue(json(400, body));

        assertThat(adapter.fetchTicker("BTC-USDT")).isEqualTo(new FetchResult.Failure(tickerUrl, 400,
                RejectReason.UNKNOWN_SYMBOL, "Binance error -1121: Invalid symbol.", body, NOW, null));
    }

    @Test
    void otherErrorsAreToldByTheirStatus() {
        String badParameter = "{\"code\":-1100,\"msg\":\"Illegal characters found in parameter 'symbol'.\"}";
        String restricted = "{\"code\":0,\"msg\":\"Service unavailable from a restricted location.\"}";
        server.enqueue(json(400, badParameter));
        server.enqueue(json(451, restricted));

        assertThat(adapter.fetchTicker("BTC-USDT")).isEqualTo(new FetchResult.Failure(tickerUrl, 400,
                RejectReason.HTTP_4XX, "HTTP 400 Client Error", badParameter, NOW, null));
        assertThat(adapter.fetchTicker("BTC-USDT")).isEqualTo(new FetchResult.Failure(tickerUrl, 451,
                RejectReason.HTTP_4XX, "HTTP 451 Client Error", restricted, NOW, null));
    }

    @Test
    void anIpBanIsHttp418HonouringItsRetryAfterOrElseTwoMinutes() {
        server.enqueue(new MockResponse.Builder().code(418).setHeader("Retry-After", "300").build());
        server.enqueue(new MockResponse.Builder().code(418).build());

        assertThat(adapter.fetchTicker("BTC-USDT")).isEqualTo(new FetchResult.Failure(tickerUrl, 418,
                RejectReason.HTTP_418, "HTTP 418 Client Error; Retry-After 300, pausing PT5M", "", NOW,
                Duration.ofMinutes(5)));
        assertThat(adapter.fetchTicker("BTC-USDT")).isEqualTo(new FetchResult.Failure(tickerUrl, 418,
                RejectReason.HTTP_418, "HTTP 418 Client Error; no Retry-After, pausing PT2M", "", NOW,
                Duration.ofMinutes(2)));
    }

    @Test
    void parsesTheRealKlinesExactly() throws InterruptedException {
        server.enqueue(json(200, KLINES));

        CandlesResult result = adapter.fetchCandles("BTC-USDT", T0, T0.plus(Duration.ofMinutes(2)), MINUTE);

        assertThat(result).isEqualTo(new CandlesResult.Candles(List.of(
                candle(T0, "37382.73000000", "37399.99000000", "37380.00000000", "37395.50000000", "41.23411000"),
                candle(T0.plusSeconds(60), "37395.50000000", "37410.99000000", "37389.26000000", "37401.12000000",
                        "29.90211000"))));
        assertThat(((CandlesResult.Candles) result).candles().get(0).volume().scale()).isEqualTo(8);
        assertThat(request().getTarget()).isEqualTo(
                "/api/v3/klines?symbol=BTCUSDT&interval=1m&startTime=1700834400000&endTime=1700834519999&limit=2");
    }

    @Test
    void asksAtMost1000KlinesPerPage() throws InterruptedException {
        Instant pageTwo = T0.plus(Duration.ofMinutes(1000));
        server.enqueue(json(200, KLINES));
        server.enqueue(json(200, "[[" + pageTwo.toEpochMilli() + ",\"2\",\"3\",\"1\",\"2.5\",\"7.0\","
                + (pageTwo.toEpochMilli() + 59_999) + ",\"17.5\",4,\"1.0\",\"2.5\",\"0\"]]"));

        CandlesResult result = adapter.fetchCandles("BTC-USDT", T0, T0.plus(Duration.ofMinutes(1500)), MINUTE);

        assertThat(((CandlesResult.Candles) result).candles()).extracting(Candle::windowStart)
                .containsExactly(T0, T0.plusSeconds(60), pageTwo);
        assertThat(((CandlesResult.Candles) result).candles().get(2))
                .isEqualTo(candle(pageTwo, "2", "3", "1", "2.5", "7.0"));
        assertThat(request().getTarget()).isEqualTo(
                "/api/v3/klines?symbol=BTCUSDT&interval=1m&startTime=1700834400000&endTime=1700894399999&limit=1000");
        assertThat(request().getTarget()).isEqualTo(
                "/api/v3/klines?symbol=BTCUSDT&interval=1m&startTime=1700894400000&endTime=1700924399999&limit=500");
    }

    @Test
    void asksHourlyAndDailyKlinesByTheirNames() throws InterruptedException {
        server.enqueue(json(200, "[]"));
        server.enqueue(json(200, "[]"));

        assertThat(adapter.fetchCandles("ETH-USDT", T0, T0.plus(Duration.ofHours(1)), Duration.ofHours(1)))
                .isEqualTo(new CandlesResult.Candles(List.of()));
        adapter.fetchCandles("ETH-USDT", T0, T0.plus(Duration.ofDays(2)), Duration.ofDays(1));

        assertThat(request().getTarget()).isEqualTo(
                "/api/v3/klines?symbol=ETHUSDT&interval=1h&startTime=1700834400000&endTime=1700837999999&limit=1");
        assertThat(request().getTarget()).isEqualTo(
                "/api/v3/klines?symbol=ETHUSDT&interval=1d&startTime=1700870400000&endTime=1700956799999&limit=1");
    }

    private static Candle candle(Instant start, String open, String high, String low, String close, String volume) {
        return new Candle(Candle.VERSION, "binance:BTC-USDT", MINUTE, start, start.plus(MINUTE), new BigDecimal(open),
                new BigDecimal(high), new BigDecimal(low), new BigDecimal(close), new BigDecimal(volume), 0);
    }
}
