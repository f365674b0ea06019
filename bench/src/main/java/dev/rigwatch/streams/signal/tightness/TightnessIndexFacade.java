package dev.rigwatch.streams.signal.tightness;

import dev.rigwatch.events.GpuMarketStats;
import dev.rigwatch.events.SupplyTightness;
import java.util.List;

/**
 * The supply tightness index of one model's hourly row, for the micro benchmark ({@code rigwatch bench}).
 * {@link TightnessIndex} is package-private in the streams module; this facade lives in the bench module, in its
 * package, so that the streams module's API does not grow for a benchmark, and it is the call
 * {@link ModelTightnessProcessor} makes for each row, without the history store around it.
 */
public final class TightnessIndexFacade {

    private final TightnessIndex index;

    public TightnessIndexFacade(TightnessSettings settings) {
        this.index = new TightnessIndex(settings.weights(), settings.minBaselineRows());
    }

    /**
     * @param baseline the model's preceding rows, oldest first
     * @return the model's tightness, or null when no weighted component counts yet
     */
    public SupplyTightness of(GpuMarketStats row, List<GpuMarketStats> baseline) {
        return index.of(row, baseline);
    }
}
