package dev.rigwatch.streams.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GpuStatsSettingsTest {

    private static final Duration GRACE = Duration.ofMinutes(5);
    private static final Duration CHECK = Duration.ofSeconds(30);

    @Test
    void defaultsAreFiveMinutesHourlyGraceHalfAnHourDailyGraceAThirtySecondCheckAndK200() {
        assertThat(GpuStatsSettings.defaults())
                .isEqualTo(new GpuStatsSettings(Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofSeconds(30), 200));
    }

    @Test
    void rejectsNegativeGraces() {
        assertThatThrownBy(() -> new GpuStatsSettings(Duration.ofSeconds(-1), GRACE, CHECK, 200))
                .hasMessage("GPU stats hourlyGrace must not be negative, got PT-1S");
        assertThatThrownBy(() -> new GpuStatsSettings(GRACE, Duration.ofSeconds(-1), CHECK, 200))
                .hasMessage("GPU stats dailyGrace must not be negative, got PT-1S");
    }

    @Test
    void rejectsACheckIntervalBelowOneMillisecond() {
        assertThatThrownBy(() -> new GpuStatsSettings(GRACE, GRACE, Duration.ofNanos(999_999), 200))
                .hasMessage("GPU stats checkEvery must be at least 1 ms, got PT0.000999999S");
    }

    @Test
    void rejectsASketchKOutsideWhatKllAccepts() {
        assertThat(new GpuStatsSettings(GRACE, GRACE, CHECK, 8).sketchK()).isEqualTo(8);
        assertThatThrownBy(() -> new GpuStatsSettings(GRACE, GRACE, CHECK, 7))
                .hasMessage("GPU stats sketchK must be between 8 and 65535, got 7");
        assertThatThrownBy(() -> new GpuStatsSettings(GRACE, GRACE, CHECK, 65_536))
                .hasMessage("GPU stats sketchK must be between 8 and 65535, got 65536");
    }
}
