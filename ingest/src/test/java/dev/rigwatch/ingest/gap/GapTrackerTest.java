package dev.rigwatch.ingest.gap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.SourceGap;
import dev.rigwatch.events.TimeSource;
import dev.rigwatch.testing.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GapTrackerTest {

    private static final Instant START = Instant.parse("2026-11-25T12:00:00Z");
    /** The exchange's clock: a day behind, like the simulator, so staleness must not be judged on it. */
    private static final Instant EXCHANGE_START = START.minus(Duration.ofDays(1));
    private static final Duration STALE_AFTER = Duration.ofSeconds(30);

    private final MutableClock clock = new MutableClock(START);
    private final GapTracker tracker = new GapTracker("kraken", List.of("BTC-USD", "ETH-USD"), STALE_AFTER, clock);

    @Test
    void freshTicksKeepEverySymbolLive() {
        for (int s = 0; s < 120; s += 10) {
            clock.set(START.plusSeconds(s));
            tracker.onGoodTick(tick("BTC-USD", s));
            tracker.onGoodTick(tick("ETH-USD", s));
            assertThat(tracker.checkStale()).as("at +%d s", s).isEmpty();
        }
    }

    @Test
    void aSymbolWithoutGoodTicksOpensOneGapNamingTheLastFailureAndTheLastGoodEventTime() {
        tracker.onGoodTick(tick("BTC-USD", 0));
        clock.set(START.plusSeconds(10));
        tracker.onGoodTick(tick("ETH-USD", 10));
        tracker.recordFailure("BTC-USD", "http-5xx");

        clock.set(START.plusSeconds(29));
        assertThat(tracker.checkStale()).isEmpty();

        clock.set(START.plusSeconds(30));
        List<SourceGap> opened = tracker.checkStale();
        assertThat(opened).containsExactly(new SourceGap(SourceGap.VERSION, "kraken", "BTC-USD", SourceGap.Status.OPEN,
                EXCHANGE_START, START.plusSeconds(30), null, STALE_AFTER, "http-5xx", null, null, START.plusSeconds(30),
                Duration.ofSeconds(30), 1));

        clock.set(START.plusSeconds(39));
        assertThat(tracker.checkStale()).as("opened once; reported again only staleAfter later").isEmpty();
        tracker.recordFailure("BTC-USD", "timeout");
        clock.set(START.plusSeconds(60));
        assertThat(tracker.checkStale()).as("BTC-USD again, with what grew; ETH-USD is stale too now")
                .extracting(SourceGap::symbol, SourceGap::detectedAt, SourceGap::asOf, SourceGap::silence,
                        SourceGap::failedPolls, SourceGap::lastFailure)
                .containsExactly(
                        tuple("BTC-USD", START.plusSeconds(30), START.plusSeconds(60), Duration.ofSeconds(60), 2, "timeout"),
                        tuple("ETH-USD", START.plusSeconds(60), START.plusSeconds(60), Duration.ofSeconds(50), 0, null));
    }

    @Test
    void theFirstGoodTickAfterAGapClosesItWithTheRecoveryEventTime() {
        tracker.onGoodTick(tick("BTC-USD", 0));
        tracker.recordFailure("BTC-USD", "timeout");
        clock.set(START.plusSeconds(45));
        assertThat(tracker.checkStale()).extracting(SourceGap::symbol).containsExactly("BTC-USD", "ETH-USD");

        clock.set(START.plusSeconds(50));
        SourceGap closed = tracker.onGoodTick(tick("BTC-USD", 50)).orElseThrow();

        assertThat(closed).isEqualTo(new SourceGap(SourceGap.VERSION, "kraken", "BTC-USD", SourceGap.Status.CLOSED,
                EXCHANGE_START, START.plusSeconds(45), EXCHANGE_START.plusSeconds(50), STALE_AFTER, "timeout", null, null,
                START.plusSeconds(50), Duration.ofSeconds(50), 1));
        assertThat(tracker.onGoodTick(tick("BTC-USD", 51))).isEmpty();
        clock.set(START.plusSeconds(79));
        assertThat(tracker.checkStale()).as("BTC-USD's staleness counts from its last good tick, received at +50; "
                + "ETH-USD's open gap is reported again").extracting(SourceGap::symbol).containsExactly("ETH-USD");
        clock.set(START.plusSeconds(80));
        assertThat(tracker.checkStale()).extracting(SourceGap::symbol).containsExactly("BTC-USD");
    }

    @Test
    void aSymbolThatNeverTickedGoesStaleAfterStartWithNoLastGoodTime() {
        clock.set(START.plusSeconds(30));
        tracker.onGoodTick(tick("ETH-USD", 30));

        assertThat(tracker.checkStale()).singleElement().satisfies(gap -> {
            assertThat(gap.symbol()).isEqualTo("BTC-USD");
            assertThat(gap.lastGoodTime()).isNull();
            assertThat(gap.lastFailure()).isNull();
        });
    }

    @Test
    void unknownSymbolsAndNonPositiveStalenessAreRejected() {
        assertThatThrownBy(() -> tracker.recordFailure("SOL-USD", "http-5xx"))
                .hasMessage("kraken does not poll SOL-USD; it polls [BTC-USD, ETH-USD]");
        assertThatThrownBy(() -> new GapTracker("kraken", List.of("BTC-USD"), Duration.ZERO, clock))
                .hasMessageContaining("staleAfter must be positive");
    }

    /** A tick stamped by an exchange clock a day behind the wall clock, received now. */
    private CryptoTick tick(String symbol, int second) {
        Instant exchangeTime = EXCHANGE_START.plusSeconds(second);
        return new CryptoTick(CryptoTick.VERSION, "kraken", symbol, BigDecimal.TEN, null, null, null, null,
                exchangeTime, clock.instant(), TimeSource.EXCHANGE);
    }
}
