package dev.rigwatch.streams.prices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rigwatch.events.ConsolidatedPrice;
import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.TimeSource;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.kafka.StreamsStage;
import dev.rigwatch.streams.candles.ValidTicks;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cross-exchange price from ticks, with exchanges stale after the default 2 minutes. */
class ConsolidatedPriceTopologyTest {

    private static final Instant T12_00 = Instant.parse("2026-03-02T12:00:00Z");

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, CryptoTick> ticks;
    private TestOutputTopic<String, ConsolidatedPrice> prices;

    @BeforeEach
    void setUp() {
        StreamsBuilder builder = new StreamsBuilder();
        ConsolidatedPrices.addTo(ValidTicks.addTo(builder, TopicNamespace.PRODUCTION), TopicNamespace.PRODUCTION,
                PriceSettings.defaults());
        driver = new TopologyTestDriver(builder.build(),
                StreamsStage.properties("localhost:9", "rigwatch-prices-test", stateDir, Duration.ofMillis(100),
                        TopicNamespace.PRODUCTION));
        ticks = driver.createInputTopic(Topics.CRYPTO_TICKS.name(), Topics.CRYPTO_TICKS.keySerde().serializer(),
                Topics.CRYPTO_TICKS.valueSerde().serializer());
        Topic<String, ConsolidatedPrice> out = Topics.CRYPTO_PRICES;
        prices = driver.createOutputTopic(out.name(), out.keySerde().deserializer(), out.valueSerde().deserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    @Test
    void everyTickEmitsTheMedianOfTheExchangesLatestStampedWithTheNewestOfThem() {
        tick("coinbase", "BTC-USD", "96.00", T12_00.plusSeconds(10));
        tick("kraken", "BTC-USD", "104.00", T12_00.plusSeconds(30));
        tick("binance", "BTC-USD", "100.00", T12_00.plusSeconds(20)); // arrives last, but kraken's is newer

        assertThat(prices.readRecordsToList())
                .extracting(TestRecord::key, TestRecord::value, TestRecord::getRecordTime)
                .containsExactly(
                        tuple("BTC-USD", price("BTC-USD", T12_00.plusSeconds(10), "96.00", "96.00", "96.00", 0.0,
                                Map.of("coinbase", "96.00")), T12_00.plusSeconds(10)),
                        tuple("BTC-USD", price("BTC-USD", T12_00.plusSeconds(30), "100.00", "96.00", "104.00", 8.0,
                                Map.of("coinbase", "96.00", "kraken", "104.00")), T12_00.plusSeconds(30)),
                        tuple("BTC-USD", price("BTC-USD", T12_00.plusSeconds(30), "100.00", "96.00", "104.00", 8.0,
                                Map.of("coinbase", "96.00", "kraken", "104.00", "binance", "100.00")),
                                T12_00.plusSeconds(30)));
    }

    @Test
    void medianOfFourExchangesIsTheMeanOfTheMiddleTwo() {
        tick("coinbase", "BTC-USD", "105.00", T12_00);
        tick("kraken", "BTC-USD", "99.50", T12_00.plusSeconds(1));
        tick("bitstamp", "BTC-USD", "95.00", T12_00.plusSeconds(2));
        tick("binance", "BTC-USD", "100.50", T12_00.plusSeconds(3));

        assertThat(lastPrice()).isEqualTo(price("BTC-USD", T12_00.plusSeconds(3), "100.00", "95.00", "105.00", 10.0,
                Map.of("coinbase", "105.00", "kraken", "99.50", "bitstamp", "95.00", "binance", "100.50")));
    }

    @Test
    void evenMedianKeepsTheInputScaleAndTakesOneMoreDigitOnlyWhenHalvingNeedsIt() {
        tick("coinbase", "BTC-USD", "100.00", T12_00);
        tick("kraken", "BTC-USD", "101.00", T12_00);
        tick("coinbase", "ETH-USD", "99.99", T12_00);
        tick("kraken", "ETH-USD", "100.00", T12_00);

        assertThat(prices.readKeyValuesToMap()).satisfies(latest -> {
            assertThat(latest.get("BTC-USD").median()).isEqualTo(new BigDecimal("100.50"));
            // the spread to 16 significant digits: 100 / 100.5 = 0.99502487562189054..., 1 / 99.995 = 0.010000500025001250...
            assertThat(latest.get("BTC-USD").spreadPct()).isEqualTo(0.9950248756218905);
            assertThat(latest.get("ETH-USD").median()).isEqualTo(new BigDecimal("99.995"));
            assertThat(latest.get("ETH-USD").spreadPct()).isEqualTo(0.01000050002500125);
        });
    }

    @Test
    void exchangeWhoseLatestTickIsMoreThanTwoMinutesOlderThanTheCurrentOneIsLeftOut() {
        tick("coinbase", "BTC-USD", "100", T12_00);
        tick("kraken", "BTC-USD", "102", T12_00.plusSeconds(60));
        tick("binance", "BTC-USD", "104", T12_00.plusSeconds(120)); // coinbase's is exactly 2 min older: still in
        assertThat(lastPrice().latest()).containsOnlyKeys("coinbase", "kraken", "binance");

        tick("binance", "BTC-USD", "106", T12_00.plusSeconds(120).plusMillis(1));

        assertThat(lastPrice()).isEqualTo(price("BTC-USD", T12_00.plusSeconds(120).plusMillis(1), "104", "102", "106",
                3.846153846153846, Map.of("kraken", "102", "binance", "106"))); // 400 / 104 = 3.8461538461538461538...
    }

    @Test
    void tickOlderThanTheExchangesStoredOneIsIgnored() {
        tick("kraken", "BTC-USD", "100", T12_00.plusSeconds(30));
        prices.readValuesToList();

        tick("kraken", "BTC-USD", "90", T12_00.plusSeconds(20));
        assertThat(prices.isEmpty()).isTrue();

        tick("coinbase", "BTC-USD", "102", T12_00.plusSeconds(25));
        assertThat(lastPrice()).isEqualTo(price("BTC-USD", T12_00.plusSeconds(30), "101", "100", "102",
                1.98019801980198, Map.of("kraken", "100", "coinbase", "102"))); // 200 / 101 = 1.9801980198019801980...
    }

    @Test
    void usdtPairsAreTheirOwnSymbolAndNeverMixWithUsd() {
        tick("coinbase", "BTC-USD", "100", T12_00);
        tick("binance", "BTC-USDT", "101", T12_00.plusSeconds(1));

        assertThat(prices.readKeyValuesToList())
                .extracting(kv -> kv.key, kv -> kv.value.latest())
                .containsExactly(
                        tuple("BTC-USD", Map.of("coinbase", new BigDecimal("100"))),
                        tuple("BTC-USDT", Map.of("binance", new BigDecimal("101"))));
    }

    private ConsolidatedPrice lastPrice() {
        List<ConsolidatedPrice> all = prices.readValuesToList();
        return all.get(all.size() - 1);
    }

    private void tick(String exchange, String symbol, String price, Instant at) {
        CryptoTick tick = new CryptoTick(CryptoTick.VERSION, exchange, symbol, new BigDecimal(price), null, null,
                null, null, at, at.plusMillis(150), TimeSource.EXCHANGE);
        ticks.pipeInput(tick.key(), tick, at);
    }

    private static ConsolidatedPrice price(String symbol, Instant at, String median, String low, String high,
                                           double spreadPct, Map<String, String> latest) {
        Map<String, BigDecimal> exact = new HashMap<>();
        latest.forEach((exchange, price) -> exact.put(exchange, new BigDecimal(price)));
        return new ConsolidatedPrice(ConsolidatedPrice.VERSION, symbol, at, new BigDecimal(median),
                new BigDecimal(low), new BigDecimal(high), spreadPct, exact);
    }
}
