package dev.rigwatch.ingest.listing;

import dev.rigwatch.events.IngestReject;
import dev.rigwatch.events.ListingObserved;
import dev.rigwatch.events.PollCoverage;
import dev.rigwatch.events.Topics;
import dev.rigwatch.ingest.CountedSender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one poll of a listing source to Kafka: the listings the {@link ListingIntake} admits, then (once Kafka
 * has acknowledged them) the poll's {@link PollCoverage} on every partition, so each partition holds it after the
 * listings it covers, and a reject for every item not written, once per listing id and reason. The coverage is
 * complete only when the source says so and every listing was acknowledged: a listing Kafka did not take would
 * otherwise look gone.
 */
final class ListingPollWriter {

    // the poller's logger: a source's lines stay under one name, whichever part of the poll writes them
    private static final Logger log = LoggerFactory.getLogger(ListingPoller.class);

    /** How long a poll waits for Kafka to acknowledge its listings: beyond the producer's delivery timeout (2 min). */
    private static final Duration ACK_WAIT = Duration.ofMinutes(3);
    private static final String KAFKA_SEND_FAILED = "kafka send failed";

    /** One listing id rejected for one reason. */
    private record RejectedItem(String listingId, String reason) {
    }

    private final String source;
    private final ListingIntake intake;
    private final CountedSender sender;
    private final ListingMeters meters;
    private final Map<RejectedItem, Boolean> rejected;
    // the poll thread's own
    private final Set<String> skipReasonsLogged = new HashSet<>();

    ListingPollWriter(String source, ListingIntake intake, CountedSender sender, ListingMeters meters,
                      int rememberedRejects) {
        this.source = source;
        this.intake = intake;
        this.sender = sender;
        this.meters = meters;
        this.rejected = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<RejectedItem, Boolean> eldest) {
                return size() > rememberedRejects;
            }
        });
    }

    /** Writes a poll's listings, rejects and coverage; returns whether the coverage is complete. */
    boolean write(String query, SourcePoll poll, ListingRound round) {
        String pollId = source + ":" + query + "@" + poll.startedAt();
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        int skippedItems = 0;
        for (SourceListing listing : poll.listings()) {
            ListingIntake.Verdict verdict = intake.admit(listing, source, query, pollId);
            if (verdict instanceof ListingIntake.Admitted admitted) {
                ListingObserved observed = admitted.observed();
                sends.add(sender.send(Topics.GPU_LISTINGS, observed.key(), observed, observed.eventTime(),
                        meters.listing()));
            } else if (verdict instanceof ListingIntake.Refused refused) {
                skip(new SkippedItem(listing.listingId(), refused.reason(), refused.detail(), listing.url(),
                        listing.raw(), listing.observedAt()), query, round);
                skippedItems++;
            }
        }
        for (SkippedItem item : poll.skipped()) {
            skip(item, query, round);
            skippedItems++;
        }
        int written = acknowledged(sends);
        boolean allWritten = written == sends.size();
        round.written(written, allWritten);
        boolean complete = poll.complete() && allWritten;
        String incompleteReason = poll.complete() ? (allWritten ? null : KAFKA_SEND_FAILED)
                : (allWritten ? poll.incompleteReason() : poll.incompleteReason() + "; " + KAFKA_SEND_FAILED);
        PollCoverage coverage = new PollCoverage(PollCoverage.VERSION, source, query, pollId, poll.startedAt(),
                poll.finishedAt(), poll.pages(), written, skippedItems, complete, poll.coveredFrom(), incompleteReason);
        sender.sendToEveryPartition(Topics.GPU_LISTINGS, coverage.key(), coverage, coverage.eventTime(),
                meters.coverage());
        return complete;
    }

    /** A reject sent every time (a failed poll): it is not an item that is seen again. */
    void reject(IngestReject reject) {
        sender.send(Topics.INGEST_REJECTS, reject.source(), reject, reject.observedTime(),
                meters.reject(reject.reason(), () -> { }));
    }

    /**
     * What a reject names as its URL when no request URL is known (a source that threw, an item without one):
     * {@code source:query}, as the coverage key. Readers of {@code ingest.rejects} rely on every reject having one.
     */
    String polled(String query) {
        return source + ":" + query;
    }

    /** Counts an item not written and rejects it, unless this listing was already rejected for this reason. */
    private void skip(SkippedItem item, String query, ListingRound round) {
        String url = item.url() == null ? polled(query) : item.url();
        meters.skipped(item.reason());
        round.skipped(item.reason());
        if (skipReasonsLogged.add(item.reason())) {
            log.info("{} skipped an item as {}: {} ({}); such items are counted in each round's line and written to "
                    + "{} once per listing", source, item.reason(), item.detail(), url, Topics.INGEST_REJECTS);
        }
        IngestReject reject = IngestReject.of(source, url, null, item.reason(), item.detail(), item.raw(),
                item.observedAt());
        if (item.listingId() == null) {
            reject(reject);
            return;
        }
        RejectedItem key = new RejectedItem(item.listingId(), item.reason());
        if (rejected.putIfAbsent(key, Boolean.TRUE) == null) {
            // forget it, so that the next poll seeing the item rejects it again
            sender.send(Topics.INGEST_REJECTS, reject.source(), reject, reject.observedTime(),
                    meters.reject(reject.reason(), () -> rejected.remove(key)));
        }
    }

    /**
     * Waits for Kafka to acknowledge the poll's listings; returns how many it did. One it refused was counted and
     * logged by its callback; one not acknowledged in time, or when close interrupts, counts as not written.
     */
    private int acknowledged(List<Future<RecordMetadata>> sends) {
        long deadline = System.nanoTime() + ACK_WAIT.toNanos();
        int acknowledged = 0;
        for (Future<RecordMetadata> send : sends) {
            try {
                send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged++;
            } catch (ExecutionException e) {
                // refused: counted and logged by the send's callback
            } catch (TimeoutException e) {
                log.warn("Kafka did not acknowledge a {} listing within {}", source, ACK_WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return acknowledged;
    }
}
