package dev.rigwatch.ingest.exchange;

import dev.rigwatch.ingest.http.SourceHttpClient;
import dev.rigwatch.ingest.exchange.binance.BinanceAdapter;
import dev.rigwatch.ingest.exchange.binance.BinanceInstruments;
import dev.rigwatch.ingest.exchange.bitstamp.BitstampAdapter;
import dev.rigwatch.ingest.exchange.bitstamp.BitstampInstruments;
import dev.rigwatch.ingest.exchange.coinbase.CoinbaseAdapter;
import dev.rigwatch.ingest.exchange.coinbase.CoinbaseInstruments;
import dev.rigwatch.ingest.exchange.kraken.KrakenAdapter;
import dev.rigwatch.ingest.exchange.kraken.KrakenInstruments;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** The exchanges rigwatch reads: each one's id, its adapter, and the defaults for polling it. */
public enum Exchange {

    COINBASE("coinbase", Exchange.COINBASE_URL, List.of("BTC-USD", "ETH-USD"),
            // public limit about 10 requests/s per IP
            Duration.ofSeconds(1),
            // its start and end are both inclusive, so the adapter asks for one window less than the maximum
            CoinbaseAdapter.MAX_CANDLES - 1, CoinbaseAdapter::new, new CoinbaseInstruments()),
    KRAKEN("kraken", Exchange.KRAKEN_URL, List.of("BTC-USD", "ETH-USD"),
            // public limit about 1 request/s: two symbols every 2 s stay at it
            Duration.ofSeconds(2),
            // one OHLC request returns everything Kraken keeps: its newest 720 rows
            720, KrakenAdapter::new, new KrakenInstruments()),
    BINANCE("binance", Exchange.BINANCE_URL, List.of("BTC-USDT", "ETH-USDT"),
            // 6000 request weight per minute; a single-symbol 24hr ticker weighs 2
            Duration.ofSeconds(1), BinanceAdapter.MAX_CANDLES, BinanceAdapter::new, new BinanceInstruments()),
    BITSTAMP("bitstamp", Exchange.BITSTAMP_URL, List.of("BTC-USD", "ETH-USD"),
            // 400 requests/s, 8000 per 10 minutes
            Duration.ofSeconds(1), BitstampAdapter.MAX_CANDLES, BitstampAdapter::new, new BitstampInstruments());

    public static final String COINBASE_URL = "https://api.exchange.coinbase.com";
    public static final String KRAKEN_URL = "https://api.kraken.com";
    /** Binance's global API; US users are served by {@code https://api.binance.us}. */
    public static final String BINANCE_URL = "https://api.binance.com";
    public static final String BITSTAMP_URL = "https://www.bitstamp.net";

    /** Builds an exchange's adapter. */
    @FunctionalInterface
    interface AdapterFactory {
        ExchangeAdapter create(SourceHttpClient http, String baseUrl, InstrumentLookup instruments);
    }

    private final String id;
    private final String defaultBaseUrl;
    private final List<String> defaultSymbols;
    private final Duration defaultInterval;
    private final int candlesPerRequest;
    private final AdapterFactory factory;
    private final InstrumentListing instruments;

    Exchange(String id, String defaultBaseUrl, List<String> defaultSymbols, Duration defaultInterval,
             int candlesPerRequest, AdapterFactory factory, InstrumentListing instruments) {
        this.id = id;
        this.defaultBaseUrl = defaultBaseUrl;
        this.defaultSymbols = defaultSymbols;
        this.defaultInterval = defaultInterval;
        this.candlesPerRequest = candlesPerRequest;
        this.factory = factory;
        this.instruments = instruments;
    }

    /** The exchange with this id; an unknown id fails listing the known ones. */
    public static Exchange of(String id) {
        return Arrays.stream(values()).filter(e -> e.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown exchange '" + id + "'; rigwatch reads "
                        + Arrays.stream(values()).map(Exchange::id).toList()));
    }

    /** The lower-case id used in ticks, instruments ({@code kraken:BTC-USD}), rejects and meters. */
    public String id() {
        return id;
    }

    /** The exchange's public API. */
    public String defaultBaseUrl() {
        return defaultBaseUrl;
    }

    /** Bitcoin and ether in the exchange's dollar quote (USDT on Binance). */
    public List<String> defaultSymbols() {
        return defaultSymbols;
    }

    /** The pause between two polls of one symbol that keeps the exchange's default symbols within its public limit. */
    public Duration defaultInterval() {
        return defaultInterval;
    }

    /** How many windows one history request covers: the adapter's page. */
    public int candlesPerRequest() {
        return candlesPerRequest;
    }

    /** The exchange's own endpoint of the instruments it lists. */
    public InstrumentListing instruments() {
        return instruments;
    }

    /**
     * The adapter for this exchange at {@code baseUrl} (the real API, or the simulator's).
     *
     * @param http        the shared client, timeouts and clock
     * @param instruments what the exchange calls each symbol
     */
    public ExchangeAdapter adapter(SourceHttpClient http, String baseUrl, InstrumentLookup instruments) {
        return factory.create(http, baseUrl, instruments);
    }
}
