package dev.rigwatch.ops.backtest.outcome;

import java.math.BigDecimal;

/**
 * What the same number of entries at random closes did, over many resamples. The percentiles are nearest-rank.
 *
 * @param entries        entries per resample (the rule's signal count at this horizon)
 * @param resamples      resamples drawn
 * @param meanHitRate    mean hit rate over the resamples
 * @param hitRateP5      5th percentile of the resamples' hit rates
 * @param hitRateP95     95th percentile of the resamples' hit rates
 * @param meanMedianPct  mean over the resamples of each resample's median change, in %
 * @param medianP5Pct    5th percentile of the resamples' median changes
 * @param medianP95Pct   95th percentile of the resamples' median changes
 */
public record RandomEntriesBaseline(int entries, int resamples, double meanHitRate, double hitRateP5,
                                    double hitRateP95, BigDecimal meanMedianPct, BigDecimal medianP5Pct,
                                    BigDecimal medianP95Pct) {
}
