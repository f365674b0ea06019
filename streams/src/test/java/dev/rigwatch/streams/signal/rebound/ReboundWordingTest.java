package dev.rigwatch.streams.signal.rebound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The rebound parameters as reports print them. */
class ReboundWordingTest {

    @Test
    void theLookbackIsSaidInTheIntervalsUnit() {
        assertThat(ReboundConfig.defaults().describe(Duration.ofDays(1)))
                .isEqualTo("drawdown 40 %, recovery 25 %, 2 closes held, peak within 90 days");
        assertThat(new ReboundConfig(15, 10, 3, 72).describe(Duration.ofHours(1)))
                .isEqualTo("drawdown 15 %, recovery 10 %, 3 closes held, peak within 72 hours");
        assertThat(ReboundSettings.MINUTE_DEFAULTS.describe(Duration.ofMinutes(1)))
                .isEqualTo("drawdown 10 %, recovery 5 %, 2 closes held, peak within 90 minutes");
        assertThat(new ReboundConfig(20, 5, 2, 6).describe(Duration.ofHours(4)))
                .isEqualTo("drawdown 20 %, recovery 5 %, 2 closes held, peak within 24 hours");
        assertThat(new ReboundConfig(20, 5, 1, 3).describe(Duration.ofSeconds(30)))
                .isEqualTo("drawdown 20 %, recovery 5 %, 1 close held, peak within 90 seconds");
    }

    @Test
    void monthlySoldPricesSayMonthsAndTheirFloor() {
        assertThat(GpuSoldRebound.defaults().describe()).isEqualTo("drawdown 35 %, recovery 7.5 %, 3 closes held, "
                + "peak within 24 months, at least 30 cards sold a month");
        assertThat(new GpuSoldRebound(true, new ReboundConfig(35.25, 7.5, 1, 3), 1).describe())
                .isEqualTo("drawdown 35.25 %, recovery 7.5 %, 1 close held, peak within 3 months, at least 1 card sold "
                        + "a month");
        assertThat(new GpuSoldRebound(false, GpuSoldRebound.MONTHLY_DEFAULTS, 30).describe()).isEqualTo("off");
    }
}
