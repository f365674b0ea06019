package dev.rigwatch.streams.signal.rebound;

import java.util.Objects;

/**
 * The rebound rule on imported monthly used-GPU sold prices ({@code gpu.sold-prices}, see
 * {@link Rebound#addToGpuSold}).
 *
 * @param enabled     whether the series runs (default true: without imported prices it is one idle source)
 * @param config      D, R, N and the lookback, counted in calendar months (default {@link #MONTHLY_DEFAULTS})
 * @param minQuantity a month with fewer cards sold is no close (default {@value #DEFAULT_MIN_QUANTITY}); 0 uses
 *                    every month
 */
public record GpuSoldRebound(boolean enabled, ReboundConfig config, long minQuantity) {

    /** The series' name in store, processor and metric names. */
    static final String SERIES = "gpu-sold-1mo";

    /**
     * D 35 %, R 7.5 %, N 3 months, lookback 24 months: on the real monthly eBay sold prices of 2021-2023
     * ({@code GpuReboundCalibrationTest}, README) they fire on the RTX 3080 12GB's 2022-23 recovery and the RTX 4090's
     * 2023 one and not on the Arc A380's noise.
     */
    public static final ReboundConfig MONTHLY_DEFAULTS = new ReboundConfig(35, 7.5, 3, 24);

    /**
     * Months with fewer than 30 cards sold (about one a day) are no close. On the same prices, without a floor the
     * defaults also fire on the RX 5500 XT 4GB, after a one-month $60 low on 11 cards sold, confirmed by months of 9
     * to 18; every floor from 11 to 82 leaves exactly the RTX 3080 12GB and RTX 4090 signals (the RTX 3080 12GB's
     * months sold 40-165), and 30 lies well inside that range.
     */
    public static final long DEFAULT_MIN_QUANTITY = 30;

    public GpuSoldRebound {
        Objects.requireNonNull(config, "config");
        if (minQuantity < 0) {
            throw new IllegalArgumentException("GPU sold-price rebound minQuantity must not be negative, got "
                    + minQuantity);
        }
    }

    /** E.g. {@code drawdown 35 %, recovery 7.5 %, 3 closes held, peak within 24 months, at least 30 cards sold a month}. */
    public String describe() {
        return enabled ? config.describe(new Cadence.CalendarMonths()) + ", at least "
                + Cadence.count(minQuantity, "card") + " sold a month"
                : "off";
    }

    public static GpuSoldRebound defaults() {
        return new GpuSoldRebound(true, MONTHLY_DEFAULTS, DEFAULT_MIN_QUANTITY);
    }
}
