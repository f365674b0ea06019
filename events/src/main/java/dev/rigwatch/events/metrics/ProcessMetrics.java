package dev.rigwatch.events.metrics;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
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
        registry.config().commonTags(PROCESS_TAG, process);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return registry;
    }
}
