package dev.rigwatch.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * How tight the used-GPU supply of one model, or of the whole market, was in one hour, as an index from 0 (loose)
 * through 50 (normal for the recent past) to 100 (tight). Topic {@code signals.tightness}, key {@code model:<model>}
 * or {@code market:all}, record timestamp {@link #windowEnd()}.
 *
 * <p>A model's index combines its {@link #components()}; the market's combines the models' indices, listed in
 * {@link #models()}. Either way {@code index = 50 + 50 · weightedZ / 3}.
 *
 * @param scope       {@code model} or {@code market}
 * @param subject     the model ({@code RTX 3090}), or {@code all} for the market
 * @param windowStart inclusive start of the hour
 * @param windowEnd   exclusive end of the hour
 * @param index       the tightness index, 0 to 100
 * @param weightedZ   the weighted mean of the components' clipped z-scores (model), or of the models' weighted z
 *                    (market): between -3 and 3, positive = tighter
 * @param components  for a model, every component, counted or not; empty for the market
 * @param models      for the market, every model it combines; empty for a model
 */
public record SupplyTightness(
        int v,
        String scope,
        String subject,
        Instant windowStart,
        Instant windowEnd,
        double index,
        double weightedZ,
        List<Component> components,
        List<Constituent> models) implements Versioned {

    public static final int VERSION = 1;
    public static final String MODEL = "model";
    public static final String MARKET = "market";
    public static final String ALL_MODELS = "all";

    public SupplyTightness {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(windowEnd, "windowEnd");
        if (!scope.equals(MODEL) && !scope.equals(MARKET)) {
            throw new IllegalArgumentException("scope must be model or market, got " + scope);
        }
        components = components == null ? List.of() : List.copyOf(components);
        models = models == null ? List.of() : List.copyOf(models);
    }

    /** The Kafka key: {@code model:RTX 3090} or {@code market:all}. */
    public String key() {
        return scope + ":" + subject;
    }

    /**
     * One component of a model's index in one hour. It counts when it has a value this hour and its baseline enough
     * rows; then {@code z} is its standardised deviation from the baseline, signed so that + = tighter and clipped to
     * [-3, 3]; otherwise {@code z} is null and it is left out of the weighted mean.
     *
     * @param name         {@code active-supply}, {@code new-listings}, {@code sell-through}, {@code days-on-market}
     *                     or {@code price-to-msrp}
     * @param tighterWhen  {@code lower} or {@code higher}: which way of the baseline counts as tighter
     * @param raw          this hour's value; null when the hour has none (no listing open, none gone)
     * @param baselineMean mean of the values in the baseline; null when it has none
     * @param baselineSd   population standard deviation of the baseline's values; null when it has none
     * @param baselineRows how many values the baseline has (the preceding hourly rows that had one)
     * @param z            the signed, clipped z-score; null when the component does not count this hour
     * @param weight       its configured weight
     */
    public record Component(
            String name,
            String tighterWhen,
            Double raw,
            Double baselineMean,
            Double baselineSd,
            int baselineRows,
            Double z,
            double weight) {
    }

    /**
     * One model in the market's index.
     *
     * @param model     the model
     * @param index     its index in this hour
     * @param weightedZ its weighted z in this hour
     * @param weight    its weight in the market: its active supply at the hour's end, or its configured weight
     */
    public record Constituent(String model, double index, double weightedZ, double weight) {
    }
}
