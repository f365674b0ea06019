package dev.rigwatch.streams.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GpuStatsSettingsTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration GRACE = Duration.ofMinutes(5);
    private static final Duration CHECK = Duration.ofSeconds(30);

    @Test
    void defaultsAreAnHourlyWindowFiveMinutesHourlyGraceHalfAnHourDailyGraceAThirtySecondCheckAndK200() {
        assertThat(GpuStatsSettings.defaults())
                .isEqualTo(new GpuStatsSettings(Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofSeconds(30), 200));
    }

    @Test
    void acceptsAShorterHourlyWindowOfWholeMinutesThatDividesADay() {
        assertThat(new GpuStatsSettings(Duration.ofMinutes(3), GRACE, GRACE, CHECK, 200).hourlyWindow())
                .isEqualTo(Duration.ofMinutes(3));
        assertThat(new GpuStatsSettings(Duration.ofDays(1), GRACE, GRACE, CHECK, 200).hourlyWindow())
                .isEqualTo(Duration.ofDays(1));
    }

    @Test
    void rejectsAnHourlyWindowThatIsNotWholeMinutesDividingADay() {
        assertThatThrownBy(() -> new GpuStatsSettings(Duration.ofMinutes(7), GRACE, GRACE, CHECK, 200))
                .hasMessage("GPU stats hourlyWindow must be a whole number of minutes that divides a day, got PT7M");
        assertThatThrownBy(() -> new GpuStatsSettings(Duration.ofSeconds(90), GRACE, GRACE, CHECK, 200))
                .hasMessage("GPU stats hourlyWindow must be a whole number of minutes that divides a day, got PT1M30S");
        assertThatThrownBy(() -> new GpuStatsSettings(Duration.ofSeconds(30), GRACE, GRACE, CHECK, 200))
                .hasMessage("GPU stats hourlyWindow must be a whole number of minutes that divides a day, got PT30S");
        assertThatThrownBy(() -> new GpuStatsSettings(Duration.ofDays(2), GRACE, GRACE, CHECK, 200))
                .hasMessage("GPU stats hourlyWindow must be a whole number of minutes that divides a day, got PT48H");
        assertThatThrownBy(() -> new GpuStatsSettings(Duration.ofMinutes(-3), GRACE, GRACE, CHECK, 200))
                .hasMessage("GPU stats hourlyWindow must be a whole number of minutes that divides a day, got PT-3M");
    }

    @Test
    void rejectsNegativeGraces() {
        assertThatThrownBy(() -> new GpuStatsSettings(HOUR, Duration.ofSeconds(-1), GRACE, CHECK, 200))
                .hasMessage("GPU stats hourlyGrace must not be negative, got PT-1S");
        assertThatThrownBy(() -> new GpuStatsSettings(HOUR, GRACE, Duration.ofSeconds(-1), CHECK, 200))
                .hasMessage("GPU stats dailyGrace must not be negative, got PT-1S");
    }

    @Test
    void rejectsACheckIntervalBelowOneMillisecond() {
        assertThatThrownBy(() -> new GpuStatsSettings(HOUR, GRACE, GRACE, Duration.ofNanos(999_999), 200))
                .hasMessage("GPU stats checkEvery must be at least 1 ms, got PT0.000999999S");
    }

    @Test
    void rejectsASketchKOutsideWhatKllAccepts() {
        assertThat(new GpuStatsSettings(HOUR, GRACE, GRACE, CHECK, 8).sketchK()).isEqualTo(8);
        assertThatThrownBy(() -> new GpuStatsSettings(HOUR, GRACE, GRACE, CHECK, 7))
                .hasMessage("GPU stats sketchK must be between 8 and 65535, got 7");
        assertThatThrownBy(() -> new GpuStatsSettings(HOUR, GRACE, GRACE, CHECK, 65_536))
                .hasMessage("GPU stats sketchK must be between 8 and 65535, got 65536");
    }
}
