package dev.rigwatch.streams.signal.tightness;

import dev.rigwatch.events.GpuMarketStats;
import java.util.Locale;
import java.util.function.Function;

/**
 * The measures a model's tightness combines, each read from an hourly {@link GpuMarketStats} row, with the way that
 * counts as tighter and the smallest standard deviation its z-score divides by. The floor is the least change that
 * means something for the measure; without it a baseline that happened to be constant (a quiet model listing
 * nothing new for a day) would turn one new listing into an infinite z.
 */
enum TightnessComponent {

    /** Listings open at the hour's end: fewer = tighter. */
    ACTIVE_SUPPLY("active-supply", Direction.LOWER, 1.0, row -> (double) row.activeSupply()),
    /** Listings that appeared in the hour: fewer = tighter. */
    NEW_LISTINGS("new-listings", Direction.LOWER, 1.0, row -> (double) row.newListings()),
    /** Listings gone in the hour ÷ listings open at its end: more = tighter; none when none is open. */
    SELL_THROUGH("sell-through", Direction.HIGHER, 0.01,
            row -> row.activeSupply() == 0 ? null : (double) row.goneListings() / row.activeSupply()),
    /** Median days on market of the listings gone in the hour: fewer = tighter; none when none went. */
    DAYS_ON_MARKET("days-on-market", Direction.LOWER, 0.5, GpuMarketStats::medianDaysOnMarket),
    /**
     * Median asking price ÷ launch MSRP: above its trailing mean = prices rising = tighter, so its z-score is the
     * momentum; none when no listing is open.
     */
    PRICE_TO_MSRP("price-to-msrp", Direction.HIGHER, 0.01, GpuMarketStats::medianPriceToMsrp);

    enum Direction {
        LOWER(-1), HIGHER(1);

        final int sign;

        Direction(int sign) {
            this.sign = sign;
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    final String label;
    final Direction tighterWhen;
    final double sdFloor;
    private final Function<GpuMarketStats, Double> value;

    TightnessComponent(String label, Direction tighterWhen, double sdFloor, Function<GpuMarketStats, Double> value) {
        this.label = label;
        this.tighterWhen = tighterWhen;
        this.sdFloor = sdFloor;
        this.value = value;
    }

    /** This measure in {@code row}, or null when the row has none. */
    Double valueOf(GpuMarketStats row) {
        return value.apply(row);
    }
}
