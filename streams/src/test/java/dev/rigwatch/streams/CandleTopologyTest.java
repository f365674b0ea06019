package dev.rigwatch.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.rigwatch.events.Candle;
import dev.rigwatch.events.TopicNamespace;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class CandleTopologyTest {

    private static final String BTC = "coinbase:BTC-USD";
    private static final Instant T12_00 = Instant.parse("2026-03-02T12:00:00Z");
    private static final Instant T12_01 = T12_00.plus(Duration.ofMinutes(1));
    private static final Instant T12_02 = T12_00.plus(Duration.ofMinutes(2));

    @TempDir
    Path stateDir;

    private TopologyHarness harness;
    private final ListAppender<ILoggingEvent> lateTickLog = new ListAppender<>();
    private final Logger lateTickLogger =
            (Logger) LoggerFactory.getLogger("dev.rigwatch.streams.candles.LateTickMonitor");

    @BeforeEach
    void setUp() {
        harness = new TopologyHarness(stateDir);
        lateTickLog.start();
        lateTickLogger.addAppender(lateTickLog);
    }

    @AfterEach
    void tearDown() {
        lateTickLogger.detachAppender(lateTickLog);
        harness.close();
    }

    @Test
    void tickAtExactlyTheMinuteBelongsToTheWindowItStarts() {
        harness.tick("coinbase", "BTC-USD", "100.00", T12_01.minusMillis(1));
        harness.tick("coinbase", "BTC-USD", "101.00", T12_01);
        harness.tick("coinbase", "BTC-USD", "102.00", T12_02.plusSeconds(10)); // closes both windows

        assertThat(harness.candles.readRecordsToList())
                .extracting(TestRecord::key, TestRecord::value, TestRecord::getRecordTime)
                .containsExactly(
                        tuple(BTC, candle(BTC, T12_00, "100.00", "100.00", "100.00", "100.00", 1), T12_01),
                        tuple(BTC, candle(BTC, T12_01, "101.00", "101.00", "101.00", "101.00", 1), T12_02));
    }

    @Test
    void openAndCloseFollowEventTimeNotArrivalOrder() {
        harness.tick("coinbase", "BTC-USD", "105", T12_00.plusSeconds(30));
        harness.tick("coinbase", "BTC-USD", "103", T12_00.plusSeconds(50)); // latest event time: close
        harness.tick("coinbase", "BTC-USD", "100", T12_00.plusSeconds(10)); // earliest event time: open
        harness.tick("coinbase", "BTC-USD", "98", T12_00.plusSeconds(40));
        harness.tick("coinbase", "BTC-USD", "107", T12_00.plusSeconds(20));
        harness.tick("coinbase", "BTC-USD", "90", T12_01.plusSeconds(10));

        assertThat(harness.candles.readRecordsToList())
                .extracting(TestRecord::key, TestRecord::value, TestRecord::getRecordTime)
                .containsExactly(tuple(BTC, candle(BTC, T12_00, "100", "107", "98", "103", 5), T12_01));
    }

    @Test
    void candlesOfTheSameSymbolOnDifferentExchangesAreSeparate() {
        harness.tick("coinbase", "BTC-USD", "100", T12_00.plusSeconds(5));
        harness.tick("kraken", "BTC-USD", "99", T12_00.plusSeconds(6));
        harness.tick("coinbase", "BTC-USD", "102", T12_00.plusSeconds(7));
        harness.tick("coinbase", "BTC-USD", "100", T12_01.plusSeconds(10));

        assertThat(harness.candles.readKeyValuesToMap()).containsOnly(
                org.assertj.core.api.Assertions.entry(BTC, candle(BTC, T12_00, "100", "102", "100", "102", 2)),
                org.assertj.core.api.Assertions.entry("kraken:BTC-USD",
                        candle("kraken:BTC-USD", T12_00, "99", "99", "99", "99", 1)));
    }

    @Test
    void noCandleUntilStreamTimeReachesWindowEndPlusGrace() {
        harness.tick("coinbase", "BTC-USD", "100", T12_00.plusSeconds(30));
        harness.tick("coinbase", "BTC-USD", "101", T12_01.plusSeconds(10).minusMillis(1));
        assertThat(harness.candles.isEmpty()).isTrue();

        harness.tick("coinbase", "BTC-USD", "102", T12_01.plusSeconds(10));
        assertThat(harness.candles.readValuesToList())
                .containsExactly(candle(BTC, T12_00, "100", "100", "100", "100", 1));
    }

    @Test
    void lateTickWithinGraceUpdatesTheCandleAndOneAfterItIsDroppedCountedAndLogged() {
        harness.tick("coinbase", "BTC-USD", "100", T12_00.plusSeconds(30));
        harness.tick("coinbase", "BTC-USD", "110", T12_01.plusSeconds(5));
        harness.tick("coinbase", "BTC-USD", "90", T12_00.plusSeconds(45)); // late but within grace
        harness.tick("coinbase", "BTC-USD", "111", T12_01.plusSeconds(10)); // closes [12:00, 12:01)
        harness.tick("coinbase", "BTC-USD", "80", T12_00.plusSeconds(50)); // after grace

        assertThat(harness.candles.readValuesToList())
                .containsExactly(candle(BTC, T12_00, "100", "100", "90", "90", 2));
        assertThat(harness.droppedRecords()).isEqualTo(1.0);
        assertThat(lateTickLog.list)
                .extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
                .containsExactly(tuple(Level.WARN, "Tick of coinbase:BTC-USD at 2026-03-02T12:00:50Z is too late for "
                        + "candle [2026-03-02T12:00:00Z, 2026-03-02T12:01:00Z) that closed at 2026-03-02T12:01:10Z "
                        + "(stream time 2026-03-02T12:01:10Z): dropped; 1 late ticks so far in task 0_0"));
    }

    @Test
    void lateTicksAreLoggedForTheFirstAndThenEveryHundredth() {
        harness.tick("coinbase", "BTC-USD", "100", T12_02);
        for (int i = 0; i < 250; i++) {
            harness.tick("coinbase", "BTC-USD", "99", T12_00.plusMillis(i));
        }

        assertThat(harness.droppedRecords()).isEqualTo(250.0);
        assertThat(lateTickLog.list).extracting(ILoggingEvent::getFormattedMessage)
                .hasSize(3)
                .allSatisfy(line -> assertThat(line).startsWith("Tick of coinbase:BTC-USD at 2026-03-02T12:00:00"))
                .satisfiesExactly(
                        first -> assertThat(first).endsWith(": dropped; 1 late ticks so far in task 0_0"),
                        hundredth -> assertThat(hundredth).endsWith(": dropped; 100 late ticks so far in task 0_0"),
                        twoHundredth -> assertThat(twoHundredth).endsWith(": dropped; 200 late ticks so far in task 0_0"));
    }

    @Test
    void topologyNamesEveryProcessorStoreAndTopic() {
        String description = CryptoTopology.build(StreamsSettings.defaults(), TopicNamespace.PRODUCTION).describe()
                .toString();

        assertThat(description)
                .doesNotContain("KSTREAM-", "KTABLE-")
                .contains("crypto-ticks-source", "candles-price-ticks", "candles-late-tick-monitor",
                        "candles-1m-aggregate", "candles-1m-store", "candles-1m-until-window-closes",
                        "candles-1m-to-candle", "crypto-candles-1m-sink", "rebound-crypto-1m-detector", "rebound-crypto-1m-state",
                        "signals-rebound-crypto-1m-sink");
    }

    static Candle candle(String instrument, Instant start, String open, String high, String low, String close,
                         long ticks) {
        return new Candle(Candle.VERSION, instrument, Duration.ofMinutes(1), start, start.plus(Duration.ofMinutes(1)),
                new BigDecimal(open), new BigDecimal(high), new BigDecimal(low), new BigDecimal(close), null, ticks);
    }
}
