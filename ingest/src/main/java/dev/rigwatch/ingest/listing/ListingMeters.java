package dev.rigwatch.ingest.listing;

import dev.rigwatch.events.Topics;
import dev.rigwatch.ingest.CountedSender;
import dev.rigwatch.ingest.RejectCounts;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * One listing poller's counts, as adders (send callbacks count from the producer's I/O thread) registered as
 * meters tagged {@code source}, so that progress lines and metrics read the same numbers.
 */
final class ListingMeters {

    private final MeterRegistry registry;
    private final String source;
    private final LongAdder listingsSent = new LongAdder();
    private final RejectCounts rejectsSent;
    private final LongAdder listingSendsFailed = new LongAdder();
    private final LongAdder rejectSendsFailed = new LongAdder();
    /** Coverage copies Kafka acknowledged: not a meter, a poll's coverage is not a listing. */
    private final LongAdder coverageSent = new LongAdder();
    private final Map<String, LongAdder> skipped = new ConcurrentHashMap<>();
    private final Map<ListingPoller.Outcome, LongAdder> polls = new EnumMap<>(ListingPoller.Outcome.class);

    ListingMeters(MeterRegistry registry, String source) {
        this.registry = registry;
        this.source = source;
        counter("rigwatch.listings.observed", listingsSent, "listings Kafka acknowledged", "source", source);
        this.rejectsSent = new RejectCounts(registry, source);
        FunctionCounter.builder("rigwatch.listing.rejects", rejectsSent, RejectCounts::total)
                .description("rejects Kafka acknowledged").tag("source", source).register(registry);
        counter("rigwatch.listing.sends.failed", listingSendsFailed, "records Kafka did not accept", "source", source,
                "topic", Topics.GPU_LISTINGS.name());
        counter("rigwatch.listing.sends.failed", rejectSendsFailed, "records Kafka did not accept", "source", source,
                "topic", Topics.INGEST_REJECTS.name());
        for (ListingPoller.Outcome outcome : ListingPoller.Outcome.values()) {
            LongAdder count = new LongAdder();
            polls.put(outcome, count);
            counter("rigwatch.listing.polls", count, "polls made, by how they ended", "source", source,
                    "outcome", outcome.tag());
        }
    }

    /** A listing: counted observed once Kafka acknowledged it. */
    CountedSender.Accounting listing() {
        return CountedSender.Accounting.counted(listingsSent, listingSendsFailed);
    }

    /** A copy of a poll's coverage: only a failure counts. */
    CountedSender.Accounting coverage() {
        return CountedSender.Accounting.counted(coverageSent, listingSendsFailed);
    }

    CountedSender.Accounting reject(String reason, Runnable onFailure) {
        return new CountedSender.Accounting(rejectsSent.of(reason), rejectSendsFailed, onFailure);
    }

    void skipped(String reason) {
        skipped.computeIfAbsent(reason, r -> {
            LongAdder count = new LongAdder();
            counter("rigwatch.listings.skipped", count, "items seen but not written, by reason", "source", source,
                    "reason", r);
            return count;
        }).increment();
    }

    void polled(ListingPoller.Outcome outcome) {
        polls.get(outcome).increment();
    }

    ListingPoller.Stats stats(Instant lastPollAt) {
        Map<String, Long> skippedByReason = new TreeMap<>();
        skipped.forEach((reason, count) -> skippedByReason.put(reason, count.sum()));
        Map<ListingPoller.Outcome, Long> pollsByOutcome = new EnumMap<>(ListingPoller.Outcome.class);
        polls.forEach((outcome, count) -> pollsByOutcome.put(outcome, count.sum()));
        return new ListingPoller.Stats(listingsSent.sum(), Collections.unmodifiableMap(skippedByReason),
                Collections.unmodifiableMap(pollsByOutcome), rejectsSent.total(),
                listingSendsFailed.sum() + rejectSendsFailed.sum(), lastPollAt);
    }

    private void counter(String name, LongAdder count, String description, String... tags) {
        FunctionCounter.builder(name, count, LongAdder::sum)
                .description(description)
                .tags(tags)
                .register(registry);
    }
}
