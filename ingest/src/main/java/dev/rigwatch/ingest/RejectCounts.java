package dev.rigwatch.ingest;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The rejects of one source that Kafka acknowledged, by reason: the meter {@code rigwatch.rejects} tagged
 * {@code source} and {@code reason}, one count of {@code ingest.rejects} whether an exchange's poller or a listing
 * source's wrote them. A reason gets its meter when its first reject is sent, as listing sources have open-ended
 * reasons.
 */
public final class RejectCounts {

    public static final String METER = "rigwatch.rejects";

    private final MeterRegistry registry;
    private final String source;
    private final Map<String, LongAdder> byReason = new ConcurrentHashMap<>();

    public RejectCounts(MeterRegistry registry, String source) {
        this.registry = registry;
        this.source = source;
    }

    /** The count of {@code reason}'s acknowledged rejects, for a send's accounting. */
    public LongAdder of(String reason) {
        return byReason.computeIfAbsent(reason, r -> {
            LongAdder count = new LongAdder();
            FunctionCounter.builder(METER, count, LongAdder::sum)
                    .description("rejects Kafka acknowledged on ingest.rejects, by reason")
                    .tag("source", source)
                    .tag("reason", r)
                    .register(registry);
            return count;
        });
    }

    /** All reasons together. */
    public long total() {
        return byReason.values().stream().mapToLong(LongAdder::sum).sum();
    }
}
