package dev.rigwatch.streams.gpu;

import dev.rigwatch.events.GpuMarketStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.datasketches.kll.KllDoublesSketch;

/**
 * The market of one model or family over one window, as it is counted when the window closes: the lifecycle changes
 * in the window, and the listings open at its end in two KLL sketches, of their prices and of their prices over their
 * own model's launch MSRP. A family's tally is the sum of its models' tallies, the sketches merged.
 */
final class MarketTally {

    private static final double MILLIS_PER_DAY = Duration.ofDays(1).toMillis();

    private final KllDoublesSketch pricesUsd;
    private final KllDoublesSketch pricesToMsrp;
    // exact: a window sees few listings go, and the row states no error for this median
    private final List<Double> daysOnMarket = new ArrayList<>();
    private long newListings;
    private long goneListings;
    private long priceChanges;

    MarketTally(int sketchK) {
        this.pricesUsd = KllDoublesSketch.newHeapInstance(sketchK);
        this.pricesToMsrp = KllDoublesSketch.newHeapInstance(sketchK);
    }

    /** A listing open at the window's end. */
    void open(double priceUsd, double launchMsrpUsd) {
        pricesUsd.update(priceUsd);
        pricesToMsrp.update(priceUsd / launchMsrpUsd);
    }

    void listed() {
        newListings++;
    }

    void repriced() {
        priceChanges++;
    }

    void gone(Duration timeOnMarket) {
        goneListings++;
        daysOnMarket.add(timeOnMarket.toMillis() / MILLIS_PER_DAY);
    }

    /** Adds a model's tally to this family's. */
    void add(MarketTally model) {
        pricesUsd.merge(model.pricesUsd);
        pricesToMsrp.merge(model.pricesToMsrp);
        daysOnMarket.addAll(model.daysOnMarket);
        newListings += model.newListings;
        goneListings += model.goneListings;
        priceChanges += model.priceChanges;
    }

    GpuMarketStats toStats(String scope, String subject, Duration interval, Instant windowStart, Instant windowEnd) {
        return new GpuMarketStats(GpuMarketStats.VERSION, scope, subject, interval, windowStart, windowEnd,
                // the sketch counts its items exactly
                pricesUsd.getN(), newListings, goneListings, priceChanges,
                quantile(pricesUsd, 0.25), quantile(pricesUsd, 0.5), quantile(pricesUsd, 0.75),
                // until its first compaction the sketch holds every item, and its quantiles are exact
                pricesUsd.isEstimationMode() ? pricesUsd.getNormalizedRankError(false) : 0.0,
                median(daysOnMarket), quantile(pricesToMsrp, 0.5));
    }

    /**
     * The smallest item whose normalized rank is at least {@code rank} (the sketch's inclusive criterion: of 100, 200,
     * 300, 400 the median is 200); null for an empty sketch.
     */
    private static Double quantile(KllDoublesSketch sketch, double rank) {
        return sketch.isEmpty() ? null : sketch.getQuantile(rank);
    }

    /** The middle value, or the mean of the two middle ones; null for none. */
    private static Double median(List<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
