package dev.rigwatch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void fillsOneMarkPerFivePercentRoundingDown() {
        assertThat(ProgressBar.of(0)).isEqualTo("[--------------------]   0.0%");
        assertThat(ProgressBar.of(4.99)).isEqualTo("[--------------------]   5.0%");
        assertThat(ProgressBar.of(45)).isEqualTo("[#########-----------]  45.0%");
        assertThat(ProgressBar.of(100)).isEqualTo("[####################] 100.0%");
    }

    @Test
    void clampsWhatIsOutOfRangeAndCountsAnEmptyTotalAsDone() {
        assertThat(ProgressBar.of(-3)).isEqualTo(ProgressBar.of(0));
        assertThat(ProgressBar.of(101)).isEqualTo(ProgressBar.of(100));
        assertThat(ProgressBar.of(Double.NaN)).isEqualTo(ProgressBar.of(0));
        assertThat(ProgressBar.of(3, 4)).isEqualTo("[###############-----]  75.0%");
        assertThat(ProgressBar.of(0, 0)).isEqualTo(ProgressBar.of(100));
    }
}
