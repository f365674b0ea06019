package dev.rigwatch.ingest.listing;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * A listing source that answers its polls from a script, one step per poll in call order, whatever the query;
 * once the script is used up, every poll is complete and empty. Records when each poll was called. Each instance
 * has its own id, as the topics are shared by every test of the JVM.
 */
final class ScriptedListingSource implements ListingSource {

    private final String id = "test-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<String> queries;
    private final Deque<Function<String, SourcePoll>> script = new ArrayDeque<>();
    private final List<Long> calls = new ArrayList<>();

    ScriptedListingSource(String... queries) {
        this.queries = List.of(queries);
    }

    /** Adds a step: the poll returned for the query asked (or what it throws). */
    synchronized ScriptedListingSource then(Function<String, SourcePoll> step) {
        script.addLast(step);
        return this;
    }

    synchronized ScriptedListingSource then(SourcePoll poll) {
        return then(query -> poll);
    }

    /** When each poll was called, in {@link System#nanoTime()}. */
    synchronized List<Long> calls() {
        return List.copyOf(calls);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public List<String> queries() {
        return queries;
    }

    @Override
    public SourcePoll poll(String query) {
        Function<String, SourcePoll> step;
        synchronized (this) {
            calls.add(System.nanoTime());
            step = script.pollFirst();
        }
        if (step == null) {
            Instant now = Instant.now();
            return new SourcePoll(query, now, now, 1, List.of(), List.of(), null, true, null, null);
        }
        return step.apply(query);
    }
}
