package dev.rigwatch.streams.signal.tightness;

import dev.rigwatch.events.GpuMarketStats;
import dev.rigwatch.events.SupplyTightness;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A model's index for one hourly row against the rows before it; see {@link SupplyTightnessTopology} for the formula. */
final class TightnessIndex {

    /** z-scores are clipped to ±this, and the index maps [-this, this] onto [0, 100]. */
    static final double Z_LIMIT = 3;

    private final TightnessWeights weights;
    private final int minBaselineRows;

    TightnessIndex(TightnessWeights weights, int minBaselineRows) {
        this.weights = weights;
        this.minBaselineRows = minBaselineRows;
    }

    /**
     * @param baseline the model's preceding rows, oldest first
     * @return the model's tightness, or null when no weighted component counts yet
     */
    SupplyTightness of(GpuMarketStats row, List<GpuMarketStats> baseline) {
        List<SupplyTightness.Component> components = new ArrayList<>();
        double weightSum = 0;
        double weightedZSum = 0;
        for (TightnessComponent c : TightnessComponent.values()) {
            Double raw = c.valueOf(row);
            double[] values = baseline.stream().map(c::valueOf).filter(Objects::nonNull)
                    .mapToDouble(Double::doubleValue).toArray();
            Double mean = values.length == 0 ? null : mean(values);
            Double sd = values.length == 0 ? null : populationSd(values, mean);
            Double z = null;
            double weight = weights.of(c);
            if (raw != null && values.length >= minBaselineRows) {
                z = clip(c.tighterWhen.sign * (raw - mean) / Math.max(sd, c.sdFloor));
                weightSum += weight;
                weightedZSum += weight * z;
            }
            components.add(new SupplyTightness.Component(c.label, c.tighterWhen.label(), raw, mean, sd, values.length,
                    z, weight));
        }
        if (weightSum == 0) {
            return null;
        }
        double weightedZ = weightedZSum / weightSum;
        return new SupplyTightness(SupplyTightness.VERSION, SupplyTightness.MODEL, row.subject(), row.windowStart(),
                row.windowEnd(), index(weightedZ), weightedZ, components, List.of());
    }

    /** 50 + 50 · z / 3: 0 at z = -3, 50 at 0, 100 at 3. */
    static double index(double weightedZ) {
        return 50 + 50 * weightedZ / Z_LIMIT;
    }

    private static double clip(double z) {
        // + 0.0 turns -0.0 (a lower-is-tighter measure exactly at its mean) into 0.0
        return Math.max(-Z_LIMIT, Math.min(Z_LIMIT, z)) + 0.0;
    }

    /** Summed as deviations from the first value, so that identical values give exactly that value. */
    private static double mean(double[] values) {
        double deviations = 0;
        for (double v : values) {
            deviations += v - values[0];
        }
        return values[0] + deviations / values.length;
    }

    private static double populationSd(double[] values, double mean) {
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return Math.sqrt(squares / values.length);
    }
}
