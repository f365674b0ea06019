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
 * The rebound rule on 1-minute candles with the default settings (D = 10 %, R = 5 %, N = 2, lookback 90 minutes),
 * driven by ticks through the whole crypto topology: minute i gets one tick, so candle i closes at that price; the tick
 * of minute i + 1 (30 s in, past the 10 s grace) closes candle i.
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
    void reboundFiresOnceOnTheSecondCloseThatHoldsTheRecovery() {
        // 93.6 is exactly 10 % below the peak 104 and 96.6 exactly 5 % above the trough 92: both thresholds inclusive
        closes("100", "104", "98", "93.6", "92", "95", "96.6", "97");

        assertThat(harness.signals.readRecordsToList())
                .extracting(TestRecord::key, TestRecord::value, TestRecord::getRecordTime)
                .containsExactly(tuple(BTC, new ReboundSignal(ReboundSignal.VERSION, BTC, ReboundSignal.CRYPTO,
                        Duration.ofMinutes(1), new BigDecimal("104"), endOfMinute(1), new BigDecimal("92"),
                        endOfMinute(4), new BigDecimal("97"), endOfMinute(7), endOfMinute(6), endOfMinute(7),
                        11.5385, 5.4348, 2, 0.3135, new ReboundSignal.Thresholds(10, 5, 2, 90)), endOfMinute(7)));
    }

    @Test
    void aOneMinuteSpikeIsNoRecovery() {
        // 97 is 5.4 % above the trough but the next close falls back below 96.6; the recovery only counts once held
        closes("100", "104", "93.6", "92", "97", "94", "95", "96.6", "98");

        assertThat(harness.signals.readValuesToList())
                .extracting(ReboundSignal::price, ReboundSignal::confirmedWindowStart, ReboundSignal::confirmations)
                .containsExactly(tuple(new BigDecimal("98"), endOfMinute(7), 2));
    }

    @Test
    void recoveryContinuingUpwardDoesNotFireAgain() {
        closes("100", "104", "93.6", "92", "96.6", "97", "99", "103", "108", "115", "121");

        assertThat(harness.signals.readValuesToList()).extracting(ReboundSignal::price)
                .containsExactly(new BigDecimal("97"));
    }

    @Test
    void dipSmallerThanDrawdownAfterASignalDoesNotRearm() {
        // after the signal at 97 the peak restarts there: 87.4 is 9.9 % below it, so 92 and 93 (5.3 and 6.4 % up) are
        // no rebound, though 87.4 lies 16 % below the old peak 104, still within the lookback
        closes("100", "104", "93.6", "92", "96.6", "97", "87.4", "92", "93");

        assertThat(harness.signals.readValuesToList()).extracting(ReboundSignal::price)
                .containsExactly(new BigDecimal("97"));
    }

    @Test
    void secondFullDrawdownAndRecoveryFiresASecondSignal() {
        closes("100", "104", "93.6", "92", "96.6", "97", "110", "99", "103.95", "104");

        assertThat(harness.signals.readValuesToList()).containsExactly(
                new ReboundSignal(ReboundSignal.VERSION, BTC, ReboundSignal.CRYPTO, Duration.ofMinutes(1),
                        new BigDecimal("104"), endOfMinute(1), new BigDecimal("92"), endOfMinute(3),
                        new BigDecimal("97"), endOfMinute(5), endOfMinute(4), endOfMinute(5),
                        11.5385, 5.4348, 2, 0.3135, new ReboundSignal.Thresholds(10, 5, 2, 90)),
                new ReboundSignal(ReboundSignal.VERSION, BTC, ReboundSignal.CRYPTO, Duration.ofMinutes(1),
                        new BigDecimal("110"), endOfMinute(6), new BigDecimal("99"), endOfMinute(7),
                        new BigDecimal("104"), endOfMinute(9), endOfMinute(8), endOfMinute(9),
                        10.0, 5.0505, 2, 0.2525, new ReboundSignal.Thresholds(10, 5, 2, 90)));
    }

    @Test
    void drawdownSmallerThanThresholdNeverArms() {
        // 90.01 is 9.99 % below the peak
        closes("100", "90.01", "95", "100", "94.6", "95");

        assertThat(harness.signals.isEmpty()).isTrue();
        assertThat(harness.candles.readValuesToList()).hasSize(6);
    }

    @Test
    void instrumentsAreWatchedIndependently() {
        List<String> btc = List.of("100", "90", "94.5", "95");
        List<String> eth = List.of("50", "51", "52", "53");
        for (int i = 0; i < btc.size(); i++) {
            harness.tick("coinbase", "BTC-USD", btc.get(i), minuteTick(i));
            harness.tick("coinbase", "ETH-USD", eth.get(i), minuteTick(i));
        }
        harness.tick("coinbase", "BTC-USD", "95", minuteTick(btc.size()));

        assertThat(harness.signals.readKeyValuesToList())
                .extracting(kv -> kv.key, kv -> kv.value.trough(), kv -> kv.value.strength())
                .containsExactly(tuple(BTC, new BigDecimal("90"), 0.2778));
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
