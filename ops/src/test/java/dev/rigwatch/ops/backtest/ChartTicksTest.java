package dev.rigwatch.ops.backtest;

import dev.rigwatch.events.outcome.PricePrecision;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Where the report's chart axes are ticked and how the ticks read. */
class ChartTicksTest {

    @Test
    void aSevenYearDailySeriesIsTickedAtEachNewYear() {
        assertThat(ChartTicks.time(Instant.parse("2017-11-09T00:00:00Z"), Instant.parse("2024-12-09T00:00:00Z")))
                .extracting(ChartTicks.TimeTick::label)
                .containsExactly("2018", "2019", "2020", "2021", "2022", "2023", "2024");
        assertThat(ChartTicks.time(Instant.parse("2017-11-09T00:00:00Z"), Instant.parse("2024-12-09T00:00:00Z")).get(0)
                .time()).isEqualTo(Instant.parse("2018-01-01T00:00:00Z"));
    }

    @Test
    void underTwoYearsMonthsAndUnderTwoMonthsDaysAtMostTwelveLabels() {
        assertThat(ChartTicks.time(Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-07-19T00:00:00Z")))
                .extracting(ChartTicks.TimeTick::label)
                .containsExactly("Jan 2024", "Feb 2024", "Mar 2024", "Apr 2024", "May 2024", "Jun 2024", "Jul 2024");
        assertThat(ChartTicks.time(Instant.parse("2023-01-15T00:00:00Z"), Instant.parse("2024-10-01T00:00:00Z")))
                .extracting(ChartTicks.TimeTick::label)
                .containsExactly("Mar 2023", "May 2023", "Jul 2023", "Sep 2023", "Nov 2023", "Jan 2024", "Mar 2024",
                        "May 2024", "Jul 2024", "Sep 2024");
        assertThat(ChartTicks.time(Instant.parse("2024-03-01T12:00:00Z"), Instant.parse("2024-03-10T00:00:00Z")))
                .extracting(ChartTicks.TimeTick::label)
                .containsExactly("2024-03-02", "2024-03-03", "2024-03-04", "2024-03-05", "2024-03-06", "2024-03-07",
                        "2024-03-08", "2024-03-09", "2024-03-10");
        assertThat(ChartTicks.time(Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-02-20T00:00:00Z")))
                .extracting(ChartTicks.TimeTick::label)
                .containsExactly("2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22", "2024-01-29", "2024-02-05",
                        "2024-02-12", "2024-02-19");
    }

    @Test
    void aRangeOverTwentyTimesIsLogScaledWithOneTwoFiveTicks() {
        BigDecimal low = new BigDecimal("0.43");
        BigDecimal high = new BigDecimal("4800");

        assertThat(ChartTicks.logScale(low, high)).isTrue();
        assertThat(ChartTicks.price(low, high, true)).extracting(PricePrecision::grouped).containsExactly(
                "0.5", "1", "2", "5", "10", "20", "50", "100", "200", "500", "1,000", "2,000");
    }

    @Test
    void aNarrowRangeIsLinearWithANiceStep() {
        assertThat(ChartTicks.logScale(new BigDecimal("100"), new BigDecimal("199"))).isFalse();
        assertThat(ChartTicks.price(new BigDecimal("100"), new BigDecimal("199"), false))
                .extracting(PricePrecision::grouped).containsExactly("100", "120", "140", "160", "180");
        assertThat(ChartTicks.price(new BigDecimal("0.0712"), new BigDecimal("0.0954"), false))
                .extracting(PricePrecision::grouped).containsExactly("0.075", "0.08", "0.085", "0.09", "0.095");
    }
}
