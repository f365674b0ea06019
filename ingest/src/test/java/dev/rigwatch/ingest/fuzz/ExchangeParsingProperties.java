package dev.rigwatch.ingest.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.events.Candle;
import dev.rigwatch.testing.FixtureMutations;
import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.ingest.CandlesResult;
import dev.rigwatch.ingest.FetchResult;
import dev.rigwatch.ingest.exchange.ExchangeAdapter;
import dev.rigwatch.ingest.exchange.InstrumentRegistry;
import dev.rigwatch.ingest.exchange.binance.BinanceAdapter;
import dev.rigwatch.ingest.exchange.bitstamp.BitstampAdapter;
import dev.rigwatch.ingest.exchange.coinbase.CoinbaseAdapter;
import dev.rigwatch.ingest.exchange.kraken.KrakenAdapter;
import dev.rigwatch.ingest.resilience.TickValidator;
import dev.rigwatch.ingest.resilience.TickVerdict;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every exchange adapter's ticker and candle parsing, fed mutations of the exchange's real fixture (through
 * {@link dev.rigwatch.ingest.http.SourceHttpClient}, as in production): the answer is a tick, candles or a typed
 * {@link FetchResult.Failure}, never an exception; a tick has a positive price and what
 * {@link TickValidator} lets through is below its maximum price; every candle has positive prices with open and
 * close within low and high.
 */
class ExchangeParsingProperties {

    private static final InstrumentRegistry INSTRUMENTS = InstrumentRegistry.load();
    private static final Instant T0 = Instant.ofEpochSecond(1700834400);
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final CannedHttp http = new CannedHttp();

    @Property(seed = FixtureMutations.CI_SEED)
    void coinbaseTicker(@ForAll("coinbaseTickers") byte[] body) {
        checkTicker(body, CoinbaseAdapter::new, "BTC-USD");
    }

    @Property(seed = FixtureMutations.CI_SEED)
    void coinbaseCandles(@ForAll("coinbaseCandles") byte[] body) {
        checkCandles(body, CoinbaseAdapter::new, "BTC-USD");
    }

    @Property(seed = FixtureMutations.CI_SEED)
    void krakenTicker(@ForAll("krakenTickers") byte[] body) {
        checkTicker(body, KrakenAdapter::new, "BTC-USD");
    }

    @Property(seed = FixtureMutations.CI_SEED)
    void krakenCandles(@ForAll("krakenCandles") byte[] body) {
        checkCandles(body, KrakenAdapter::new, "BTC-USD");
    }

    @Property(seed = FixtureMutations.CI_SEED)
    void binanceTicker(@ForAll("binanceTickers") byte[] body) {
        checkTicker(body, BinanceAdapter::new, "BTC-USDT");
    }

    @Property(seed = FixtureMutations.CI_SEED)
    void binanceCandles(@ForAll("binanceCandles") byte[] body) {
        checkCandles(body, BinanceAdapter::new, "BTC-USDT");
    }

    @Property(seed = FixtureMutations.CI_SEED)
    void bitstampTicker(@ForAll("bitstampTickers") byte[] body) {
        checkTicker(body, BitstampAdapter::new, "BTC-USD");
    }

    @Property(seed = FixtureMutations.CI_SEED)
    void bitstampCandles(@ForAll("bitstampCandles") byte[] body) {
        checkCandles(body, BitstampAdapter::new, "BTC-USD");
    }

    @Provide Arbitrary<byte[]> coinbaseTickers() { return mutations("coinbase-ticker-BTC-USD.json"); }
    @Provide Arbitrary<byte[]> coinbaseCandles() { return mutations("coinbase-candles-BTC-USD-60.json"); }
    @Provide Arbitrary<byte[]> krakenTickers() { return mutations("kraken-ticker-XBTUSD.json"); }
    @Provide Arbitrary<byte[]> krakenCandles() { return mutations("kraken-ohlc-XBTUSD-1.json"); }
    @Provide Arbitrary<byte[]> binanceTickers() { return mutations("binance-ticker24hr-BTCUSDT.json"); }
    @Provide Arbitrary<byte[]> binanceCandles() { return mutations("binance-klines-BTCUSDT-1m.json"); }
    @Provide Arbitrary<byte[]> bitstampTickers() { return mutations("bitstamp-ticker-btcusd.json"); }
    @Provide Arbitrary<byte[]> bitstampCandles() { return mutations("bitstamp-ohlc-btcusd-60.json"); }

    private static Arbitrary<byte[]> mutations(String fixture) {
        return FixtureMutations.of(FixtureMutations.fixture(fixture));
    }

    @FunctionalInterface
    interface AdapterFactory {
        ExchangeAdapter create(dev.rigwatch.ingest.http.SourceHttpClient http, String baseUrl, InstrumentRegistry instruments);
    }

    private void checkTicker(byte[] body, AdapterFactory factory, String symbol) {
        ExchangeAdapter adapter = factory.create(http.serve(body).client(), CannedHttp.BASE_URL, INSTRUMENTS);
        FetchResult result = adapter.fetchTicker(symbol);
        if (result instanceof FetchResult.Failure failure) {
            assertThat(failure.reason()).isNotNull();
            assertThat(failure.detail()).isNotBlank();
            return;
        }
        CryptoTick tick = ((FetchResult.Tick) result).tick();
        assertThat(tick.price()).isPositive();
        TickValidator validator = new TickValidator(TickValidator.Settings.defaults()
                .withMaxStaleness(Duration.ofDays(365 * 100)));
        if (validator.validate(tick) instanceof TickVerdict.Valid) {
            assertThat(tick.price()).isPositive().isLessThanOrEqualTo(TickValidator.Settings.DEFAULT_MAX_PRICE);
        }
    }

    private void checkCandles(byte[] body, AdapterFactory factory, String symbol) {
        ExchangeAdapter adapter = factory.create(http.serve(body).client(), CannedHttp.BASE_URL, INSTRUMENTS);
        CandlesResult result = adapter.fetchCandles(symbol, T0, T0.plus(Duration.ofMinutes(3)), MINUTE);
        if (result instanceof FetchResult.Failure failure) {
            assertThat(failure.reason()).isNotNull();
            assertThat(failure.detail()).isNotBlank();
            return;
        }
        for (Candle candle : ((CandlesResult.Candles) result).candles()) {
            for (BigDecimal price : new BigDecimal[] {candle.open(), candle.high(), candle.low(), candle.close()}) {
                assertThat(price).isPositive();
            }
            assertThat(candle.low()).isLessThanOrEqualTo(candle.open().min(candle.close()));
            assertThat(candle.high()).isGreaterThanOrEqualTo(candle.open().max(candle.close()));
        }
    }
}
