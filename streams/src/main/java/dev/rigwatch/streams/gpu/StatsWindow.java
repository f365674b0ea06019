package dev.rigwatch.streams.gpu;

import dev.rigwatch.events.GpuMarketStats;
import dev.rigwatch.events.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One window size of the GPU market statistics, with the names of its processor and stores. Windows are tumbling and
 * aligned to the epoch, so hours and days are UTC ones.
 *
 * @param label names the processor, stores and metric after the topic ({@code 1h}, {@code 1d}), not after the size:
 *              a shortened hourly window keeps its names
 * @param size  the window size
 * @param grace how long after a window's end its changes still count
 * @param topic where the closed windows' rows go: the catalogue topic, which a namespace may rename
 */
record StatsWindow(String label, Duration size, Duration grace, Topic<String, GpuMarketStats> topic) {

    StatsWindow {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(grace, "grace");
        Objects.requireNonNull(topic, "topic");
    }

    /** The start of the window that holds {@code time}. */
    Instant startOf(Instant time) {
        long ms = time.toEpochMilli();
        return Instant.ofEpochMilli(ms - Math.floorMod(ms, size.toMillis()));
    }

    /** When the window starting at {@code start} closes: its end plus the grace. */
    Instant closesAt(Instant start) {
        return start.plus(size).plus(grace);
    }

    String processorName() {
        return "gpu-stats-" + label;
    }

    /** The listings open as of the end of the latest closed window, by {@code source:listing-id}. */
    String openListingsStore() {
        return processorName() + "-open-listings";
    }

    /** Lifecycle changes of windows not closed yet, in event-time order. */
    String pendingChangesStore() {
        return processorName() + "-pending-changes";
    }

    /** Where the next window to close starts. */
    String progressStore() {
        return processorName() + "-progress";
    }
}
