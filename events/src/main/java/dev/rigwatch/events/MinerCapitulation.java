package dev.rigwatch.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A GPU model's daily Ethereum mining profit turned negative: mining on it now costs more in electricity than it
 * earns, which is when miners sell their cards. Topic {@code signals.capitulation}, key {@code model:<model>}, record
 * timestamp {@link #dayEnd()}. After the Merge (2022-09-15) ETH is no longer mined, so a signal about a later day
 * is what the same card would earn had it not ended: hypothetical.
 *
 * <p>{@code revenue = hashrateMhs × coinPerMhDay × coinPriceUsd},
 * {@code powerCost = powerW × 24 h / 1000 × electricityUsdPerKwh}, {@code profit = revenue − powerCost}, all exact.
 *
 * @param model                   the GPU model
 * @param instrument              the daily candles' instrument the coin price is from ({@code coinbase:ETH-USD})
 * @param dayStart                start of the day whose close turned the profit negative
 * @param dayEnd                  its end
 * @param coinPriceUsd            the day's close
 * @param hashrateMhs             the model's hash rate, MH/s
 * @param powerW                  its power draw, W
 * @param coinPerMhDay            coins issued per MH/s per day (configured)
 * @param electricityUsdPerKwh    electricity price (configured)
 * @param revenueUsdPerDay        what one card mines in a day at the close
 * @param powerCostUsdPerDay      what its electricity costs per day
 * @param profitUsdPerDay         revenue − power cost: negative
 * @param breakEvenCoinPriceUsd   the coin price at which profit is zero, rounded to cents
 * @param lastProfitableDayEnd    end of the last day with a positive profit
 * @param lastProfitUsdPerDay     that day's profit
 * @param lastProfitableCoinPrice that day's close
 */
public record MinerCapitulation(
        int v,
        String model,
        String instrument,
        Instant dayStart,
        Instant dayEnd,
        BigDecimal coinPriceUsd,
        BigDecimal hashrateMhs,
        int powerW,
        BigDecimal coinPerMhDay,
        BigDecimal electricityUsdPerKwh,
        BigDecimal revenueUsdPerDay,
        BigDecimal powerCostUsdPerDay,
        BigDecimal profitUsdPerDay,
        BigDecimal breakEvenCoinPriceUsd,
        Instant lastProfitableDayEnd,
        BigDecimal lastProfitUsdPerDay,
        BigDecimal lastProfitableCoinPrice) implements Versioned {

    public static final int VERSION = 1;

    public MinerCapitulation {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(dayStart, "dayStart");
        Objects.requireNonNull(dayEnd, "dayEnd");
    }

    /** The Kafka key: {@code model:RTX 3080}. */
    public String key() {
        return "model:" + model;
    }
}
