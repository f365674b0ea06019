package dev.rigwatch.streams.candles;

import static dev.rigwatch.streams.candles.RollUpTopologyTest.candle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rigwatch.events.Candle;
import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.TimeSource;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.kafka.StreamsStage;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ticks through the 1-minute candles into the roll-ups, as the crypto topology wires them: tick grace 10 s, roll-up grace 2 min. */
class CandleCascadeTopologyTest {

    private static final String BTC = "coinbase:BTC-USD";
    private static final Instant T12_00 = Instant.parse("2026-03-02T12:00:00Z");
    private static final Instant T13_00 = Instant.parse("2026-03-02T13:00:00Z");

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, CryptoTick> ticks;
    private TestOutputTopic<String, Candle> hours;
    private TestOutputTopic<String, Candle> live;

    @BeforeEach
    void setUp() {
        StreamsBuilder builder = new StreamsBuilder();
        TopicNamespace ns = TopicNamespace.PRODUCTION;
        CandleRollUps.addTo(Candles.addTo(ValidTicks.addTo(builder, ns), ns, Duration.ofSeconds(10)), ns,
                CandleRollUps.DEFAULT_GRACE);
        driver = new TopologyTestDriver(builder.build(),
                StreamsStage.properties("localhost:9", "rigwatch-cascade-test", stateDir, Duration.ofMillis(100),
                        TopicNamespace.PRODUCTION));
        ticks = driver.createInputTopic(Topics.CRYPTO_TICKS.name(), Topics.CRYPTO_TICKS.keySerde().serializer(),
                Topics.CRYPTO_TICKS.valueSerde().serializer());
        hours = output(Topics.CRYPTO_CANDLES_1H);
        live = output(Topics.CRYPTO_CANDLES_LIVE);
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    @Test
    void hourOfTickCandlesClosesOnceTheMinuteStartingTwoMinutesAfterItHasClosed() {
        for (int i = 0; i < 60; i++) {
            tick(Integer.toString(100 + i), T12_00.plus(Duration.ofMinutes(i)).plusSeconds(30));
        }
        tick("1", T13_00.plus(Duration.ofMinutes(2)).plusSeconds(30)); // closes [13:01, 13:02): roll-up time 13:01
        assertThat(hours.isEmpty()).isTrue();

        tick("1", T13_00.plus(Duration.ofMinutes(3)).plusSeconds(10)); // closes [13:02, 13:03): roll-up time 13:02

        assertThat(hours.readRecordsToList())
                .extracting(TestRecord::key, TestRecord::value, TestRecord::getRecordTime)
                .containsExactly(tuple(BTC, candle(Duration.ofHours(1), T12_00, "100", "159", "100", "159", null, 60),
                        T13_00));
    }

    @Test
    void liveTopicGetsEachTickOfTheFormingMinuteAndTheHourAndDayAsEachMinuteCloses() {
        tick("100", T12_00.plusSeconds(10));
        tick("101", T12_00.plusSeconds(40));
        tick("99", T12_00.plusSeconds(20)); // out of order: the update keeps the latest tick time
        tick("102", T12_00.plusSeconds(75)); // past 12:01 + 10 s grace: closes [12:00, 12:01)

        Instant day = Instant.parse("2026-03-02T00:00:00Z");
        Instant t12_01 = T12_00.plusSeconds(60);
        assertThat(live.readRecordsToList())
                .extracting(TestRecord::value, TestRecord::getRecordTime)
                .containsExactly(
                        tuple(oneMinute(T12_00, "100", "100", "100", "100", 1), T12_00.plusSeconds(10)),
                        tuple(oneMinute(T12_00, "100", "101", "100", "101", 2), T12_00.plusSeconds(40)),
                        tuple(oneMinute(T12_00, "100", "101", "99", "101", 3), T12_00.plusSeconds(40)),
                        tuple(oneMinute(t12_01, "102", "102", "102", "102", 1), T12_00.plusSeconds(75)),
                        tuple(candle(Duration.ofHours(1), T12_00, "100", "101", "99", "101", null, 3), t12_01),
                        tuple(candle(Duration.ofDays(1), day, "100", "101", "99", "101", null, 3), t12_01));
    }

    private static Candle oneMinute(Instant start, String open, String high, String low, String close, long ticks) {
        return candle(Duration.ofMinutes(1), start, open, high, low, close, null, ticks);
    }

    private void tick(String price, Instant at) {
        CryptoTick tick = new CryptoTick(CryptoTick.VERSION, "coinbase", "BTC-USD", new BigDecimal(price), null, null,
                null, null, at, at.plusMillis(150), TimeSource.EXCHANGE);
        ticks.pipeInput(tick.key(), tick, at);
    }

    private TestOutputTopic<String, Candle> output(Topic<String, Candle> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    }
}
