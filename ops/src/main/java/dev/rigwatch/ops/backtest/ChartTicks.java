package dev.rigwatch.ops.backtest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a report chart's axes have ticks, and their labels. Time: years over ranges of about two years and more,
 * months under that, days under about two months, at most {@value #MAX_TIME_TICKS} labels so they never overlap
 * on the chart's width. Price: on a log axis 1-2-5 × powers of ten (the steps a trader reads a log chart by), on a
 * linear one the 1-2-5 step that gives about {@value #LINEAR_TICKS} ticks.
 */
final class ChartTicks {

    /** Beyond this max/min ratio a linear axis flattens the early years (ETH: $0.43 to $4,800): use a log axis. */
    static final double LOG_SCALE_RATIO = 20;
    static final int MAX_TIME_TICKS = 12;
    static final int LINEAR_TICKS = 6;
    private static final Duration YEARS_FROM = Duration.ofDays(730);
    private static final Duration MONTHS_FROM = Duration.ofDays(60);
    private static final int[] MONTH_STEPS = {1, 2, 3, 6};
    private static final int[] DAY_STEPS = {1, 2, 7, 14};
    private static final int[] MANTISSAS = {1, 2, 5};
    private static final DateTimeFormatter YEAR = DateTimeFormatter.ofPattern("yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ENGLISH);

    record TimeTick(Instant time, String label) {
    }

    private ChartTicks() {
    }

    static boolean logScale(BigDecimal min, BigDecimal max) {
        return min.signum() > 0 && max.doubleValue() / min.doubleValue() > LOG_SCALE_RATIO;
    }

    /** The ticks within {@code [start, end]}, at UTC year, month or day starts. */
    static List<TimeTick> time(Instant start, Instant end) {
        Duration range = Duration.between(start, end);
        LocalDate first = start.atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate last = end.atZone(ZoneOffset.UTC).toLocalDate();
        if (range.compareTo(YEARS_FROM) >= 0) {
            int years = last.getYear() - first.getYear() + 1;
            int step = (years + MAX_TIME_TICKS - 1) / MAX_TIME_TICKS;
            return ticks(first.withDayOfYear(1), start, end, step, 0, 0, YEAR);
        }
        if (range.compareTo(MONTHS_FROM) >= 0) {
            long months = range.toDays() / 28 + 1;
            return ticks(first.withDayOfMonth(1), start, end, 0, smallestStep(MONTH_STEPS, months), 0, MONTH);
        }
        return ticks(first, start, end, 0, 0, smallestStep(DAY_STEPS, range.toDays() + 1), DAY);
    }

    /** Every {@code years}/{@code months}/{@code days} step from {@code from}, those within the range. */
    private static List<TimeTick> ticks(LocalDate from, Instant start, Instant end, int years, int months, int days,
                                        DateTimeFormatter format) {
        List<TimeTick> ticks = new ArrayList<>();
        for (LocalDate date = from; !date.atStartOfDay(ZoneOffset.UTC).toInstant().isAfter(end);
             date = date.plusYears(years).plusMonths(months).plusDays(days)) {
            Instant time = date.atStartOfDay(ZoneOffset.UTC).toInstant();
            if (!time.isBefore(start)) {
                ticks.add(new TimeTick(time, format.format(date)));
            }
        }
        return ticks;
    }

    private static int smallestStep(int[] steps, long units) {
        for (int step : steps) {
            if (units / step <= MAX_TIME_TICKS) {
                return step;
            }
        }
        return steps[steps.length - 1];
    }

    /** The price ticks within {@code [min, max]}, lowest first. */
    static List<BigDecimal> price(BigDecimal min, BigDecimal max, boolean log) {
        return log ? logTicks(min, max) : linearTicks(min, max);
    }

    private static List<BigDecimal> logTicks(BigDecimal min, BigDecimal max) {
        List<BigDecimal> ticks = new ArrayList<>();
        int fromPower = (int) Math.floor(Math.log10(min.doubleValue()));
        int toPower = (int) Math.ceil(Math.log10(max.doubleValue()));
        for (int power = fromPower; power <= toPower; power++) {
            for (int mantissa : MANTISSAS) {
                BigDecimal tick = BigDecimal.valueOf(mantissa).scaleByPowerOfTen(power);
                if (tick.compareTo(min) >= 0 && tick.compareTo(max) <= 0) {
                    ticks.add(plain(tick));
                }
            }
        }
        return ticks;
    }

    private static List<BigDecimal> linearTicks(BigDecimal min, BigDecimal max) {
        if (max.compareTo(min) <= 0) {
            return List.of(plain(min));
        }
        BigDecimal step = niceStep(max.subtract(min).doubleValue() / LINEAR_TICKS);
        List<BigDecimal> ticks = new ArrayList<>();
        BigDecimal first = min.divide(step, 0, RoundingMode.CEILING).multiply(step);
        for (BigDecimal tick = first; tick.compareTo(max) <= 0; tick = tick.add(step)) {
            ticks.add(plain(tick));
        }
        return ticks;
    }

    /** The smallest 1-2-5 × 10^k at or above {@code raw}. */
    private static BigDecimal niceStep(double raw) {
        int power = (int) Math.floor(Math.log10(raw));
        for (int p = power; ; p++) {
            for (int mantissa : MANTISSAS) {
                BigDecimal step = BigDecimal.valueOf(mantissa).scaleByPowerOfTen(p);
                if (step.doubleValue() >= raw) {
                    return step;
                }
            }
        }
    }

    /** {@code 2E+3} → {@code 2000}, {@code 0.50} → {@code 0.5}: a tick is labelled at its own scale. */
    private static BigDecimal plain(BigDecimal tick) {
        BigDecimal stripped = tick.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
