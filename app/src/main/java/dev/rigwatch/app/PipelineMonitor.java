package dev.rigwatch.app;

import dev.rigwatch.events.Alert;
import dev.rigwatch.events.GpuMarketStats;
import dev.rigwatch.events.ListingLifecycle;
import dev.rigwatch.events.ListingLifecycle.Change;
import dev.rigwatch.events.ListingObserved;
import dev.rigwatch.events.SupplyTightness;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts what the pipeline writes, topic by topic, and hands each alert to a callback as it arrives: the demo's
 * progress comes from the topics themselves, the same data a trader or dashboard would read. Starts at the
 * topics' current end, so an external cluster's history is not counted.
 */
final class PipelineMonitor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PipelineMonitor.class);

    static final List<Topic<?, ?>> WATCHED = List.of(Topics.CRYPTO_TICKS, Topics.CRYPTO_CANDLES_1M,
            Topics.SIGNALS_REBOUND, Topics.ALERTS, Topics.INGEST_REJECTS, Topics.STREAMS_DEAD_LETTER,
            Topics.GPU_LISTINGS, Topics.GPU_LISTING_LIFECYCLE, Topics.GPU_STATS_1H, Topics.SIGNALS_TIGHTNESS);

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    /** Open listings per model, from the lifecycle: NEW adds one, GONE or EXPIRED takes one away. */
    private final Map<String, LongAdder> activeByModel = new ConcurrentHashMap<>();
    private final Map<Change, LongAdder> changes = new ConcurrentHashMap<>();
    private final LongAdder listingsObserved = new LongAdder();
    private final TopicReader reader;
    private final Consumer<Alert> onAlert;
    private final Consumer<GpuMarketStats> onGpuStats;
    private final Consumer<SupplyTightness> onTightness;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean draining;
    private final CountDownLatch drained = new CountDownLatch(1);

    /**
     * @param onAlert    each alert, as it arrives
     * @param onGpuStats  each hourly GPU market row, as it arrives
     * @param onTightness each supply tightness index, of a model or the market, as it arrives
     */
    PipelineMonitor(String bootstrap, Consumer<Alert> onAlert, Consumer<GpuMarketStats> onGpuStats,
                    Consumer<SupplyTightness> onTightness) {
        this.onAlert = onAlert;
        this.onGpuStats = onGpuStats;
        this.onTightness = onTightness;
        WATCHED.forEach(t -> counts.put(t.name(), new LongAdder()));
        reader = new TopicReader(bootstrap, WATCHED.stream().map(Topic::name).toList(), TopicReader.Start.END);
        thread = new Thread(this::run, "pipeline-monitor");
        thread.setDaemon(true);
        thread.start();
    }

    long count(Topic<?, ?> topic) {
        return counts.get(topic.name()).sum();
    }

    /** Listing observations on {@code gpu.listings} (its coverage records not counted). */
    long listingsObserved() {
        return listingsObserved.sum();
    }

    long listingChanges(Change change) {
        LongAdder count = changes.get(change);
        return count == null ? 0 : count.sum();
    }

    /** Open listings of a model: those NEW and not yet GONE or EXPIRED since the monitor started. */
    long activeSupply(String model) {
        LongAdder count = activeByModel.get(model);
        return count == null ? 0 : count.sum();
    }

    private void tally(ListingLifecycle change) {
        changes.computeIfAbsent(change.change(), c -> new LongAdder()).increment();
        LongAdder active = activeByModel.computeIfAbsent(change.listing().model(), m -> new LongAdder());
        if (change.change() == Change.NEW) {
            active.increment();
        } else if (change.change().ends()) {
            active.decrement();
        }
    }

    /**
     * Waits until every watched partition is read to its end, for after the stages stopped writing: their last
     * commits' records are then counted and handed on before the caller prints a summary.
     *
     * @return whether the end was reached within {@code timeout}
     */
    boolean drain(Duration timeout) {
        draining = true;
        try {
            return drained.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void run() {
        while (running) {
            if (draining && reader.caughtUp()) {
                drained.countDown();
                break;
            }
            for (TopicReader.Entry entry : reader.poll(Duration.ofMillis(200))) {
                counts.get(entry.raw().topic()).increment();
                if (entry.error() != null) {
                    log.warn("Skipped an undecodable record at {}: {}", entry.coordinates(), entry.error());
                } else if (entry.value() instanceof Alert alert) {
                    onAlert.accept(alert);
                } else if (entry.value() instanceof ListingObserved) {
                    listingsObserved.increment();
                } else if (entry.value() instanceof ListingLifecycle change) {
                    tally(change);
                } else if (entry.value() instanceof GpuMarketStats stats) {
                    onGpuStats.accept(stats);
                } else if (entry.value() instanceof SupplyTightness tightness) {
                    onTightness.accept(tightness);
                }
            }
        }
        reader.close();
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
