package dev.rigwatch.events.metrics;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The meter registry of one long-running rigwatch process: Prometheus's, with the JVM's own meters, every meter
 * tagged {@code process} so that one Prometheus can tell the stages apart even when they share a host. The stages
 * register their meters on it; a {@code MetricsServer} serves it on {@code /metrics}.
 */
public final class ProcessMetrics {

    /** The common tag that names the process: {@code ingest}, {@code streams}, {@code alerts}, {@code demo}. */
    public static final String PROCESS_TAG = "process";

    /**
     * Leaves out Kafka Streams' per-store RocksDB meters. Many are gauges that read a native RocksDB property, and a
     * scrape reading a store that Kafka Streams is closing at that moment (a window store dropping an old segment, a
     * task moving away) can abort the JVM inside RocksDB; a demo test run died that way, exit code 134, no Java trace.
     * They are also most of the series (8,500 of 11,000 in the demo). The thread, task and processor metrics stay.
     */
    static final MeterFilter NO_ROCKSDB_STORE_METERS = MeterFilter.deny(id -> id.getTags().stream()
            .anyMatch(tag -> tag.getKey().startsWith("rocksdb")));

    private ProcessMetrics() {
    }

    /** A registry for {@code process}; closing it also stops the GC listener the JVM meters need. */
    public static PrometheusMeterRegistry prometheus(String process) {
        JvmGcMetrics gc = new JvmGcMetrics();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT) {
            @Override
            public void close() {
                gc.close();
                super.close();
            }
        };
        registry.config().commonTags(PROCESS_TAG, process).meterFilter(NO_ROCKSDB_STORE_METERS);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return registry;
    }
}
