package dev.rigwatch.streams.signal.capitulation;

import dev.rigwatch.events.gpu.GpuModel;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One day of mining on one card at one coin price: {@code revenue = hashrate × coinPerMhDay × price},
 * {@code powerCost = powerW × 24 / 1000 × electricityUsdPerKwh}, {@code profit = revenue − powerCost}, exact.
 */
record MiningProfit(BigDecimal hashrateMhs, int powerW, BigDecimal revenue, BigDecimal powerCost, BigDecimal profit,
                    BigDecimal breakEvenCoinPrice) {

    private static final BigDecimal KWH_PER_W_DAY = new BigDecimal("0.024");

    /** @param model a model with a hash rate */
    static MiningProfit of(GpuModel model, BigDecimal coinPrice, CapitulationSettings settings) {
        BigDecimal hashrate = model.ethHashrateMhs().orElseThrow(
                () -> new IllegalArgumentException(model.model() + " has no hash rate"));
        BigDecimal coinPerDay = hashrate.multiply(settings.coinPerMhDay());
        BigDecimal revenue = coinPerDay.multiply(coinPrice);
        BigDecimal powerCost = BigDecimal.valueOf(model.powerW()).multiply(KWH_PER_W_DAY)
                .multiply(settings.electricityUsdPerKwh());
        return new MiningProfit(hashrate, model.powerW(), revenue, powerCost, revenue.subtract(powerCost),
                powerCost.divide(coinPerDay, 2, RoundingMode.HALF_UP));
    }
}
