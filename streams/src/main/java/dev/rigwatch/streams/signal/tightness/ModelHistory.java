package dev.rigwatch.streams.signal.tightness;

import dev.rigwatch.events.GpuMarketStats;
import java.util.List;

/**
 * A model's latest hourly rows, oldest first: the baseline plus one, so that a restated latest hour still leaves a
 * full baseline behind it.
 */
record ModelHistory(List<GpuMarketStats> rows) {
}
