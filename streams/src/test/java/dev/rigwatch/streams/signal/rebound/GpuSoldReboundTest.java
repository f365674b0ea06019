package dev.rigwatch.streams.signal.rebound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rigwatch.events.GpuSoldPrice;
import dev.rigwatch.events.ReboundSignal;
import dev.rigwatch.events.Topics;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rebound rule on imported monthly sold prices ({@code gpu.sold-prices}), with hand-computed expectations: the
 * closes are calendar months, the lookback counts months, and thin months are no closes.
 */
class GpuSoldReboundTest {

    private static final String MODEL = "RTX 3080";
    private static final ReboundSignal.Thresholds DEFAULT_THRESHOLDS = new ReboundSignal.Thresholds(35, 7.5, 3, 24);

    @TempDir
    Path stateDir;
    private int runs;

    @Test
    void firesOnTheMonthThatCompletesThreeMonthsHeldAboveTheTrough() {
        // 600 is 40 % below 1000; 645 would be 7.5 % above 600: 650, 660 and 700 hold it, May completes the three
        List<Month> months = List.of(month(1, "1000", 80), month(2, "600", 90), month(3, "650", 70),
                month(4, "660", 60), month(5, "700", 50));

        assertThat(signals(GpuSoldRebound.defaults(), months)).containsExactly(new ReboundSignal(
                ReboundSignal.VERSION, "model:" + MODEL, ReboundSignal.GPU, Duration.ofDays(30),
                new BigDecimal("1000"), start(2), new BigDecimal("600"), start(3), new BigDecimal("700"),
                start(6), start(5), start(6), 40.0, 16.6667, 3,
                // min(40 / 35, 2) x min(16.6667 / 7.5, 2) / 4 = 1.142857 x 2 / 4
                0.5714, DEFAULT_THRESHOLDS));
    }

    @Test
    void aMonthWithFewerSoldThanTheMinimumIsNoClose() {
        // April's 560 on 2 cards sold breaks the run of closes 7.5 % above 600 unless the floor leaves it out: then
        // March, May and June are the three, and June confirms
        List<Month> months = List.of(month(1, "1000", 80), month(2, "600", 90), month(3, "650", 70),
                month(4, "560", 2), month(5, "660", 60), month(6, "700", 50));

        assertThat(signals(GpuSoldRebound.defaults(), months)).extracting(ReboundSignal::trough,
                ReboundSignal::confirmedWindowStart, ReboundSignal::confirmations)
                .containsExactly(tuple(new BigDecimal("600"), start(6), 3));
        assertThat(signals(new GpuSoldRebound(true, GpuSoldRebound.MONTHLY_DEFAULTS, 0), months)).isEmpty();
    }

    @Test
    void theLookbackCountsCalendarMonthsNotThirtyDays() {
        // a lookback of 3 windows at the end of March reaches back to January 1: 91 days, where three 30-day windows
        // would leave January's peak out
        ReboundConfig threeMonths = new ReboundConfig(35, 7.5, 1, 3);
        List<Month> months = List.of(month(1, "1000", 80), month(2, "600", 90), month(3, "700", 70));

        assertThat(signals(new GpuSoldRebound(true, threeMonths, 30), months)).extracting(ReboundSignal::peakTime,
                ReboundSignal::troughTime, ReboundSignal::confirmedAt)
                .containsExactly(tuple(start(2), start(3), start(4)));
    }

    @Test
    void aMissingMonthIsAGapTheLookbackStillCounts() {
        // February is missing: at the end of April the 3-month lookback starts on February 1, past January's peak
        ReboundConfig threeMonths = new ReboundConfig(35, 7.5, 1, 3);
        List<Month> months = List.of(month(1, "1000", 80), month(3, "600", 90), month(4, "700", 70));

        assertThat(signals(new GpuSoldRebound(true, threeMonths, 30), months)).isEmpty();
    }

    @Test
    void aPeriodThatIsNotACalendarMonthIsDeadLettered() {
        try (ReboundDriver rebound = ReboundDriver.gpuSold(stateDir, GpuSoldRebound.defaults())) {
            TestInputTopic<String, GpuSoldPrice> input = rebound.input(Topics.GPU_SOLD_PRICES);
            Instant start = start(1);
            GpuSoldPrice week = new GpuSoldPrice(GpuSoldPrice.VERSION, "weekly.csv", "GeForce RTX 3080", MODEL,
                    "GeForce RTX 30", start, start.plus(Duration.ofDays(7)), new BigDecimal("700"), 40);
            input.pipeInput(week.key(), week, week.periodEnd());

            assertThat(rebound.signals.isEmpty()).isTrue();
            List<TestRecord<byte[], byte[]>> dead = rebound.deadLetters.readRecordsToList();
            assertThat(dead).extracting(r -> header(r, "__streams.errors.message")).containsExactly(
                    "rebound series gpu-sold-1mo takes calendar-month (UTC) windows, got [2024-01-01T00:00:00Z, "
                            + "2024-01-08T00:00:00Z) of model:RTX 3080");
        }
    }

    private record Month(int month, String avgPriceUsd, long sold) {
    }

    private static Month month(int month, String avgPriceUsd, long sold) {
        return new Month(month, avgPriceUsd, sold);
    }

    /** The first instant of month {@code m} of 2024 (13 is January 2025): a month's start, and its predecessor's end. */
    private static Instant start(int m) {
        return YearMonth.of(2024, 1).plusMonths(m - 1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private List<ReboundSignal> signals(GpuSoldRebound settings, List<Month> months) {
        try (ReboundDriver rebound = ReboundDriver.gpuSold(stateDir.resolve("run-" + runs++), settings)) {
            TestInputTopic<String, GpuSoldPrice> input = rebound.input(Topics.GPU_SOLD_PRICES);
            for (Month m : months) {
                GpuSoldPrice sold = new GpuSoldPrice(GpuSoldPrice.VERSION, "ebay-sold.csv", "GeForce " + MODEL, MODEL,
                        "GeForce RTX 30", start(m.month()), start(m.month() + 1), new BigDecimal(m.avgPriceUsd()),
                        m.sold());
                input.pipeInput(sold.key(), sold, sold.periodEnd());
            }
            return rebound.signals.readValuesToList();
        }
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
