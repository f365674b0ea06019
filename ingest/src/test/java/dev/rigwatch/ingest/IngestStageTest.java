package dev.rigwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.rigwatch.broker.testing.SharedKafka;
import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.Topics;
import dev.rigwatch.ingest.exchange.AdapterTestBase;
import dev.rigwatch.ingest.exchange.InstrumentRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import dev.rigwatch.ingest.resilience.TickValidator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class IngestStageTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void aSymbolItsExchangeDoesNotListIsLeftOutCountedAndTheOthersArePolled() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        List<ExchangeSettings> polled = UnlistedSymbols.listedOnly(List.of(
                ExchangeSettings.defaults("coinbase"),
                ExchangeSettings.defaults("binance").withSymbols(List.of("BTC-USDT", "BTC-USD", "DOGE-USDT")),
                ExchangeSettings.defaults("bitstamp").withSymbols(List.of("PEPE-USD"))), InstrumentRegistry.load(),
                meters);

        assertThat(polled).extracting(ExchangeSettings::exchange, ExchangeSettings::symbols).containsExactly(
                tuple("coinbase", List.of("BTC-USD", "ETH-USD")), tuple("binance", List.of("BTC-USDT")));
        assertThat(meters.get("symbols.unlisted").tag("source", "binance").counter().count()).isEqualTo(2);
        assertThat(meters.get("symbols.unlisted").tag("source", "bitstamp").counter().count()).isEqualTo(1);
    }

    @Test
    void noRequestedSymbolListedFailsTheStartNamingCloseMatches() throws IOException {
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return request.getTarget().equals("/0/public/AssetPairs")
                            ? AdapterTestBase.json(200, AdapterTestBase.fixture("kraken-assetpairs.json"))
                            : AdapterTestBase.json(404, "{\"error\":[\"EGeneral:Unknown method\"]}");
                }
            });
            server.start();
            IngestSettings settings = IngestSettings.defaults().withExchanges(List.of(
                    ExchangeSettings.defaults("kraken").withBaseUrl(server.url("/").toString())
                            .withSymbols(List.of("BTC-USTD", "DOGE-EUR"))));

            // no broker is needed: nothing starts before the check
            assertThatThrownBy(() -> IngestStage.start("127.0.0.1:1", settings, new SimpleMeterRegistry(), Clock.systemUTC()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("no requested symbol is listed: kraken does not list BTC-USTD; close matches: BTC-USDT, "
                            + "BTC-USD. kraken does not list DOGE-EUR; no close matches among its 7 instruments");
        }
    }

    @Test
    void pollsEveryConfiguredExchangeIntoKafka() throws IOException {
        // each exchange's real ticker, at the path its adapter asks for BTC
        Map<String, String> tickers = Map.of(
                "/products/BTC-USD/ticker", AdapterTestBase.fixture("coinbase-ticker-BTC-USD.json"),
                "/0/public/Ticker?pair=XBTUSD", AdapterTestBase.fixture("kraken-ticker-XBTUSD.json"),
                "/api/v3/ticker/24hr?symbol=BTCUSDT", AdapterTestBase.fixture("binance-ticker24hr-BTCUSDT.json"),
                "/api/v2/ticker/btcusd/", AdapterTestBase.fixture("bitstamp-ticker-btcusd.json"));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Instant testStart = Instant.now();
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    String body = tickers.get(request.getTarget());
                    return body == null ? AdapterTestBase.json(404, "{\"message\":\"NotFound\"}")
                            : AdapterTestBase.json(200, body);
                }
            });
            server.start();
            // the fixtures were recorded in 2023: their trade times are years behind our receipt of them
            IngestSettings settings = IngestSettings.defaults().withBaseUrl(server.url("/").toString())
                    .withInterval(Duration.ofMillis(100))
                    .withValidation(TickValidator.Settings.defaults().withMaxStaleness(Duration.ofDays(3650)));
            // a mistyped Bitstamp symbol is left out, not the end of the worker; the listings are not served
            // (404): every exchange falls back to the bundled snapshot
            settings = settings.withExchanges(settings.exchanges().stream()
                    .map(e -> e.withSymbols(e.exchange().equals("bitstamp") ? List.of("BTC-USD", "BTC-USTD")
                            : e.symbols().subList(0, 1)))
                    .toList());

            try (IngestStage stage = IngestStage.start(SharedKafka.bootstrapServers(), settings, meters,
                    Clock.systemUTC())) {
                Await.until("a tick from every exchange", WAIT,
                        () -> List.of("coinbase", "kraken", "binance", "bitstamp").stream().allMatch(source ->
                                meters.get("ticks.produced").tag("source", source).functionCounter().count() >= 1),
                        stage::stats);
                assertThat(stage.stats().pollsFailed()).isZero();
                assertThat(stage.polled()).filteredOn(e -> e.exchange().equals("bitstamp"))
                        .singleElement().extracting(ExchangeSettings::symbols).isEqualTo(List.of("BTC-USD"));
                assertThat(meters.get("symbols.unlisted").tag("source", "bitstamp").counter().count()).isEqualTo(1);
                assertThat(meters.get("instruments.listing.failed").tag("source", "kraken").tag("reason", "http-4xx")
                        .counter().count()).isEqualTo(1);
            }
        }

        Map<String, String> priceByKey = Map.of("coinbase:BTC-USD", "37412.83", "kraken:BTC-USD", "37415.10000",
                "binance:BTC-USDT", "37412.83000000", "bitstamp:BTC-USD", "37413");
        for (Map.Entry<String, String> expected : priceByKey.entrySet()) {
            List<CryptoTick> ticks = SharedKafka.consume(Topics.CRYPTO_TICKS,
                            r -> r.key().equals(expected.getKey()) && !r.value().receivedTime().isBefore(testStart), 1, WAIT)
                    .stream()
                    .peek(r -> assertThat(r.timestamp()).isEqualTo(r.value().eventTime().toEpochMilli()))
                    .map(ConsumerRecord::value)
                    .toList();
            assertThat(ticks).as(expected.getKey()).isNotEmpty()
                    .allSatisfy(tick -> assertThat(tick.price()).isEqualTo(new BigDecimal(expected.getValue())));
            // a repeated trade (its id, or Bitstamp's time and price) is no new tick; Kraken's ticker has neither
            // trade id nor time, so each of its polls is one
            if (!expected.getKey().startsWith("kraken:")) {
                assertThat(ticks).as(expected.getKey()).hasSize(1);
            }
        }
    }
}
