package dev.rigwatch.streams.gpu;

import dev.rigwatch.events.GpuMarketStats;
import dev.rigwatch.events.ListingLifecycle;
import dev.rigwatch.events.ListingState;
import dev.rigwatch.events.gpu.GpuCatalogue;
import dev.rigwatch.events.gpu.GpuModel;
import dev.rigwatch.streams.TimeMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GPU market of one window size for the families of one partition. Lifecycle changes wait in a store until their
 * window closes, when now has passed its end plus the grace; then they are applied in event-time order to the
 * listings open at the previous window's end, which gives the listings open at this window's end. Each model with an
 * open listing or a change in the window gets a row, each of their families one from the models' merged tallies.
 *
 * <p>Now is the injected clock, read every {@code checkEvery} of wall clock so that a quiet model still gets its row
 * ({@link TimeMode#WALL_CLOCK}), or the task's stream time each time it has moved {@code checkEvery} on
 * ({@link TimeMode#STREAM_TIME}: a replay closes the windows its records pass, whatever the wall clock says).
 *
 * <p>A change for a window already closed is too late for any row: it is counted in the task's
 * {@code late-lifecycle-changes-<label>-total} metric (group {@code stream-gpu-stats-metrics}), logged (the first of
 * the task, then every {@value #LOG_EVERY}th), and applied to the open listings at once, so that the supply of the
 * windows still to close is right.
 */
final class MarketWindowProcessor extends ContextualProcessor<String, ListingLifecycle, String, GpuMarketStats> {

    static final int LOG_EVERY = 100;
    static final String METRICS_SCOPE = "gpu-stats";

    private static final Logger log = LoggerFactory.getLogger(MarketWindowProcessor.class);
    private static final String NEXT_WINDOW_START = "next-window-start";

    private final StatsWindow window;
    private final GpuStatsSettings settings;
    private final GpuCatalogue catalogue;
    private final Clock clock;
    private final TimeMode timeMode;
    private KeyValueStore<String, ListingState> openListings;
    private KeyValueStore<String, ListingLifecycle> pendingChanges;
    private KeyValueStore<String, Instant> progress;
    private Sensor lateChangesSensor;
    private long lateChanges;

    MarketWindowProcessor(StatsWindow window, GpuStatsSettings settings, GpuCatalogue catalogue, Clock clock,
                          TimeMode timeMode) {
        this.window = window;
        this.settings = settings;
        this.catalogue = catalogue;
        this.clock = clock;
        this.timeMode = timeMode;
    }

    @Override
    public void init(ProcessorContext<String, GpuMarketStats> context) {
        super.init(context);
        openListings = context.getStateStore(window.openListingsStore());
        pendingChanges = context.getStateStore(window.pendingChangesStore());
        progress = context.getStateStore(window.progressStore());
        // the operation names the window size: one sensor per task and size, not one shared by tags
        lateChangesSensor = context.metrics().addRateTotalSensor(METRICS_SCOPE, context.taskId().toString(),
                "late-lifecycle-changes-" + window.label(), Sensor.RecordingLevel.INFO);
        timeMode.schedule(context, settings.checkEvery(), clock, this::closeDueWindows);
    }

    @Override
    public void process(Record<String, ListingLifecycle> record) {
        ListingLifecycle change = record.value();
        Instant nextWindowStart = progress.get(NEXT_WINDOW_START);
        if (nextWindowStart != null && change.at().isBefore(nextWindowStart)) {
            reportLate(change, nextWindowStart);
            apply(change);
            return;
        }
        long offset = context().recordMetadata().map(RecordMetadata::offset)
                .orElseThrow(() -> new IllegalStateException("a lifecycle change without its offset"));
        pendingChanges.put(pendingKey(change.at(), offset), change);
    }

    @Override
    public void close() {
        context().metrics().removeSensor(lateChangesSensor);
    }

    /**
     * Event time, then arrival order: zero-padded so that the store's byte order is this order. Event times before
     * 1970 would break it, and no marketplace listing has one.
     */
    private static String pendingKey(Instant at, long offset) {
        long ms = at.toEpochMilli();
        if (ms < 0) {
            throw new IllegalArgumentException("lifecycle change at " + at + " is before 1970");
        }
        return String.format("%019d|%019d", ms, offset);
    }

    private void reportLate(ListingLifecycle change, Instant nextWindowStart) {
        lateChangesSensor.record();
        lateChanges++;
        if (lateChanges == 1 || lateChanges % LOG_EVERY == 0) {
            Instant start = window.startOf(change.at());
            log.warn("{} of {} ({}) at {} is too late for the {} window [{}, {}) that closed at {} (windows before {} "
                            + "are written): it changes the open listings from now on but no row; {} late changes so "
                            + "far in task {}",
                    change.change(), change.key(), change.listing().model(), change.at(), window.label(), start,
                    start.plus(window.size()), window.closesAt(start), nextWindowStart, lateChanges,
                    context().taskId());
        }
    }

    /** Closes every window whose close {@code now} has reached, oldest first. */
    private void closeDueWindows(Instant now) {
        Instant start = progress.get(NEXT_WINDOW_START);
        if (start == null) {
            start = firstPendingWindowStart();
            if (start == null) {
                return;
            }
        }
        while (!window.closesAt(start).isAfter(now)) {
            Instant end = start.plus(window.size());
            closeWindow(start, end);
            start = end;
            progress.put(NEXT_WINDOW_START, start);
        }
    }

    private Instant firstPendingWindowStart() {
        try (KeyValueIterator<String, ListingLifecycle> it = pendingChanges.all()) {
            return it.hasNext() ? window.startOf(it.next().value.at()) : null;
        }
    }

    private void closeWindow(Instant start, Instant end) {
        Map<String, MarketTally> byModel = new TreeMap<>();
        List<String> applied = new ArrayList<>();
        try (KeyValueIterator<String, ListingLifecycle> it = pendingChanges.all()) {
            while (it.hasNext()) {
                KeyValue<String, ListingLifecycle> pending = it.next();
                ListingLifecycle change = pending.value;
                if (!change.at().isBefore(end)) {
                    break;
                }
                MarketTally tally = tallyOf(byModel, change.listing().model());
                boolean wasOpen = apply(change);
                switch (change.change()) {
                    case NEW -> {
                        // a listing already open did not appear now
                        if (!wasOpen) {
                            tally.listed();
                        }
                    }
                    case PRICE_CHANGED -> tally.repriced();
                    case GONE -> tally.gone(change.timeOnMarket());
                    // off the market at an unknown time: no longer supply, but no sale to count either
                    case EXPIRED -> {
                    }
                }
                applied.add(pending.key);
            }
        }
        applied.forEach(pendingChanges::delete);

        try (KeyValueIterator<String, ListingState> it = openListings.all()) {
            it.forEachRemaining(open -> {
                GpuModel model = modelOf(open.value.model());
                tallyOf(byModel, model.model()).open(open.value.priceUsd().doubleValue(),
                        model.launchMsrpUsd().doubleValue());
            });
        }

        Map<String, MarketTally> byFamily = new TreeMap<>();
        byModel.forEach((model, tally) -> {
            emit(GpuMarketStats.MODEL, model, tally, start, end);
            byFamily.computeIfAbsent(modelOf(model).family(), f -> new MarketTally(settings.sketchK())).add(tally);
        });
        byFamily.forEach((family, tally) -> emit(GpuMarketStats.FAMILY, family, tally, start, end));
        log.info("GPU stats task {}: {} window [{}, {}) closed with {} change(s), {} model and {} family row(s)",
                context().taskId(), window.label(), start, end, applied.size(), byModel.size(), byFamily.size());
    }

    private MarketTally tallyOf(Map<String, MarketTally> byModel, String model) {
        return byModel.computeIfAbsent(model, m -> new MarketTally(settings.sketchK()));
    }

    /** Applies {@code change} to the open listings; tells whether the listing was open before. */
    private boolean apply(ListingLifecycle change) {
        String key = change.key();
        boolean wasOpen = openListings.get(key) != null;
        switch (change.change()) {
            case NEW, PRICE_CHANGED -> openListings.put(key, change.listing());
            case GONE, EXPIRED -> openListings.delete(key);
        }
        return wasOpen;
    }

    private void emit(String scope, String subject, MarketTally tally, Instant start, Instant end) {
        GpuMarketStats stats = tally.toStats(scope, subject, window.size(), start, end);
        context().forward(new Record<>(stats.key(), stats, end.toEpochMilli()));
    }

    private GpuModel modelOf(String model) {
        // the re-key by family let only catalogue models through, so a miss means the catalogue lost a model
        return catalogue.find(model).orElseThrow(() -> new IllegalStateException(
                "GPU model " + model + " of an open listing is not in the catalogue"));
    }
}
