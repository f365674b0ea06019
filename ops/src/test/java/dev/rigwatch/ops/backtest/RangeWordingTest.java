package dev.rigwatch.ops.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RangeWordingTest {

    @Test
    void midnightsAreDatesOtherTimesExact() {
        assertThat(RangeWording.of(Instant.parse("2017-11-09T00:00:00Z"), Instant.parse("2024-12-09T00:00:00Z")))
                .isEqualTo("2017-11-09 to 2024-12-09");
        assertThat(RangeWording.of(Instant.parse("2024-03-01T00:00:00Z"), Instant.parse("2024-03-01T12:30:00Z")))
                .isEqualTo("2024-03-01 to 2024-03-01T12:30:00Z");
    }
}
