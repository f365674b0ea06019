package dev.rigwatch.events;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The used-GPU market of one model or family over one closed window. Topics {@code gpu.stats.1h} and
 * {@code gpu.stats.1d}, key {@code model:<model>} or {@code family:<family>}, record timestamp {@link #windowEnd()}.
 * Prices are asking prices in USD of the listings open at the window's end, estimated with a mergeable quantile
 * sketch whose rank error is stated in {@link #priceRankError()}.
 *
 * @param scope              {@code model} or {@code family}
 * @param subject            the model ({@code RTX 3090}) or family ({@code GeForce RTX 30})
 * @param interval           the window size ({@code PT1H}, {@code P1D})
 * @param windowStart        inclusive start, UTC-aligned
 * @param windowEnd          exclusive end
 * @param activeSupply       listings open at the window's end
 * @param newListings        listings that appeared in the window
 * @param goneListings       listings that went GONE in the window (sold or withdrawn)
 * @param priceChanges       price changes in the window
 * @param p25PriceUsd        25th percentile of the open listings' prices; null when none is open
 * @param medianPriceUsd     median of the open listings' prices; null when none is open
 * @param p75PriceUsd        75th percentile; null when none is open
 * @param priceRankError     the sketch's normalized rank error for a single quantile (e.g. 0.0133 for ±1.33 %)
 * @param medianDaysOnMarket median time on market of the listings gone in the window, in days; null when none went
 * @param medianPriceToMsrp  median of open listings' price ÷ their model's launch MSRP; null when none is open
 */
public record GpuMarketStats(
        int v,
        String scope,
        String subject,
        Duration interval,
        Instant windowStart,
        Instant windowEnd,
        long activeSupply,
        long newListings,
        long goneListings,
        long priceChanges,
        Double p25PriceUsd,
        Double medianPriceUsd,
        Double p75PriceUsd,
        double priceRankError,
        Double medianDaysOnMarket,
        Double medianPriceToMsrp) implements Versioned {

    public static final int VERSION = 1;
    public static final String MODEL = "model";
    public static final String FAMILY = "family";

    public GpuMarketStats {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(windowEnd, "windowEnd");
        if (!scope.equals(MODEL) && !scope.equals(FAMILY)) {
            throw new IllegalArgumentException("scope must be model or family, got " + scope);
        }
    }

    /** The Kafka key: {@code model:RTX 3090} or {@code family:GeForce RTX 30}. */
    public String key() {
        return key(scope, subject);
    }

    public static String key(String scope, String subject) {
        return scope + ":" + subject;
    }
}
