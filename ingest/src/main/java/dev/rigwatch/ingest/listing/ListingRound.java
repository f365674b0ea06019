package dev.rigwatch.ingest.listing;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;

/** What one round of a source's queries did, for its one log line; used by the poll thread only. */
final class ListingRound {

    private final String source;
    private final int queries;
    private final Map<ListingPoller.Outcome, Integer> polls = new EnumMap<>(ListingPoller.Outcome.class);
    private final Map<String, Integer> skipped = new TreeMap<>();
    private int skippedWhileOpen;
    private int listings;
    private int notAllWritten;

    ListingRound(String source, int queries) {
        this.source = source;
        this.queries = queries;
    }

    void polled(ListingPoller.Outcome outcome) {
        polls.merge(outcome, 1, Integer::sum);
    }

    void skippedWhileOpen() {
        skippedWhileOpen++;
    }

    void skipped(String reason) {
        skipped.merge(reason, 1, Integer::sum);
    }

    void written(int count, boolean all) {
        listings += count;
        if (!all) {
            notAllWritten++;
        }
    }

    void report(Logger log) {
        StringBuilder line = new StringBuilder();
        polls.forEach((outcome, count) -> line.append(line.isEmpty() ? "" : ", ").append(count).append(' ')
                .append(outcome.tag()));
        if (skippedWhileOpen > 0) {
            line.append(line.isEmpty() ? "" : ", ").append(skippedWhileOpen)
                    .append(" skipped while the circuit was open");
        }
        line.append("; ").append(listings).append(" listings written");
        if (notAllWritten > 0) {
            line.append(" (").append(notAllWritten).append(" polls incomplete as Kafka did not take every listing)");
        }
        if (!skipped.isEmpty()) {
            line.append("; ").append(skipped.values().stream().mapToInt(Integer::intValue).sum())
                    .append(" items skipped ").append(skipped);
        }
        log.info("{} round of {} queries: {}", source, queries, line);
    }
}
