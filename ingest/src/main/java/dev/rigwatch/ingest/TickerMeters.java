package dev.rigwatch.ingest;

import dev.rigwatch.ingest.resilience.TickVerdict;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * One exchange poller's counts, kept as adders (callbacks count from the producer's I/O thread) and registered
 * as meters tagged {@code source}, so that the progress lines and the metrics read the same numbers. Acknowledged
 * ticks are counted per symbol ({@code rigwatch.ticks}, tags {@code exchange} and {@code symbol}) and rejects per
 * reason ({@link RejectCounts}); {@code ticks.produced} and {@code rejects.produced} are their sums.
 */
final class TickerMeters {

    final LongAdder ticksUnchanged = new LongAdder();
    final LongAdder ticksSendFailed = new LongAdder();
    final LongAdder pollsDeferred = new LongAdder();
    final LongAdder rejectsSendFailed = new LongAdder();
    final LongAdder gapsOpened = new LongAdder();
    final LongAdder gapsClosed = new LongAdder();
    final LongAdder gapsProduced = new LongAdder();
    final LongAdder gapsSendFailed = new LongAdder();
    /** A WebSocket feed's only: the transport registers them as {@code ws.*} meters. */
    final LongAdder reconnects = new LongAdder();
    final LongAdder outagesRepaired = new LongAdder();
    private final Map<String, LongAdder> ticksBySymbol = new LinkedHashMap<>();
    private final RejectCounts rejects;
    private final Map<RejectReason, LongAdder> pollsFailed = new EnumMap<>(RejectReason.class);
    private final Map<TickVerdict.Reason, LongAdder> ticksInvalid = new EnumMap<>(TickVerdict.Reason.class);

    TickerMeters(MeterRegistry registry, String source, List<String> symbols) {
        for (String symbol : symbols) {
            LongAdder count = new LongAdder();
            ticksBySymbol.put(symbol, count);
            FunctionCounter.builder("rigwatch.ticks", count, LongAdder::sum)
                    .description("ticks the broker acknowledged, by exchange and symbol")
                    .tag("exchange", source)
                    .tag("symbol", symbol)
                    .register(registry);
        }
        this.rejects = new RejectCounts(registry, source);
        FunctionCounter.builder("ticks.produced", ticksBySymbol, TickerMeters::sum)
                .description("ticks the broker acknowledged").tag("source", source).register(registry);
        counter(registry, "ticks.unchanged", ticksUnchanged, "polls that returned the trade already sent", source);
        counter(registry, "ticks.send.failed", ticksSendFailed, "ticks Kafka did not accept", source);
        counter(registry, "polls.deferred", pollsDeferred, "polls skipped while rate-limited", source);
        FunctionCounter.builder("rejects.produced", rejects, RejectCounts::total)
                .description("rejects the broker acknowledged").tag("source", source).register(registry);
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

    /** Acknowledged ticks of {@code symbol}, one of the poller's. */
    LongAdder ticks(String symbol) {
        return ticksBySymbol.get(symbol);
    }

    CountedSender.Accounting rejects(String reason) {
        return CountedSender.Accounting.counted(rejects.of(reason), rejectsSendFailed);
    }

    CountedSender.Accounting gaps() {
        return CountedSender.Accounting.counted(gapsProduced, gapsSendFailed);
    }

    TickerPoller.Stats stats() {
        return new TickerPoller.Stats(sum(ticksBySymbol), ticksUnchanged.sum(), sum(ticksInvalid), sum(pollsFailed),
                pollsDeferred.sum(), rejects.total(), ticksSendFailed.sum(), rejectsSendFailed.sum(),
                gapsOpened.sum(), gapsClosed.sum(), reconnects.sum(), outagesRepaired.sum());
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
