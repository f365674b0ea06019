package dev.rigwatch.streams.listing;

import dev.rigwatch.events.ListingLifecycle;
import dev.rigwatch.events.ListingLifecycle.Change;
import dev.rigwatch.events.ListingObserved;
import dev.rigwatch.events.ListingRecord;
import dev.rigwatch.events.ListingState;
import dev.rigwatch.events.PollCoverage;
import dev.rigwatch.streams.TimeMode;
import dev.rigwatch.streams.listing.ActiveListing.Ending;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listing lifecycle of one partition of {@code gpu.listings}: sightings make listings NEW or PRICE_CHANGED at once;
 * complete polls are stored as they arrive and judged, every {@code checkEvery} of wall-clock time, against the
 * listings that were active when they arrived, which makes a listing GONE at the first poll that proves it, or
 * EXPIRED at the first poll of its source that started {@code expireAfter} after its last sighting.
 *
 * <p>Each poll's coverage reaches every partition after the poll's listings, so a listing the poll saw has its new
 * sighting stored before the poll is judged. A poll is judged against a listing as the listing was when the poll
 * arrived: a sighting that arrives before the check first lets the waiting polls judge the listing it replaces. So
 * the lifecycle depends on the order of the records alone, not on when the checks ran, and a replay reproduces it.
 *
 * <p>In {@link TimeMode#STREAM_TIME} (replays and backtests at full speed) the check runs as each complete poll
 * arrives, not on a punctuator: a poll's coverage is stamped with the poll's start, before its listings' sightings,
 * so it never moves stream time, and a stream-time check would hold its GONEs back until the next poll's records
 * had moved stream time on, past the grace of the GPU statistics' windows that count them. What the check decides is
 * the same either way; it costs a scan of the task's active listings per complete poll.
 */
final class ListingLifecycleProcessor extends ContextualProcessor<String, ListingRecord, String, ListingLifecycle> {

    private static final Logger log = LoggerFactory.getLogger(ListingLifecycleProcessor.class);

    /** Between a poll's {@code source:query} and its id in the keys of the polls waiting for the check. */
    private static final String POLL_ID_SEPARATOR = "|";

    private final ListingLifecycleSettings settings;
    private final TimeMode timeMode;
    private final StringSerializer prefixSerializer = new StringSerializer();
    private KeyValueStore<String, ActiveListing> listings;
    private KeyValueStore<String, PollCoverage> latestPolls;
    private KeyValueStore<String, PollCoverage> uncheckedPolls;

    // what was ignored since the last check: logged once per check, not once per record
    private int incompletePolls;
    private int outdatedPolls;
    private int outdatedSightings;

    ListingLifecycleProcessor(ListingLifecycleSettings settings, TimeMode timeMode) {
        this.settings = settings;
        this.timeMode = timeMode;
    }

    @Override
    public void init(ProcessorContext<String, ListingLifecycle> context) {
        super.init(context);
        listings = context.getStateStore(ListingLifecycleTopology.LISTINGS_STORE);
        latestPolls = context.getStateStore(ListingLifecycleTopology.LATEST_POLLS_STORE);
        uncheckedPolls = context.getStateStore(ListingLifecycleTopology.UNCHECKED_POLLS_STORE);
        if (timeMode == TimeMode.WALL_CLOCK) {
            context.schedule(settings.checkEvery(), PunctuationType.WALL_CLOCK_TIME, now -> checkPolls());
        }
    }

    @Override
    public void process(Record<String, ListingRecord> record) {
        if (record.value() instanceof ListingObserved seen) {
            observe(record, seen);
        } else if (record.value() instanceof PollCoverage poll) {
            storePoll(poll);
        } else {
            throw new IllegalArgumentException("listing record with key " + record.key() + " has no value");
        }
    }

    private void observe(Record<String, ListingRecord> record, ListingObserved seen) {
        String key = seen.key();
        if (!key.equals(record.key())) {
            // the key picks the partition, and with it the one task that owns the listing's state
            throw new IllegalArgumentException("listing " + key + " arrived with key " + record.key());
        }
        ActiveListing active = listings.get(key);
        if (active != null && seen.observedAt().isBefore(active.state().lastSeenAt())) {
            outdatedSightings++;
            return;
        }
        if (active != null) {
            Ending ending = endingOf(active, uncheckedPollsOf(seen.source()));
            if (ending != null) {
                // a poll that arrived before this sighting ended the listing: the sighting is a relisting
                end(active, ending);
                active = null;
            }
        }
        PollCoverage latestPoll = latestPolls.get(ActiveListing.coverageKey(seen.source(), seen.query()));
        Instant judgedThrough = latestPoll == null ? null : latestPoll.startedAt();

        if (active == null) {
            ListingState state = ListingState.firstSeen(seen);
            listings.put(key, new ActiveListing(state, judgedThrough));
            forward(record, new ListingLifecycle(ListingLifecycle.VERSION, Change.NEW, seen.observedAt(), null, state));
            return;
        }
        ListingState before = active.state();
        ListingState after = before.seenAgain(seen);
        listings.put(key, new ActiveListing(after, judgedThrough));
        // the price as the seller set it: a new exchange rate alone changes only the USD price
        if (before.price().compareTo(seen.price()) != 0 || !before.currency().equals(seen.currency())) {
            forward(record, new ListingLifecycle(ListingLifecycle.VERSION, Change.PRICE_CHANGED, seen.observedAt(),
                    before.priceUsd(), after));
        }
    }

    private void forward(Record<String, ListingRecord> record, ListingLifecycle change) {
        context().forward(record.withKey(change.key()).withValue(change).withTimestamp(change.at().toEpochMilli()));
    }

    private void storePoll(PollCoverage poll) {
        if (!poll.complete()) {
            incompletePolls++;
            return;
        }
        PollCoverage latest = latestPolls.get(poll.key());
        if (latest != null && !poll.startedAt().isAfter(latest.startedAt())) {
            outdatedPolls++;
            return;
        }
        latestPolls.put(poll.key(), poll);
        uncheckedPolls.put(poll.key() + POLL_ID_SEPARATOR + poll.pollId(), poll);
        if (timeMode == TimeMode.STREAM_TIME) {
            checkPolls();
        }
    }

    /** The polls of {@code source} (all its queries) waiting for the check, oldest first. */
    private List<PollCoverage> uncheckedPollsOf(String source) {
        List<PollCoverage> polls = new ArrayList<>();
        try (KeyValueIterator<String, PollCoverage> it =
                     uncheckedPolls.prefixScan(ActiveListing.coverageKey(source, ""), prefixSerializer)) {
            // the prefix also matches a longer source name that starts with this one and the separator
            it.forEachRemaining(kv -> {
                if (kv.value.source().equals(source)) {
                    polls.add(kv.value);
                }
            });
        }
        polls.sort(Comparator.comparing(PollCoverage::startedAt));
        return polls;
    }

    /** Judges the polls that arrived since the last check against the active listings of their sources. */
    private void checkPolls() {
        Map<String, List<PollCoverage>> pollsBySource = new HashMap<>();
        List<String> checked = new ArrayList<>();
        try (KeyValueIterator<String, PollCoverage> it = uncheckedPolls.all()) {
            it.forEachRemaining(kv -> {
                pollsBySource.computeIfAbsent(kv.value.source(), k -> new ArrayList<>()).add(kv.value);
                checked.add(kv.key);
            });
        }
        if (!checked.isEmpty()) {
            pollsBySource.values().forEach(polls -> polls.sort(Comparator.comparing(PollCoverage::startedAt)));
            List<KeyValue<ActiveListing, Ending>> ended = new ArrayList<>();
            try (KeyValueIterator<String, ActiveListing> it = listings.all()) {
                it.forEachRemaining(kv -> {
                    List<PollCoverage> polls = pollsBySource.get(kv.value.state().source());
                    Ending ending = polls == null ? null : endingOf(kv.value, polls);
                    if (ending != null) {
                        ended.add(KeyValue.pair(kv.value, ending));
                    }
                });
            }
            // changed only once the iterator is closed
            ended.forEach(e -> end(e.key, e.value));
            checked.forEach(uncheckedPolls::delete);
            if (!ended.isEmpty()) {
                long expired = ended.stream().filter(e -> e.value.change() == Change.EXPIRED).count();
                log.info("Listing lifecycle task {}: {} listing(s) gone, {} expired, after checking {} new poll(s)",
                        context().taskId(), ended.size() - expired, expired, checked.size());
            }
        }
        if (incompletePolls + outdatedPolls + outdatedSightings > 0) {
            log.info("Listing lifecycle task {} ignored since the last check: {} incomplete poll(s), {} poll(s) not "
                            + "newer than their query's latest, {} sighting(s) older than their listing's latest",
                    context().taskId(), incompletePolls, outdatedPolls, outdatedSightings);
            incompletePolls = 0;
            outdatedPolls = 0;
            outdatedSightings = 0;
        }
    }

    private Ending endingOf(ActiveListing listing, List<PollCoverage> pollsOfItsSource) {
        return listing.endedBy(pollsOfItsSource, settings.goneAfter(), settings.expireAfter());
    }

    private void end(ActiveListing listing, Ending ending) {
        Instant at = ending.decidedBy().startedAt();
        ListingLifecycle change = new ListingLifecycle(ListingLifecycle.VERSION, ending.change(), at, null,
                listing.state());
        context().forward(new Record<>(change.key(), change, at.toEpochMilli()));
        listings.delete(change.key());
    }
}
