package dev.rigwatch.streams.signal.tightness;

import java.util.Arrays;

/**
 * How much each component counts in a model's index; only their ratios matter. Defaults: supply 0.30 and
 * sell-through 0.25, the direct measures of how much is for sale and how fast it goes; new listings 0.20, which
 * lead supply; price-to-MSRP 0.15, which follows the others with a lag; days on market 0.10, a median over the few
 * listings gone in an hour and so the noisiest.
 */
public record TightnessWeights(double activeSupply, double newListings, double sellThrough, double daysOnMarket,
                               double priceToMsrp) {

    public TightnessWeights {
        double[] all = {activeSupply, newListings, sellThrough, daysOnMarket, priceToMsrp};
        double sum = 0;
        for (double w : all) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("tightness weights must be finite and not negative, got "
                        + Arrays.toString(all));
            }
            sum += w;
        }
        if (sum == 0) {
            throw new IllegalArgumentException("at least one tightness weight must be positive");
        }
    }

    public static TightnessWeights defaults() {
        return new TightnessWeights(0.30, 0.20, 0.25, 0.10, 0.15);
    }

    double of(TightnessComponent component) {
        return switch (component) {
            case ACTIVE_SUPPLY -> activeSupply;
            case NEW_LISTINGS -> newListings;
            case SELL_THROUGH -> sellThrough;
            case DAYS_ON_MARKET -> daysOnMarket;
            case PRICE_TO_MSRP -> priceToMsrp;
        };
    }
}
