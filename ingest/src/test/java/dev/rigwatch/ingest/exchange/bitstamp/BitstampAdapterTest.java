package dev.rigwatch.ingest.exchange.bitstamp;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BitstampAdapterTest extends AdapterTestBase {

    private static final String TICKER = fixture("bitstamp-ticker-btcusd.json");
    private static final String OHLC = fixture("bitstamp-ohlc-btcusd-60.json");
    /** The fixture's first candle: 2023-11-24T14:00:00Z. */
    private static final Instant T0 = Instant.ofEpochSecond(1700834400);
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private BitstampAdapter adapter;
    private String tickerUrl;

    @BeforeEach
    void createAdapter() {
        adapter = new BitstampAdapter(http, baseUrl(), INSTRUMENTS);
        tickerUrl = url("/api/v2/ticker/btcusd/");
    }

    @Test
    void parsesTheRealTickerExactlyWithItsTimestampAsTheExchangeTime() throws InterruptedException {
        server.enqueue(json(200, TICKER));

        FetchResult result = adapter.fetchTicker("BTC-USD");

        assertThat(((FetchResult.Tick) result).tick()).isEqualTo((new CryptoTick(
                CryptoTick.VERSION, "bitstamp", "BTC-USD",
                new BigDecimal("37413"), new BigDecimal("37412"), new BigDecimal("37414"),
                new BigDecimal("1803.47710823"), null, Instant.parse("2023-11-24T14:02:11Z"), NOW,
                TimeSource.EXCHANGE)));
        assertThat(((FetchResult.Tick) result).tick().price().scale()).isZero();
        assertThat(((FetchResult.Tick) result).tick().key()).isEqualTo("bitstamp:BTC-USD");
        RecordedRequest request = request();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getTarget()).isEqualTo("/api/v2/ticker/btcusd/");
        assertThat(request.getHeaders().get("User-Agent")).isEqualTo("rigwatch/0.1");
    }

    @ParameterizedTest(name = "status {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "200 | {\"status\":\"error\",\"reason\":\"Invalid currency pair.\",\"code\":\"API0005\"} | Bitstamp error API0005: Invalid currency pair.",
            "400 | {\"status\":\"error\",\"reason\":{\"__all__\":[\"Invalid step.\"]}}          | 'Bitstamp error: {\"__all__\":[\"Invalid step.\"]}'",
    })
    void itsErrorBodyIsAnExchangeErrorWhateverTheStatus(int status, String body, String detail) {
        server.enqueue(json(status, body));

        assertThat(adapter.fetchTicker("BTC-USD")).isEqualTo(new FetchResult.Failure(tickerUrl, status,
                RejectReason.EXCHANGE_ERROR, detail, body, NOW, null));
    }

    @Test
    void anUnknownPairsNotFoundPageIsHttp4xx() {
        String page = "<!DOCTYPE html><html><head><title>Page not found</title></head><body>404</body></html>";
        server.enqueue(new MockResponse.Builder().code(404).setHeader("Content-Type", "text/html").body(page).build());

        assertThat(adapter.fetchTicker("BTC-USD")).isEqualTo(new FetchResult.Failure(tickerUrl, 404,
                RejectReason.HTTP_4XX, "HTTP 404 Client Error", page, NOW, null));
    }

    @Test
    void aTimestampThatIsNotEpochSecondsIsMalformed() {
        String body = TICKER.replace("\"timestamp\":\"1700834531\"", "\"timestamp\":\"2023-11-24 14:02:11\"");
        server.enqueue(json(200, body));

        assertThat(adapter.fetchTicker("BTC-USD")).isEqualTo(new FetchResult.Failure(tickerUrl, 200,
                RejectReason.MALFORMED_JSON, "timestamp '2023-11-24 14:02:11' is not a time in epoch seconds", body,
                NOW, null));
    }

    @Test
    void parsesTheRealOhlcExactly() throws InterruptedException {
        server.enqueue(json(200, OHLC));

        CandlesResult result = adapter.fetchCandles("BTC-USD", T0, T0.plus(Duration.ofMinutes(2)), MINUTE);

        assertThat(result).isEqualTo(new CandlesResult.Candles(List.of(
                candle(T0, "37383", "37400", "37380", "37396", "2.01844120"),
                candle(T0.plusSeconds(60), "37396", "37411", "37389", "37401", "1.11832010"))));
        assertThat(((CandlesResult.Candles) result).candles().get(0).volume().scale()).isEqualTo(8);
        assertThat(request().getTarget()).isEqualTo("/api/v2/ohlc/btcusd/?step=60&limit=2&start=1700834400");
    }

    @Test
    void asksAtMost1000CandlesPerPage() throws InterruptedException {
        Instant pageTwo = T0.plus(Duration.ofMinutes(1000));
        server.enqueue(json(200, OHLC));
        server.enqueue(json(200, "{\"data\":{\"pair\":\"BTC/USD\",\"ohlc\":[{\"timestamp\":\"" + pageTwo.getEpochSecond()
                + "\",\"open\":\"2\",\"high\":\"3\",\"low\":\"1\",\"close\":\"2.5\",\"volume\":\"7.0\"}]}}"));

        CandlesResult result = adapter.fetchCandles("BTC-USD", T0, T0.plus(Duration.ofMinutes(1500)), MINUTE);

        assertThat(((CandlesResult.Candles) result).candles()).extracting(Candle::windowStart)
                .containsExactly(T0, T0.plusSeconds(60), pageTwo);
        assertThat(((CandlesResult.Candles) result).candles().get(2))
                .isEqualTo(candle(pageTwo, "2", "3", "1", "2.5", "7.0"));
        assertThat(request().getTarget()).isEqualTo("/api/v2/ohlc/btcusd/?step=60&limit=1000&start=1700834400");
        assertThat(request().getTarget()).isEqualTo("/api/v2/ohlc/btcusd/?step=60&limit=500&start=1700894400");
    }

    @Test
    void asksHourlyAndDailyCandlesInSeconds() throws InterruptedException {
        String empty = "{\"data\":{\"pair\":\"ETH/USD\",\"ohlc\":[]}}";
        server.enqueue(json(200, empty));
        server.enqueue(json(200, empty));

        adapter.fetchCandles("ETH-USD", T0, T0.plus(Duration.ofHours(1)), Duration.ofHours(1));
        adapter.fetchCandles("ETH-USD", T0, T0.plus(Duration.ofDays(2)), Duration.ofDays(1));

        assertThat(request().getTarget()).isEqualTo("/api/v2/ohlc/ethusd/?step=3600&limit=1&start=1700834400");
        assertThat(request().getTarget()).isEqualTo("/api/v2/ohlc/ethusd/?step=86400&limit=1&start=1700870400");
    }

    private static Candle candle(Instant start, String open, String high, String low, String close, String volume) {
        return new Candle(Candle.VERSION, "bitstamp:BTC-USD", MINUTE, start, start.plus(MINUTE), new BigDecimal(open),
                new BigDecimal(high), new BigDecimal(low), new BigDecimal(close), new BigDecimal(volume), 0);
    }
}
