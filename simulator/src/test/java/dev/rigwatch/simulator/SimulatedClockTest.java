package dev.rigwatch.simulator;

import dev.rigwatch.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SimulatedClockTest {

    private static final Instant REAL_START = Instant.parse("2026-11-25T12:00:00Z");

    private final MutableClock real = new MutableClock(REAL_START);

    @Test
    void defaultStartsADayAgoAndRunsSixtyTimesFaster() {
        SimulatedClock clock = SimulatedClock.startingDayAgo(real);
        assertThat(clock.now()).isEqualTo("2026-11-24T12:00:00Z");

        real.advance(Duration.ofSeconds(1));
        assertThat(clock.now()).isEqualTo("2026-11-24T12:01:00Z");

        real.advance(Duration.ofMillis(10_500));
        assertThat(clock.now()).isEqualTo("2026-11-24T12:11:30Z");
    }

    @Test
    void aHeldClockStandsAtItsStartUntilReleasedThenRunsFromThere() {
        SimulatedClock clock = SimulatedClock.held(real, Instant.parse("2026-11-25T00:00:00Z"), 60);
        real.advance(Duration.ofSeconds(20));
        assertThat(clock.now()).isEqualTo("2026-11-25T00:00:00Z");

        clock.release();
        real.advance(Duration.ofSeconds(1));
        assertThat(clock.now()).isEqualTo("2026-11-25T00:01:00Z");

        clock.release();
        assertThat(clock.now()).as("a second release changes nothing").isEqualTo("2026-11-25T00:01:00Z");
    }

    @Test
    void anotherProcessFollowsTheSameTimeFromTheStartSpeedAndRealStartPrinted() {
        SimulatedClock simulator = SimulatedClock.held(real, Instant.parse("2026-11-25T00:00:00Z"), 60);
        real.advance(Duration.ofSeconds(3));
        simulator.release();
        real.advance(Duration.ofSeconds(7));

        SimulatedClock follower = SimulatedClock.runningSince(real, simulator.start(), simulator.speed(),
                simulator.runningSince());

        assertThat(simulator.runningSince()).isEqualTo(REAL_START.plusSeconds(3));
        assertThat(follower.now()).isEqualTo(simulator.now()).isEqualTo("2026-11-25T00:07:00Z");
        real.advance(Duration.ofHours(30));
        assertThat(follower.now()).as("caught up: both follow the wall clock").isEqualTo(simulator.now())
                .isEqualTo(real.instant());
        assertThat(SimulatedClock.held(real, Instant.parse("2026-11-25T00:00:00Z"), 60).runningSince()).isNull();
    }

    @Test
    void aSixtyMinuteCyclePassesInOneRealMinute() {
        SimulatedClock clock = new SimulatedClock(real, Instant.parse("2026-11-25T00:00:00Z"), 60);
        real.advance(Duration.ofMinutes(1));
        assertThat(clock.now()).isEqualTo("2026-11-25T01:00:00Z");
    }

    @Test
    void afterCatchingUpWithTheWallClockItRunsAtOneX() {
        SimulatedClock clock = SimulatedClock.startingDayAgo(real);
        // 24 h head start / 59 s gained per real second = 1464.4 s until caught up
        real.advance(Duration.ofSeconds(1464));
        assertThat(clock.now()).isEqualTo(REAL_START.minus(Duration.ofHours(24)).plusSeconds(1464 * 60));
        assertThat(clock.now()).isBefore(real.instant());

        real.advance(Duration.ofSeconds(1));
        assertThat(clock.now()).isEqualTo(real.instant());

        real.advance(Duration.ofMinutes(30));
        assertThat(clock.now()).isEqualTo(REAL_START.plusSeconds(1465).plus(Duration.ofMinutes(30)));
    }

    @Test
    void doesNotGoBackWhenTheWallClockStepsBack() {
        SimulatedClock clock = SimulatedClock.startingDayAgo(real);
        real.advance(Duration.ofSeconds(10));
        Instant reached = clock.now();

        real.set(REAL_START.minusSeconds(5));
        assertThat(clock.now()).isEqualTo(reached);

        real.set(REAL_START.plusSeconds(11));
        assertThat(clock.now()).isEqualTo(reached.plusSeconds(60));
    }

    @Test
    void slowerThanRealTimeIsAllowed() {
        SimulatedClock clock = new SimulatedClock(real, REAL_START.minusSeconds(100), 0.5);
        real.advance(Duration.ofSeconds(10));
        assertThat(clock.now()).isEqualTo(REAL_START.minusSeconds(95));
    }

    @Test
    void rejectsAStartInTheFutureAndANonPositiveSpeed() {
        assertThatThrownBy(() -> new SimulatedClock(real, REAL_START.plusSeconds(1), 60))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot start in the future");
        assertThatThrownBy(() -> new SimulatedClock(real, REAL_START, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("speed must be a positive number, was 0.0");
        assertThatThrownBy(() -> new SimulatedClock(real, REAL_START, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
