package dev.rigwatch.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rigwatch.events.ReboundSignal;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rebound rule with the default thresholds (D = 10 %, R = 5 %), driven by ticks: minute i gets one tick, so
 * candle i closes at that price; the tick of minute i + 1 (30 s in, past the 10 s grace) closes candle i.
 */
class ReboundTopologyTest {

    private static final String BTC = "coinbase:BTC-USD";
    private static final Instant T12_00 = Instant.parse("2026-03-02T12:00:00Z");

    @TempDir
    Path stateDir;

    private TopologyHarness harness;
    private int minute;

    @BeforeEach
    void setUp() {
        harness = new TopologyHarness(stateDir);
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    @Test
    void reboundFiresOnceAfterRecoveryConfirmed() {
        // 93.6 is exactly 10 % below the peak 104 and 96.6 exactly 5 % above the trough 92: both thresholds inclusive
        closes("100", "104", "98", "93.6", "92", "95", "96.6");

        assertThat(harness.signals.readRecordsToList())
                .extracting(TestRecord::key, TestRecord::value, TestRecord::getRecordTime)
                .containsExactly(tuple(BTC, new ReboundSignal(ReboundSignal.VERSION, BTC,
                        new BigDecimal("104"), endOfMinute(1), new BigDecimal("92"), endOfMinute(4),
                        new BigDecimal("96.6"), endOfMinute(6), 11.5385, 5.0, 10.0, 5.0), endOfMinute(6)));
    }

    @Test
    void recoveryContinuingUpwardDoesNotFireAgain() {
        closes("100", "104", "98", "93.6", "92", "95", "96.6", "99", "103", "108", "115", "121");

        assertThat(harness.signals.readValuesToList()).extracting(ReboundSignal::price)
                .containsExactly(new BigDecimal("96.6"));
    }

    @Test
    void dipSmallerThanDrawdownAfterASignalDoesNotRearm() {
        // after the signal at 96.6 the peak restarts there: 87 is 9.94 % below it, so 92 (5.7 % up) is no rebound
        closes("100", "104", "93.6", "92", "96.6", "87", "92");

        assertThat(harness.signals.readValuesToList()).extracting(ReboundSignal::price)
                .containsExactly(new BigDecimal("96.6"));
    }

    @Test
    void secondFullDrawdownAndRecoveryFiresASecondSignal() {
        closes("100", "104", "93.6", "92", "96.6", "110", "99", "103.95");

        assertThat(harness.signals.readValuesToList()).containsExactly(
                new ReboundSignal(ReboundSignal.VERSION, BTC,
                        new BigDecimal("104"), endOfMinute(1), new BigDecimal("92"), endOfMinute(3),
                        new BigDecimal("96.6"), endOfMinute(4), 11.5385, 5.0, 10.0, 5.0),
                new ReboundSignal(ReboundSignal.VERSION, BTC,
                        new BigDecimal("110"), endOfMinute(5), new BigDecimal("99"), endOfMinute(6),
                        new BigDecimal("103.95"), endOfMinute(7), 10.0, 5.0, 10.0, 5.0));
    }

    @Test
    void drawdownSmallerThanThresholdNeverArms() {
        // 90.01 is 9.99 % below the peak
        closes("100", "90.01", "95", "100", "94.6");

        assertThat(harness.signals.isEmpty()).isTrue();
        assertThat(harness.candles.readValuesToList()).hasSize(5);
    }

    @Test
    void instrumentsAreWatchedIndependently() {
        List<String> btc = List.of("100", "90", "94.5");
        List<String> eth = List.of("50", "51", "52");
        for (int i = 0; i < btc.size(); i++) {
            harness.tick("coinbase", "BTC-USD", btc.get(i), minuteTick(i));
            harness.tick("coinbase", "ETH-USD", eth.get(i), minuteTick(i));
        }
        harness.tick("coinbase", "BTC-USD", "94.5", minuteTick(btc.size()));

        assertThat(harness.signals.readKeyValuesToList()).extracting(kv -> kv.key, kv -> kv.value.trough())
                .containsExactly(tuple(BTC, new BigDecimal("90")));
    }

    /** One candle per minute closing at each price, all closed by a last tick. */
    private void closes(String... prices) {
        for (String price : prices) {
            harness.tick("coinbase", "BTC-USD", price, minuteTick(minute++));
        }
        harness.tick("coinbase", "BTC-USD", prices[prices.length - 1], minuteTick(minute));
    }

    private static Instant minuteTick(int minute) {
        return T12_00.plus(Duration.ofMinutes(minute)).plusSeconds(30);
    }

    private static Instant endOfMinute(int minute) {
        return T12_00.plus(Duration.ofMinutes(minute + 1));
    }
}
