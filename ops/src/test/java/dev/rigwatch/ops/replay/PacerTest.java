package dev.rigwatch.ops.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigwatch.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacerTest {

    private static final long T0 = Instant.parse("2024-03-01T10:00:00Z").toEpochMilli();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<Duration> sleeps = new ArrayList<>();
    private final Pacer.Sleeper sleeper = duration -> {
        sleeps.add(duration);
        clock.advance(duration);
    };

    @Test
    void atThousandTimesTenSecondsOfEventTimeTakeTenMilliseconds() {
        Pacer pacer = new Pacer(new ReplaySpeed(1000), clock, sleeper);
        Instant start = clock.instant();

        for (int second = 0; second <= 10; second++) {
            assertThat(pacer.awaitDue(T0 + second * 1000L, () -> false)).isTrue();
        }

        assertThat(sleeps).hasSize(10).containsOnly(Duration.ofMillis(1));
        assertThat(Duration.between(start, clock.instant())).isEqualTo(Duration.ofMillis(10));
    }

    @Test
    void anHourAtSixtyTimesTakesAMinuteSleptInSlicesOfAtMostATenthOfASecond() {
        Pacer pacer = new Pacer(new ReplaySpeed(60), clock, sleeper);
        Instant start = clock.instant();

        pacer.awaitDue(T0, () -> false);
        pacer.awaitDue(T0 + Duration.ofMinutes(1).plusMillis(150).toMillis(), () -> false);
        pacer.awaitDue(T0 + Duration.ofHours(1).toMillis(), () -> false);

        // a minute of event time plus 150 ms is 1 s + 2.5 ms of wall time
        assertThat(sleeps.subList(0, 10)).containsOnly(Duration.ofMillis(100));
        assertThat(sleeps.get(10)).isEqualTo(Duration.ofNanos(2_500_000));
        assertThat(sleeps).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Pacer.SLICE));
        assertThat(Duration.between(start, clock.instant())).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aLateRecordDoesNotWaitAndLatenessIsNotMadeUpLater() {
        Pacer pacer = new Pacer(new ReplaySpeed(10), clock, sleeper);
        pacer.awaitDue(T0, () -> false);
        clock.advance(Duration.ofSeconds(5)); // a slow broker: 5 s pass while sending

        assertThat(pacer.untilDue(T0 + 10_000)).isZero();
        assertThat(pacer.untilDue(T0 + 60_000)).isEqualTo(Duration.ofSeconds(1));
        assertThat(pacer.untilDue(T0 - 1_000)).as("out of order, earlier than the first").isZero();
    }

    @Test
    void aStopRequestEndsTheWaitWithinASlice() {
        Pacer pacer = new Pacer(new ReplaySpeed(1), clock, sleeper);
        pacer.awaitDue(T0, () -> false);

        boolean due = pacer.awaitDue(T0 + 3_600_000, () -> sleeps.size() >= 3);

        assertThat(due).isFalse();
        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(100));
    }

    @Test
    void atMaxNothingIsEverDue() {
        Pacer pacer = new Pacer(ReplaySpeed.MAX, clock, sleeper);

        assertThat(pacer.awaitDue(T0, () -> false)).isTrue();
        assertThat(pacer.awaitDue(T0 + 3_600_000, () -> false)).isTrue();
        assertThat(sleeps).isEmpty();
    }

    @Test
    void speedsAreMaxOrAPositiveFactorWithAnX() {
        assertThat(ReplaySpeed.parse("max")).isEqualTo(ReplaySpeed.MAX);
        assertThat(ReplaySpeed.parse(" 10x ")).isEqualTo(new ReplaySpeed(10));
        assertThat(ReplaySpeed.parse("0.5X")).isEqualTo(new ReplaySpeed(0.5));
        assertThat(ReplaySpeed.parse("3600x").toString()).isEqualTo("3600x");
        assertThat(ReplaySpeed.MAX.toString()).isEqualTo("max");
        for (String bad : List.of("10", "0x", "-2x", "fastx", "x")) {
            assertThatThrownBy(() -> ReplaySpeed.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("'" + bad + "' is not a replay speed: use e.g. 10x, 0.5x or max");
        }
    }
}
