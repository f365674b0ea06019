package dev.rigwatch.app;

import dev.rigwatch.events.ListingLifecycle.Change;
import dev.rigwatch.simulator.ListingMarket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** The used-GPU side of the progress: listings per simulated minute and open supply against the simulator's truth. */
final class GpuProgress {

    static final List<String> SHOWN = List.of("RTX 3090", "RTX 4090", "RX 6800 XT", "RTX 3060");

    private Instant lastSimTime;
    private long lastNew;

    GpuProgress(Instant simStart) {
        this.lastSimTime = simStart;
    }

    String line(Instant simNow, ListingMarket truth, PipelineMonitor monitor) {
        long newListings = monitor.listingChanges(Change.NEW);
        double simMinutes = Duration.between(lastSimTime, simNow).toMillis() / 60_000.0;
        double perMinute = simMinutes <= 0 ? 0 : (newListings - lastNew) / simMinutes;
        lastSimTime = simNow;
        lastNew = newListings;
        String supply = SHOWN.stream()
                .map(model -> model + " " + monitor.activeSupply(model) + "/" + truth.activeListings(model, simNow).size())
                .collect(Collectors.joining(", "));
        return String.format("       gpu | observed %d | new %d (%.1f per simulated minute) | price changes %d | gone %d | open supply, rigwatch/simulator: %s",
                monitor.listingsObserved(), newListings, perMinute, monitor.listingChanges(Change.PRICE_CHANGED),
                monitor.listingChanges(Change.GONE), supply);
    }
}
