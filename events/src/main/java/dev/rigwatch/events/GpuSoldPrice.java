package dev.rigwatch.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * What one GPU model sold for over one period: an average sold price and the quantity sold, as market indices
 * publish them (e.g. monthly eBay sold prices). Imported history, not polled: topic {@code gpu.sold-prices} (kept
 * forever), key {@link #key()} ({@code model:<m>}), record timestamp {@link #periodEnd()}, so backtests can run the
 * GPU signals over years of real prices.
 *
 * @param source       where the figures come from (the imported file's name, or a feed id)
 * @param sourceName   the model as the source names it ({@code GeForce RTX 3080 12GB})
 * @param model        the catalogue model it was classified as ({@code RTX 3080 12GB})
 * @param family       the model's family
 * @param periodStart  inclusive start of the period (UTC)
 * @param periodEnd    exclusive end of the period (UTC)
 * @param avgPriceUsd  average sold price in USD
 * @param quantitySold how many sold in the period (0 when the source lists none)
 */
public record GpuSoldPrice(
        int v,
        String source,
        String sourceName,
        String model,
        String family,
        Instant periodStart,
        Instant periodEnd,
        BigDecimal avgPriceUsd,
        long quantitySold) implements Versioned {

    public static final int VERSION = 1;

    public GpuSoldPrice {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(periodStart, "periodStart");
        Objects.requireNonNull(periodEnd, "periodEnd");
        Objects.requireNonNull(avgPriceUsd, "avgPriceUsd");
        if (!periodEnd.isAfter(periodStart)) {
            throw new IllegalArgumentException("period must end after it starts: " + periodStart + " .. " + periodEnd);
        }
        if (avgPriceUsd.signum() <= 0) {
            throw new IllegalArgumentException("average price must be positive, got " + avgPriceUsd.toPlainString());
        }
        if (quantitySold < 0) {
            throw new IllegalArgumentException("quantity sold must not be negative, got " + quantitySold);
        }
    }

    /** The Kafka key: {@code model:<model>}. */
    public String key() {
        return "model:" + model;
    }
}
