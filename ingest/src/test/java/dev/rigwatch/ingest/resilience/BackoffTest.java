package dev.rigwatch.ingest.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.LongSummaryStatistics;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pauses are random: each test draws many and checks the range they must all fall in. */
class BackoffTest {

    private static final int DRAWS = 500;

    private final Backoff backoff = new Backoff(Backoff.Settings.forInterval(Duration.ofSeconds(1)));

    @ParameterizedTest(name = "after {0} failures: {1}..{2} ms")
    @CsvSource({
            "1,   500,  1500",
            "2,  1000,  3000",
            "3,  2000,  6000",
            "4,  4000, 12000",
            "5,  8000, 24000",
            "6, 16000, 48000",
            // 64 s +- 50 %, capped at 60 s
            "7, 32000, 60000",
            // from here the lowest draw (64 s) is above the cap
            "8, 60000, 60000",
            "50, 60000, 60000",
            "10000, 60000, 60000"})
    void eachFailureDoublesThePauseWithinHalfOfItEitherSideUpToTheCap(int failures, long minMillis, long maxMillis) {
        LongSummaryStatistics pauses = IntStream.range(0, DRAWS)
                .mapToLong(i -> backoff.next(failures).toMillis())
                .summaryStatistics();

        assertThat(pauses.getMin()).isGreaterThanOrEqualTo(minMillis);
        assertThat(pauses.getMax()).isLessThanOrEqualTo(maxMillis);
    }

    @Test
    void jitterSpreadsThePausesAcrossTheRange() {
        Set<Long> distinct = new HashSet<>();
        LongSummaryStatistics pauses = IntStream.range(0, DRAWS)
                .mapToLong(i -> backoff.next(3).toMillis())
                .peek(distinct::add)
                .summaryStatistics();

        // uniform over 2000..6000 ms: 500 draws all missing the lowest or the highest eighth has odds ~1e-29
        assertThat(pauses.getMin()).isLessThan(2500);
        assertThat(pauses.getMax()).isGreaterThan(5500);
        assertThat(distinct).as("distinct pauses of %s draws", DRAWS).hasSizeGreaterThan(DRAWS / 2);
    }

    @Test
    void aRetryAfterLongerThanTheBackoffWinsEvenBeyondTheCap() {
        assertThat(backoff.next(1, Duration.ofSeconds(90))).isEqualTo(Duration.ofSeconds(90));
        assertThat(backoff.next(10, Duration.ofSeconds(61))).isEqualTo(Duration.ofSeconds(61));
    }

    @Test
    void aShorterOrMissingRetryAfterLeavesTheBackoff() {
        assertThat(backoff.next(10, Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.next(10, null)).isEqualTo(Duration.ofSeconds(60));
        for (int i = 0; i < DRAWS; i++) {
            assertThat(backoff.next(1, Duration.ofMillis(100))).isBetween(Duration.ofMillis(500),
                    Duration.ofMillis(1500));
        }
    }

    @Test
    void theDefaultsStartAtThePollIntervalAndStopAtAMinuteOrTheIntervalIfLonger() {
        assertThat(Backoff.Settings.forInterval(Duration.ofSeconds(1)))
                .isEqualTo(new Backoff.Settings(Duration.ofSeconds(1), 2, 0.5, Duration.ofSeconds(60)));
        assertThat(Backoff.Settings.forInterval(Duration.ofMinutes(2)))
                .isEqualTo(new Backoff.Settings(Duration.ofMinutes(2), 2, 0.5, Duration.ofMinutes(2)));

        Backoff slow = new Backoff(Backoff.Settings.forInterval(Duration.ofMinutes(2)));
        for (int i = 0; i < DRAWS; i++) {
            assertThat(slow.next(1)).isBetween(Duration.ofMinutes(1), Duration.ofMinutes(2));
        }
    }

    @Test
    void nonsenseIsRejected() {
        assertThatThrownBy(() -> backoff.next(0))
                .hasMessage("a backoff follows at least one failure, was asked for 0");
        Duration second = Duration.ofSeconds(1);
        Duration minute = Duration.ofMinutes(1);
        assertThatThrownBy(() -> new Backoff.Settings(Duration.ofNanos(999_999), 2, 0.5, minute))
                .hasMessage("initial pause must be at least 1 ms, was PT0.000999999S");
        assertThatThrownBy(() -> new Backoff.Settings(second, 0.5, 0.5, minute))
                .hasMessage("multiplier must be a number of at least 1, was 0.5");
        assertThatThrownBy(() -> new Backoff.Settings(second, Double.NaN, 0.5, minute))
                .hasMessage("multiplier must be a number of at least 1, was NaN");
        assertThatThrownBy(() -> new Backoff.Settings(second, 2, 1, minute))
                .hasMessage("randomization factor must be in [0, 1), was 1.0");
        assertThatThrownBy(() -> new Backoff.Settings(minute, 2, 0.5, second))
                .hasMessage("max pause PT1S is shorter than the initial PT1M");
    }
}
