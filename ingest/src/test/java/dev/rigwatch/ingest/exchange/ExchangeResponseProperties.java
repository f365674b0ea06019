package dev.rigwatch.ingest.exchange;

import static dev.rigwatch.ingest.fuzz.Fuzzing.assertPlausiblePrice;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.events.Candle;
import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.ingest.CandlesResult;
import dev.rigwatch.ingest.FetchResult;
import dev.rigwatch.ingest.fuzz.CannedHttp;
import dev.rigwatch.ingest.resilience.TickValidator;
import dev.rigwatch.ingest.resilience.TickVerdict;
import dev.rigwatch.testing.FixtureMutations;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;

/**
 * Every exchange adapter's ticker and candle reading, fed damaged copies of the exchanges' real responses: whatever
 * arrives, an adapter answers with a tick, candles or a typed {@link FetchResult.Failure} (it never throws), and
 * nothing it answers carries a price that is not positive or is absurd. A tick is judged by the
 * {@link TickValidator} the poller uses before producing it; candles are not validated after the adapter, so the
 * adapter itself must keep them sound.
 */
class ExchangeResponseProperties {

    /** One adapter under test with the fixtures and the request its properties make. */
    private record Venue(Exchange exchange, String symbol, String ticker, String candles) {
    }

    private static final List<Venue> VENUES = List.of(
            new Venue(Exchange.COINBASE, "BTC-USD", "coinbase-ticker-BTC-USD.json", "coinbase-candles-BTC-USD-60.json"),
            new Venue(Exchange.KRAKEN, "BTC-USD", "kraken-ticker-XBTUSD.json", "kraken-ohlc-XBTUSD-1.json"),
            new Venue(Exchange.BINANCE, "BTC-USDT", "binance-ticker24hr-BTCUSDT.json", "binance-klines-BTCUSDT-1m.json"),
            new Venue(Exchange.BITSTAMP, "BTC-USD", "bitstamp-ticker-btcusd.json", "bitstamp-ohlc-btcusd-60.json"));
    /** The fixtures' candles start here, a minute apart. */
    private static final Instant T0 = Instant.ofEpochSecond(1700834400);
    private static final Duration MINUTE = Duration.ofMinutes(1);
    /** Statuses a damaged body may come with: mostly success, and the ones that route to the error readers. */
    private static final Arbitrary<Integer> STATUS = Arbitraries.frequencyOf(
            Tuple.of(8, Arbitraries.just(200)), Tuple.of(1, Arbitraries.of(400, 404)),
            Tuple.of(1, Arbitraries.of(418, 429, 500, 302)));

    private final CannedHttp http = new CannedHttp();
    private final InstrumentRegistry instruments = InstrumentRegistry.load();

    /** Each adapter's ticker (about 250 tries for each of the four). */
    @Property(tries = 1000, seed = FixtureMutations.CI_SEED)
    void tickers(@ForAll("tickerBodies") Tuple2<Venue, byte[]> body, @ForAll("statuses") int status) {
        Statistics.label("exchange").collect(body.get1().exchange());
        ticker(body.get1(), status, body.get2());
    }

    /** Each adapter's candles or OHLC (about 250 tries for each of the four). */
    @Property(tries = 1000, seed = FixtureMutations.CI_SEED)
    void candles(@ForAll("candleBodies") Tuple2<Venue, byte[]> body, @ForAll("statuses") int status) {
        Statistics.label("exchange").collect(body.get1().exchange());
        candles(body.get1(), status, body.get2());
    }

    /** Every prefix of every exchange fixture (a body cut off at each byte), each through its adapter. */
    @Property(generation = GenerationMode.EXHAUSTIVE, seed = FixtureMutations.CI_SEED)
    void everyPrefixOfEveryFixture(@ForAll @IntRange(min = 0, max = 560) int length) {
        for (Venue venue : VENUES) {
            ticker(venue, 200, FixtureMutations.prefix(FixtureMutations.fixture(venue.ticker()), length));
            candles(venue, 200, FixtureMutations.prefix(FixtureMutations.fixture(venue.candles()), length));
        }
    }

