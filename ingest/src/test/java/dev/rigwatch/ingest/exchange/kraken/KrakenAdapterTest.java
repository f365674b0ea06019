package dev.rigwatch.ingest.exchange.kraken;

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
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KrakenAdapterTest extends AdapterTestBase {

    private static final String TICKER = fixture("kraken-ticker-XBTUSD.json");
    private static final String OHLC = fixture("kraken-ohlc-XBTUSD-1.json");
    /** The fixture's first window: 2023-11-24T14:00:00Z; its {@code last} is the second, T0 + 60 s. */
    private static final Instant T0 = Instant.ofEpochSecond(1700834400);
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private KrakenAdapter adapter;
    private String tickerUrl;

    @BeforeEach
    void createAdapter() {
        adapter = new KrakenAdapter(http, baseUrl(), INSTRUMENTS);
        tickerUrl = url("/0/public/Ticker?pair=XBTUSD");
    }

    @Test
    void parsesTheRealTickerExactlyStampedWithItsReceiptForKrakenGivesNoTime() throws InterruptedException {
        server.enqueue(json(200, TICKER));

        FetchResult result = adapter.fetchTicker("BTC-USD");

        assertThat(((FetchResult.Tick) result).tick()).isEqualTo((new CryptoTick(
                CryptoTick.VERSION, "kraken", "BTC-USD",
                new BigDecimal("37415.10000"), new BigDecimal("37415.00000"), new BigDecimal("37415.10000"),
                new BigDecimal("2455.01862211"), null, null, NOW, TimeSource.RECEIPT)));
        CryptoTick tick = ((FetchResult.Tick) result).tick();
        assertThat(tick.price().scale()).isEqualTo(5);
        assertThat(tick.eventTime()).isEqualTo(NOW);
        assertThat(tick.key()).isEqualTo("kraken:BTC-USD");
        RecordedRequest request = request();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getTarget()).isEqualTo("/0/public/Ticker?pair=XBTUSD");
        assertThat(request.getHeaders().get("User-Agent")).isEqualTo("rigwatch/0.1");
    }

    @Test
    void asksForEtherAsETHUSDAndFindsItUnderXETHZUSD() throws InterruptedException {
        server.enqueue(json(200, TICKER.replace("XXBTZUSD", "XETHZUSD")));

        FetchResult result = adapter.fetchTicker("ETH-USD");

        assertThat(((FetchResult.Tick) result).tick().symbol()).isEqualTo("ETH-USD");
        assertThat(request().getTarget()).isEqualTo("/0/public/Ticker?pair=ETHUSD");
    }

    @Test
    void anAnswerForAnotherPairIsMalformed() {
        server.enqueue(json(200, TICKER));

        assertThat(adapter.fetchTicker("ETH-USD")).isEqualTo(new FetchResult.Failure(
                url("/0/public/Ticker?pair=ETHUSD"), 200, RejectReason.MALFORMED_JSON,
                "result has no pair that is ETH-USD, only [XXBTZUSD]", TICKER, NOW, null));
    }

    @Test
    void anUnknownPairIsAnUnknownSymbolThoughKrakenSaysItWithStatus200() {
        String body = fixture("kraken-error-unknown-pair.json");
        server.enqueue(json(200, body));

        assertThat(adapter.fetchTicker("BTC-USD")).isEqualTo(new FetchResult.Failure(tickerUrl, 200,
                RejectReason.UNKNOWN_SYMBOL, "Kraken error EQuery:Unknown asset pair", body, NOW, null));
    }

    @Test
    void itsRateLimitErrorIsA429ThatPausesFiveSeconds() {
        String body = "{\"error\":[\"EAPI:Rate limit exceeded\"]}";
        server.enqueue(json(200, body));

        assertThat(adapter.fetchTicker("BTC-USD")).isEqualTo(new FetchResult.Failure(tickerUrl, 200,
                RejectReason.HTTP_429, "Kraken error EAPI:Rate limit exceeded; pausing PT5S", body, NOW,
                Duration.ofSeconds(5)));
    }

    @Test
    void anyOtherErrorIsAnExchangeError() {
        String body = "{\"error\":[\"WGeneral:Danger\",\"EService:Unavailable\"]}";
        server.enqueue(json(200, body));

        assertThat(adapter.fetchTicker("BTC-USD")).isEqualTo(new FetchResult.Failure(tickerUrl, 200,
                RejectReason.EXCHANGE_ERROR, "Kraken error EService:Unavailable", body, NOW, null));
    }

    @Test
    void aWarningAloneIsNoError() {
        server.enqueue(json(200, TICKER.replace("\"error\":[]", "\"error\":[\"WGeneral:Deprecated\"]")));

        assertThat(adapter.fetchTicker("BTC-USD")).isInstanceOf(FetchResult.Tick.class);
    }

    @Test
    void aTickerWithoutItsLastTradeIsMalformed() {
        String body = TICKER.replace("\"c\":[\"37415.10000\",\"0.00150000\"],", "");
        server.enqueue(json(200, body));

        assertThat(adapter.fetchTicker("BTC-USD")).isEqualTo(new FetchResult.Failure(tickerUrl, 200,
                RejectReason.MALFORMED_JSON, "field c[0] is missing", body, NOW, null));
    }

    @Test
    void parsesTheRealOhlcExactlyKeepingOnlyTheWindowsAsked() throws InterruptedException {
        server.enqueue(json(200, OHLC));

        CandlesResult result = adapter.fetchCandles("BTC-USD", T0, T0.plus(Duration.ofMinutes(2)), MINUTE);

        // the third row's window ends after the span: it is left out, and last + 1 minute covers the span
        assertThat(result).isEqualTo(new CandlesResult.Candles(List.of(
                candle(T0, "37382.7", "37399.9", "37380.0", "37395.5", "1.90003011"),
                candle(T0.plusSeconds(60), "37395.5", "37410.9", "37389.2", "37401.1", "0.83120004"))));
        assertThat(((CandlesResult.Candles) result).candles().get(0).low().scale()).isEqualTo(1);
        assertThat(request().getTarget()).isEqualTo("/0/public/OHLC?pair=XBTUSD&interval=1&since=1700834399");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void pagesOnFromTheLastCommittedWindowUntilTheSpanIsCovered() throws InterruptedException {
        server.enqueue(json(200, OHLC));
        // the newest window was still open in the first answer: its second view wins
        server.enqueue(json(200, "{\"error\":[],\"result\":{\"XXBTZUSD\":["
                + "[1700834520,\"37401.1\",\"37430.0\",\"37398.0\",\"37428.8\",\"37415.0\",\"2.5\",51],"
                + "[1700834580,\"37428.8\",\"37429.0\",\"37420.0\",\"37421.0\",\"37424.0\",\"0.1\",3]],"
                + "\"last\":1700834520}}"));

        CandlesResult result = adapter.fetchCandles("BTC-USD", T0, T0.plus(Duration.ofMinutes(3)), MINUTE);

        assertThat(result).isEqualTo(new CandlesResult.Candles(List.of(
                candle(T0, "37382.7", "37399.9", "37380.0", "37395.5", "1.90003011"),
                candle(T0.plusSeconds(60), "37395.5", "37410.9", "37389.2", "37401.1", "0.83120004"),
                candle(T0.plusSeconds(120), "37401.1", "37430.0", "37398.0", "37428.8", "2.5"))));
        assertThat(request().getTarget()).isEqualTo("/0/public/OHLC?pair=XBTUSD&interval=1&since=1700834399");
        assertThat(request().getTarget()).isEqualTo("/0/public/OHLC?pair=XBTUSD&interval=1&since=1700834460");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void stopsPagingWhenLastStopsMoving() {
        String stuck = "{\"error\":[],\"result\":{\"XXBTZUSD\":[[1700834400,\"1\",\"1\",\"1\",\"1\",\"1\",\"1\",1]],"
                + "\"last\":1700834400}}";
        server.enqueue(json(200, stuck));
        server.enqueue(json(200, stuck));

        CandlesResult result = adapter.fetchCandles("BTC-USD", T0, T0.plus(Duration.ofHours(1)), MINUTE);

        assertThat(((CandlesResult.Candles) result).candles()).extracting(Candle::windowStart).containsExactly(T0);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void anOhlcErrorFailsTheRequest() {
        String body = fixture("kraken-error-unknown-pair.json");
        server.enqueue(json(200, body));

        assertThat(adapter.fetchCandles("BTC-USD", T0, T0.plus(MINUTE), MINUTE)).isEqualTo(new FetchResult.Failure(
                url("/0/public/OHLC?pair=XBTUSD&interval=1&since=1700834399"), 200, RejectReason.UNKNOWN_SYMBOL,
                "Kraken error EQuery:Unknown asset pair", body, NOW, null));
    }

    @Test
    void asksHourlyAndDailyCandlesInMinutes() throws InterruptedException {
        server.enqueue(json(200, "{\"error\":[],\"result\":{\"XXBTZUSD\":[],\"last\":1700784000}}"));
        server.enqueue(json(200, "{\"error\":[],\"result\":{\"XXBTZUSD\":[],\"last\":1700784000}}"));

        adapter.fetchCandles("BTC-USD", T0, T0.plus(Duration.ofHours(1)), Duration.ofHours(1));
        adapter.fetchCandles("BTC-USD", T0, T0.plus(Duration.ofDays(2)), Duration.ofDays(1));

        assertThat(request().getTarget()).isEqualTo("/0/public/OHLC?pair=XBTUSD&interval=60&since=1700834399");
        assertThat(request().getTarget()).isEqualTo("/0/public/OHLC?pair=XBTUSD&interval=1440&since=1700870399");
    }

    private static Candle candle(Instant start, String open, String high, String low, String close, String volume) {
        return new Candle(Candle.VERSION, "kraken:BTC-USD", MINUTE, start, start.plus(MINUTE), new BigDecimal(open),
                new BigDecimal(high), new BigDecimal(low), new BigDecimal(close), new BigDecimal(volume), 0);
    }
}
