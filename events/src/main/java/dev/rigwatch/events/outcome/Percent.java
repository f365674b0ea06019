package dev.rigwatch.events.outcome;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The one arithmetic every outcome figure uses, so that a figure in the report can be checked by hand: price changes
 * are exact {@link BigDecimal} percentages, each rounded once to {@value #SCALE} decimals (a ten-thousandth of a
 * percent), half-even; medians and means of such percentages are rounded the same way. No doubles, so a constructed
 * series gives its figures exactly and the same history gives the same report on every machine.
 */
public final class Percent {

    /** Decimals of every percentage: a ten-thousandth of a percent, far below any price's precision. */
    public static final int SCALE = 4;
    public static final RoundingMode ROUNDING = RoundingMode.HALF_EVEN;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    private Percent() {
    }

    /** {@code (to - from) / from × 100}, e.g. 100 → 110 is {@code 10.0000}. */
    public static BigDecimal change(BigDecimal from, BigDecimal to) {
        if (from.signum() <= 0) {
            throw new IllegalArgumentException("a change is measured from a positive close, not " + from);
        }
        return to.subtract(from).multiply(HUNDRED).divide(from, SCALE, ROUNDING);
    }

    /** The middle value, or the mean of the two middle values, of percentages already in ascending order. */
    public static BigDecimal medianOfSorted(List<BigDecimal> sorted) {
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException("no median of nothing");
        }
        int middle = sorted.size() / 2;
        if (sorted.size() % 2 == 1) {
            return sorted.get(middle).setScale(SCALE, ROUNDING);
        }
        return sorted.get(middle - 1).add(sorted.get(middle)).divide(TWO, SCALE, ROUNDING);
    }

    public static BigDecimal median(List<BigDecimal> values) {
        return medianOfSorted(values.stream().sorted().toList());
    }

    public static BigDecimal mean(List<BigDecimal> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no mean of nothing");
        }
        BigDecimal sum = values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        return sum.divide(BigDecimal.valueOf(values.size()), SCALE, ROUNDING);
    }
}
