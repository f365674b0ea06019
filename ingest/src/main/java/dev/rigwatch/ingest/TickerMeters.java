package dev.rigwatch.ingest;

import dev.rigwatch.ingest.resilience.TickVerdict;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * One exchange poller's counts, kept as adders (callbacks count from the producer's I/O thread) and registered
 * as meters tagged {@code source}, so that the progress lines and the metrics read the same numbers.
 */
final class TickerMeters {

    final LongAdder ticksProduced = new LongAdder();
    final LongAdder ticksUnchanged = new LongAdder();
    final LongAdder ticksSendFailed = new LongAdder();
    final LongAdder pollsDeferred = new LongAdder();
    final LongAdder rejectsProduced = new LongAdder();
    final LongAdder rejectsSendFailed = new LongAdder();
    final LongAdder gapsOpened = new LongAdder();
    final LongAdder gapsClosed = new LongAdder();
    final LongAdder gapsProduced = new LongAdder();
    final LongAdder gapsSendFailed = new LongAdder();
    private final Map<RejectReason, LongAdder> pollsFailed = new EnumMap<>(RejectReason.class);
    private final Map<TickVerdict.Reason, LongAdder> ticksInvalid = new EnumMap<>(TickVerdict.Reason.class);

    TickerMeters(MeterRegistry registry, String source) {
        counter(registry, "ticks.produced", ticksProduced, "ticks the broker acknowledged", source);
        counter(registry, "ticks.unchanged", ticksUnchanged, "polls that returned the trade already sent", source);
        counter(registry, "ticks.send.failed", ticksSendFailed, "ticks Kafka did not accept", source);
        counter(registry, "polls.deferred", pollsDeferred, "polls skipped while rate-limited", source);
        counter(registry, "rejects.produced", rejectsProduced, "rejects the broker acknowledged", source);
        counter(registry, "rejects.send.failed", rejectsSendFailed, "rejects Kafka did not accept", source);
        counter(registry, "gaps.opened", gapsOpened, "symbols that went stale", source);
        counter(registry, "gaps.closed", gapsClosed, "stale symbols that recovered", source);
        counter(registry, "gaps.produced", gapsProduced, "gap records the broker acknowledged", source);
        counter(registry, "gaps.send.failed", gapsSendFailed, "gap records Kafka did not accept", source);
        for (RejectReason reason : RejectReason.values()) {
            pollsFailed.put(reason, counter(registry, "polls.failed", "polls that produced no tick, by reason",
                    source, reason.code()));
        }
        for (TickVerdict.Reason reason : TickVerdict.Reason.values()) {
            ticksInvalid.put(reason, counter(registry, "ticks.invalid", "ticks that failed validation, by reason",
                    source, reason.code()));
        }
    }

    void pollFailed(RejectReason reason) {
        pollsFailed.get(reason).increment();
    }

    void tickInvalid(TickVerdict.Reason reason) {
        ticksInvalid.get(reason).increment();
    }

    CountedSender.Accounting rejects() {
        return CountedSender.Accounting.counted(rejectsProduced, rejectsSendFailed);
    }

    CountedSender.Accounting gaps() {
        return CountedSender.Accounting.counted(gapsProduced, gapsSendFailed);
    }

    TickerPoller.Stats stats() {
        return new TickerPoller.Stats(ticksProduced.sum(), ticksUnchanged.sum(), sum(ticksInvalid), sum(pollsFailed),
                pollsDeferred.sum(), rejectsProduced.sum(), ticksSendFailed.sum(), rejectsSendFailed.sum(),
                gapsOpened.sum(), gapsClosed.sum());
    }

    private static <K> long sum(Map<K, LongAdder> counts) {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    private static void counter(MeterRegistry registry, String name, LongAdder count, String description,
                                String source) {
        FunctionCounter.builder(name, count, LongAdder::sum)
                .description(description)
                .tag("source", source)
                .register(registry);
    }

    private static LongAdder counter(MeterRegistry registry, String name, String description, String source,
                                     String reason) {
        LongAdder count = new LongAdder();
        FunctionCounter.builder(name, count, LongAdder::sum)
                .description(description)
                .tag("source", source)
                .tag("reason", reason)
                .register(registry);
        return count;
    }
}
