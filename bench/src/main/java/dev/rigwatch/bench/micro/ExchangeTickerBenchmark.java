package dev.rigwatch.bench.micro;

import dev.rigwatch.ingest.FetchResult;
import dev.rigwatch.ingest.exchange.Exchange;
import dev.rigwatch.ingest.exchange.ExchangeAdapter;
import dev.rigwatch.ingest.exchange.InstrumentRegistry;
import dev.rigwatch.ingest.http.SourceHttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Each exchange adapter reading a real ticker response into a tick. The adapters keep their body-to-tick mapping
 * private and reach it only through {@link ExchangeAdapter#fetchTicker}, so the response is served from memory by an
 * OkHttp interceptor: no socket, no network, but the client's in-process call (request, interceptor chain, body
 * decoding) is counted with the parse, as it is in production.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ExchangeTickerBenchmark {

    private static final MediaType JSON = MediaType.get("application/json");
    /** Each exchange's recorded ticker response, and the symbol it answers for. */
    private static final Map<String, Ticker> TICKERS = Map.of(
            "coinbase", new Ticker("coinbase-ticker-BTC-USD.json", "BTC-USD"),
            "kraken", new Ticker("kraken-ticker-XBTUSD.json", "BTC-USD"),
            "binance", new Ticker("binance-ticker24hr-BTCUSDT.json", "BTC-USDT"),
            "bitstamp", new Ticker("bitstamp-ticker-btcusd.json", "BTC-USD"));

    private record Ticker(String response, String symbol) {
    }

    @Param({"coinbase", "kraken", "binance", "bitstamp"})
    public String exchange;

    private ExchangeAdapter adapter;
    private String symbol;

    @Setup
    public void setUp() {
        Ticker ticker = TICKERS.get(exchange);
        if (ticker == null) {
            throw new IllegalStateException("no recorded ticker response of " + exchange);
        }
        byte[] body = BundledInput.bytes(ticker.response());
        symbol = ticker.symbol();
        OkHttpClient inMemory = new OkHttpClient.Builder()
                .addInterceptor(chain -> new Response.Builder()
                        .request(chain.request())
                        .protocol(Protocol.HTTP_1_1)
                        .code(200)
                        .message("OK")
                        .body(ResponseBody.create(body, JSON))
                        .build())
                .build();
        SourceHttpClient http = new SourceHttpClient(inMemory, Duration.ofSeconds(1), Duration.ofSeconds(1),
                Clock.systemUTC());
        Exchange source = Exchange.of(exchange);
        adapter = source.adapter(http, source.defaultBaseUrl(), InstrumentRegistry.load());
        // a fixture the adapter rejects would measure the failure path instead
        FetchResult first = adapter.fetchTicker(symbol);
        if (!(first instanceof FetchResult.Tick)) {
            throw new IllegalStateException(exchange + " did not read its recorded ticker as a tick: " + first);
        }
    }

    @Benchmark
    @ReportedAs("adapter: {exchange} ticker response -> tick")
    public FetchResult parseTicker() {
        return adapter.fetchTicker(symbol);
    }
}