    private void ticker(Venue venue, int status, byte[] body) {
        http.answer(status, body);
        FetchResult result = adapter(venue).fetchTicker(venue.symbol());
        if (result instanceof FetchResult.Failure failure) {
            assertTypedFailure(failure);
            Statistics.label("outcome").collect("failure " + failure.reason().code());
            return;
        }
        CryptoTick tick = ((FetchResult.Tick) result).tick();
        assertThat(tick.symbol()).isEqualTo(venue.symbol());
        // a fresh validator: the first tick of its instrument, judged by itself; its times may be any
        TickVerdict verdict = new TickValidator(TickValidator.Settings.defaults()
                .withMaxStaleness(ChronoUnit.FOREVER.getDuration())).validate(tick);
        if (verdict instanceof TickVerdict.Valid) {
            assertPlausiblePrice("price", tick.price());
            if (tick.bid() != null) {
                assertPlausiblePrice("bid", tick.bid());
            }
            if (tick.ask() != null) {
                assertPlausiblePrice("ask", tick.ask());
            }
        }
        if (tick.volume24h() != null) {
            assertThat(tick.volume24h().signum()).as("volume").isNotNegative();
        }
        Statistics.label("outcome").collect(verdict instanceof TickVerdict.Invalid invalid
                ? "tick rejected " + invalid.reasonCode() : "tick valid");
    }

    private void candles(Venue venue, int status, byte[] body) {
        http.answer(status, body);
        CandlesResult result = adapter(venue).fetchCandles(venue.symbol(), T0, T0.plus(Duration.ofMinutes(3)), MINUTE);
        if (result instanceof FetchResult.Failure failure) {
            assertTypedFailure(failure);
            Statistics.label("outcome").collect("failure " + failure.reason().code());
            return;
        }
        List<Candle> candles = ((CandlesResult.Candles) result).candles();
        for (Candle candle : candles) {
            assertSoundCandle(candle);
        }
        Statistics.label("outcome").collect(candles.size() + " candles");
    }

    static void assertSoundCandle(Candle candle) {
        assertPlausiblePrice("open", candle.open());
        assertPlausiblePrice("high", candle.high());
        assertPlausiblePrice("low", candle.low());
        assertPlausiblePrice("close", candle.close());
        assertThat(candle.low()).isLessThanOrEqualTo(candle.open().min(candle.close()));
        assertThat(candle.high()).isGreaterThanOrEqualTo(candle.open().max(candle.close()));
        if (candle.volume() != null) {
            assertThat(candle.volume().signum()).as("volume").isNotNegative();
        }
        assertThat(candle.windowEnd()).isAfter(candle.windowStart());
    }

    private static void assertTypedFailure(FetchResult.Failure failure) {
        assertThat(failure.reason()).isNotNull();
        assertThat(failure.detail()).isNotNull();
        // a detail is a sentence for a reject and a log line, not a copy of a huge number
        assertThat(failure.detail().length()).as("detail length").isLessThan(10_000);
    }

    private ExchangeAdapter adapter(Venue venue) {
        return venue.exchange().adapter(http.client(), "http://exchange.test/", instruments);
    }

    @Provide
    Arbitrary<Integer> statuses() {
        return STATUS;
    }

    @Provide
    Arbitrary<Tuple2<Venue, byte[]>> tickerBodies() {
        return bodies(Venue::ticker);
    }

    @Provide
    Arbitrary<Tuple2<Venue, byte[]>> candleBodies() {
        return bodies(Venue::candles);
    }

    /** Any venue with a damaged copy of its fixture; each venue's mutations are made once, not on every try. */
    private static Arbitrary<Tuple2<Venue, byte[]>> bodies(java.util.function.Function<Venue, String> fixture) {
        java.util.Map<Venue, Arbitrary<byte[]>> mutations = new java.util.LinkedHashMap<>();
        for (Venue venue : VENUES) {
            mutations.put(venue, FixtureMutations.of(FixtureMutations.fixture(fixture.apply(venue))));
        }
        // without edge cases: they would favour the first and last venue (42 % and 24 % of the tries, measured)
        return Arbitraries.of(VENUES).withoutEdgeCases()
                .flatMap(venue -> mutations.get(venue).map(body -> Tuple.of(venue, body)));
    }
}
