package dev.rigwatch.ingest.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigwatch.testing.MutableClock;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceCircuitBreakerTest {

    private static final Duration POLL = Duration.ofMillis(40);
    private static final Duration OPEN_WAIT = SourceCircuitBreaker.Settings.DEFAULT_OPEN_WAIT;

    private final MutableClock clock = new MutableClock(Instant.parse("2024-03-12T12:00:00Z"));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SourceCircuitBreaker circuit = new SourceCircuitBreaker("coinbase",
            SourceCircuitBreaker.Settings.defaults(), registry, clock);

    @Test
    void opensOnceTenPollsAreInAndHalfOfThemFailed() {
        polls(5, true);
        polls(4, false);
        assertThat(circuit.state()).as("9 polls are fewer than the minimum 10").isEqualTo(State.CLOSED);

        polls(1, false);

        assertThat(circuit.state()).isEqualTo(State.OPEN);
        assertThat(circuit.tryAcquire()).isFalse();
    }

    @Test
    void staysClosedBelowHalf() {
        polls(6, true);
        polls(4, false);

        assertThat(circuit.state()).isEqualTo(State.CLOSED);
        assertThat(circuit.tryAcquire()).isTrue();
    }

    @Test
    void onlyTheLastTwentyPollsCount() {
        polls(30, true);
        polls(9, false);
        assertThat(circuit.state()).as("9 of the last 20 failed").isEqualTo(State.CLOSED);

        polls(1, false);

        assertThat(circuit.state()).as("10 of the last 20 failed, though only 10 of all 40").isEqualTo(State.OPEN);
    }

    @Test
    void anOpenCircuitSkipsPollsForTheWaitThenLetsThreeProbesThroughAndClosesWhenTheySucceed() {
        polls(10, false);
        assertThat(circuit.tryAcquire()).isFalse();
        clock.advance(OPEN_WAIT.minusMillis(1));
        assertThat(circuit.tryAcquire()).isFalse();
        assertThat(gauges()).isEqualTo(Map.of("closed", 0.0, "open", 1.0, "half-open", 0.0));

        clock.advance(Duration.ofMillis(2));

        assertThat(circuit.tryAcquire()).isTrue();
        assertThat(circuit.state()).isEqualTo(State.HALF_OPEN);
        assertThat(circuit.tryAcquire()).isTrue();
        assertThat(circuit.tryAcquire()).isTrue();
        assertThat(circuit.tryAcquire()).as("a fourth poll while 3 probes are out").isFalse();
        assertThat(gauges()).isEqualTo(Map.of("closed", 0.0, "open", 0.0, "half-open", 1.0));
        assertThat(skipped()).isEqualTo(3);

        circuit.onSuccess(POLL);
        circuit.onSuccess(POLL);
        circuit.onFailure(POLL, "timeout");

        assertThat(circuit.state()).as("1 of 3 probes failed, below 50 %").isEqualTo(State.CLOSED);
        assertThat(gauges()).isEqualTo(Map.of("closed", 1.0, "open", 0.0, "half-open", 0.0));
        assertThat(circuit.tryAcquire()).isTrue();
        assertThat(skipped()).isEqualTo(3);
    }

    @Test
    void failedProbesOpenItAgainForAnotherWait() {
        polls(10, false);
        clock.advance(OPEN_WAIT.plusMillis(1));
        for (int i = 0; i < 3; i++) {
            assertThat(circuit.tryAcquire()).isTrue();
        }

        circuit.onSuccess(POLL);
        circuit.onFailure(POLL, "http-5xx");
        assertThat(circuit.state()).as("a probe is still out").isEqualTo(State.HALF_OPEN);
        circuit.onFailure(POLL, "http-5xx");

        assertThat(circuit.state()).isEqualTo(State.OPEN);
        clock.advance(OPEN_WAIT.minusMillis(1));
        assertThat(circuit.tryAcquire()).isFalse();
        clock.advance(Duration.ofMillis(2));
        assertThat(circuit.tryAcquire()).isTrue();
        assertThat(circuit.state()).isEqualTo(State.HALF_OPEN);
    }

    @Test
    void eachStateChangeIsLoggedOnceWhenItHappens() {
        try (CapturedLogs logs = new CapturedLogs(SourceCircuitBreaker.class)) {
            polls(4, true);
            polls(5, false);
            circuit.tryAcquire();
            circuit.onFailure(POLL, "http-5xx");
            circuit.tryAcquire();
            circuit.tryAcquire();
            clock.advance(OPEN_WAIT.plusMillis(1));
            for (int i = 0; i < 4; i++) {
                circuit.tryAcquire();
            }
            circuit.onFailure(POLL, "io-error");
            circuit.onFailure(POLL, "io-error");
            circuit.onSuccess(POLL);
            clock.advance(OPEN_WAIT.plusMillis(1));
            polls(3, true);

            assertThat(logs.lines()).containsExactly(
                    "WARN Circuit for coinbase opened: 60 % of the last 10 polls failed (latest: http-5xx); "
                            + "skipping its polls for PT30S, then probing with 3",
                    "INFO Circuit for coinbase half-open: probing with 3 polls",
                    "WARN Circuit for coinbase opened again: 67 % of 3 probe polls failed (latest: io-error); "
                            + "skipping its polls for PT30S",
                    "INFO Circuit for coinbase half-open: probing with 3 polls",
                    "INFO Circuit for coinbase closed: the source answered its probe polls; polling resumes");
        }
    }

    @Test
    void settingsAreChecked() {
        assertThat(SourceCircuitBreaker.Settings.defaults())
                .isEqualTo(new SourceCircuitBreaker.Settings(20, 10, 50, Duration.ofSeconds(30), 3));
        assertThat(SourceCircuitBreaker.Settings.defaults().withOpenWait(Duration.ofMillis(200)).openWait())
                .isEqualTo(Duration.ofMillis(200));
        assertThatThrownBy(() -> new SourceCircuitBreaker.Settings(0, 1, 50, OPEN_WAIT, 3))
                .hasMessage("window must be at least 1 poll, was 0");
        assertThatThrownBy(() -> new SourceCircuitBreaker.Settings(20, 21, 50, OPEN_WAIT, 3))
                .hasMessage("minimum polls must be between 1 and the window (20), was 21");
        assertThatThrownBy(() -> new SourceCircuitBreaker.Settings(20, 10, 0, OPEN_WAIT, 3))
                .hasMessage("failure rate must be above 0 and at most 100 %, was 0.0");
        assertThatThrownBy(() -> new SourceCircuitBreaker.Settings(20, 10, 50, Duration.ZERO, 3))
                .hasMessage("open wait must be positive, was PT0S");
        assertThatThrownBy(() -> new SourceCircuitBreaker.Settings(20, 10, 50, OPEN_WAIT, 0))
                .hasMessage("half-open polls must be at least 1, was 0");
    }

    /** {@code count} polls that each acquire, then succeed or fail. */
    private void polls(int count, boolean succeed) {
        for (int i = 0; i < count; i++) {
            assertThat(circuit.tryAcquire()).as("poll permitted").isTrue();
            if (succeed) {
                circuit.onSuccess(POLL);
            } else {
                circuit.onFailure(POLL, "timeout");
            }
        }
    }

    private double skipped() {
        return registry.get("polls.skipped.circuit-open").tag("source", "coinbase").counter().count();
    }

    private Map<String, Double> gauges() {
        return Map.of(
                "closed", gauge("closed"),
                "open", gauge("open"),
                "half-open", gauge("half-open"));
    }

    private double gauge(String state) {
        return registry.get("circuit.state").tag("source", "coinbase").tag("state", state).gauge().value();
    }
}
