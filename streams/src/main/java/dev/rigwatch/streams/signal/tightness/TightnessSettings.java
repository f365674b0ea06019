package dev.rigwatch.streams.signal.tightness;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the supply tightness index.
 *
 * @param baselineRows    how many preceding hourly rows of a model its components are standardised against
 *                        (default 24: a day, so the daily rhythm of listing is inside the baseline)
 * @param minBaselineRows how many of those must have a value before a component counts (default 12: a newly watched
 *                        model gets an index after half a day); 2 ≤ min ≤ baselineRows
 * @param weights         the components' weights
 * @param marketWeights   each model's weight in the market index; empty (the default) weighs every model by its active
 *                        supply at the hour's end, otherwise only the models named count, with these weights
 * @param marketGrace     how long after an hour's end the market index waits for models' indices of that hour
 *                        (default 15 min: the hourly stats of a model come out after their own grace)
 * @param checkEvery      how often, in wall-clock time, the market checks the injected clock for hours whose grace
 *                        has passed while no index arrived (default 30 s); no such check in
 *                        {@code TimeMode.STREAM_TIME}
 */
public record TightnessSettings(int baselineRows, int minBaselineRows, TightnessWeights weights,
                                Map<String, Double> marketWeights, Duration marketGrace, Duration checkEvery) {

    public static final int DEFAULT_BASELINE_ROWS = 24;
    public static final int DEFAULT_MIN_BASELINE_ROWS = 12;
    public static final Duration DEFAULT_MARKET_GRACE = Duration.ofMinutes(15);
    public static final Duration DEFAULT_CHECK_EVERY = Duration.ofSeconds(30);

    public TightnessSettings {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(marketWeights, "marketWeights");
        Objects.requireNonNull(marketGrace, "marketGrace");
        Objects.requireNonNull(checkEvery, "checkEvery");
        marketWeights = Map.copyOf(marketWeights);
        if (minBaselineRows < 2 || minBaselineRows > baselineRows) {
            throw new IllegalArgumentException("tightness needs 2 <= minBaselineRows <= baselineRows, got "
                    + minBaselineRows + " and " + baselineRows);
        }
        marketWeights.forEach((model, weight) -> {
            if (!(weight >= 0) || weight.isInfinite()) {
                throw new IllegalArgumentException("market weight of " + model + " must be finite and not negative, got "
                        + weight);
            }
        });
        if (marketGrace.isNegative()) {
            throw new IllegalArgumentException("tightness marketGrace must not be negative, got " + marketGrace);
        }
        if (checkEvery.toMillis() < 1) {
            throw new IllegalArgumentException("tightness checkEvery must be at least 1 ms, got " + checkEvery);
        }
    }

    public static TightnessSettings defaults() {
        return new TightnessSettings(DEFAULT_BASELINE_ROWS, DEFAULT_MIN_BASELINE_ROWS, TightnessWeights.defaults(),
                Map.of(), DEFAULT_MARKET_GRACE, DEFAULT_CHECK_EVERY);
    }

    public TightnessSettings withBaseline(int rows, int minRows) {
        return new TightnessSettings(rows, minRows, weights, marketWeights, marketGrace, checkEvery);
    }

    public TightnessSettings withMarketWeights(Map<String, Double> weightsByModel) {
        return new TightnessSettings(baselineRows, minBaselineRows, weights, weightsByModel, marketGrace, checkEvery);
    }
}
