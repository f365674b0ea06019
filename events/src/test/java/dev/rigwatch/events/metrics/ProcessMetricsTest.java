package dev.rigwatch.events.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ProcessMetricsTest {

    @Test
    void rocksDbStoreMetersAreLeftOutAndEveryOtherMeterIsTaggedWithTheProcess() {
        PrometheusMeterRegistry registry = ProcessMetrics.prometheus("streams");
        try {
            AtomicInteger reads = new AtomicInteger();
            Gauge.builder("kafka.stream.state.estimate.num.keys", () -> reads.incrementAndGet())
                    .tag("rocksdb-window-state-id", "candles-1m-store").tag("task-id", "0_1").register(registry);
            Gauge.builder("kafka.stream.thread.process.rate", () -> 7).tag("thread-id", "t1").register(registry);
            String scrape = registry.scrape();
            assertThat(scrape).doesNotContain("estimate_num_keys").contains("kafka_stream_thread_process_rate")
                    .contains("process=\"streams\"").contains("jvm_memory_used_bytes");
            assertThat(reads).as("the RocksDB gauge is never read").hasValue(0);
        } finally {
            registry.close();
        }
    }
}
