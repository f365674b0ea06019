package dev.rigwatch.ops.backtest.outcome;

import dev.rigwatch.events.outcome.Percent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The random-entry baseline: as many entries as the rule had, drawn uniformly (with replacement) from every close of
 * the same series that has the horizon, resampled {@code resamples} times with a fixed seed, so the same inputs give
 * the same spread on every run. Hit rates are doubles, as statistics; changes stay {@link Percent} decimals.
 */
public final class RandomEntries {

    /** Enough resamples that the 5th and 95th percentiles move by well under a percent between seeds. */
    public static final int DEFAULT_RESAMPLES = 1_000;

    private RandomEntries() {
    }

    /**
     * The spread of hit rates and median changes of {@code entries} random entries.
     *
     * @param everyEntryChangesPct the change at this horizon from every close that has it, in series order
     */
    public static RandomEntriesBaseline bootstrap(List<BigDecimal> everyEntryChangesPct, int entries, int resamples,
                                                  long seed) {
        if (entries <= 0 || everyEntryChangesPct.isEmpty() || resamples <= 0) {
            throw new IllegalArgumentException("a bootstrap needs entries, closes to draw them from and resamples: "
                    + entries + ", " + everyEntryChangesPct.size() + ", " + resamples);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] hitRates = new double[resamples];
        List<BigDecimal> medians = new ArrayList<>(resamples);
        BigDecimal[] drawn = new BigDecimal[entries];
        for (int r = 0; r < resamples; r++) {
            int hits = 0;
            for (int e = 0; e < entries; e++) {
                drawn[e] = everyEntryChangesPct.get(random.nextInt(everyEntryChangesPct.size()));
                hits += drawn[e].signum() > 0 ? 1 : 0;
            }
            hitRates[r] = (double) hits / entries;
            BigDecimal[] sorted = drawn.clone();
            Arrays.sort(sorted);
            medians.add(Percent.medianOfSorted(Arrays.asList(sorted)));
        }
        Arrays.sort(hitRates);
        List<BigDecimal> sortedMedians = medians.stream().sorted().toList();
        return new RandomEntriesBaseline(entries, resamples, Arrays.stream(hitRates).average().orElseThrow(),
                percentile(hitRates, 5), percentile(hitRates, 95), Percent.mean(medians),
                percentile(sortedMedians, 5), percentile(sortedMedians, 95));
    }

    /** Nearest-rank percentile: the smallest value with at least p % of the values at or below it. */
    static double percentile(double[] sorted, int p) {
        return sorted[rank(sorted.length, p)];
    }

    static BigDecimal percentile(List<BigDecimal> sorted, int p) {
        return sorted.get(rank(sorted.size(), p));
    }

    private static int rank(int size, int p) {
        return Math.max(0, (int) Math.ceil(p / 100.0 * size) - 1);
    }
}
