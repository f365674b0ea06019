package dev.rigwatch.bench;

import dev.rigwatch.alerts.RulesFile;
import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.ListingObserved;
import dev.rigwatch.events.ListingRecord;
import dev.rigwatch.events.PollCoverage;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.alert.Subscription;
import dev.rigwatch.events.kafka.EventProducer;
import dev.rigwatch.events.kafka.KafkaClients;
import dev.rigwatch.events.kafka.TopicAdmin;
import dev.rigwatch.ops.ProgressBar;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.Callback;

/**
 * Fills a namespace with a run's input before the stages start, so that they are measured from earliest to caught
 * up: the catalogue's topics, the bundled alert rules, {@code ticks} ticks (one a second per instrument, ending now, so
 * that no topic's retention reaches them) and an hourly GPU listing poll with its coverage.
 */
final class Preload {

    /**
     * @param ticks    ticks loaded
     * @param listings listing records loaded (observations and coverage)
     * @param from     the first tick's time
     * @param to       the last tick's time
     */
    record Loaded(TopicNamespace ns, int instruments, long ticks, long listings, Instant from, Instant to) {
    }

    private static final Duration POLL_EVERY = Duration.ofHours(1);

    private Preload() {
    }

    static Loaded into(String bootstrap, TopicNamespace ns, int instruments, long ticks, PrintStream progress) {
        createTopics(bootstrap, ns);
        BenchInput input = new BenchInput(instruments);
        long seconds = Math.max(1, ticks / instruments);
        Instant from = Instant.now().minusSeconds(seconds).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        Topic<String, CryptoTick> tickTopic = ns.of(Topics.CRYPTO_TICKS);
        Topic<String, ListingRecord> listingTopic = ns.of(Topics.GPU_LISTINGS);
        AtomicReference<Exception> failed = new AtomicReference<>();
        Callback onFailure = (metadata, e) -> {
            if (e != null) {
                failed.compareAndSet(null, e);
            }
        };
        long sent = 0;
        long listings = 0;
        long poll = 0;
        long started = System.nanoTime();
        long lastPrinted = started;
        try (EventProducer producer = new EventProducer(bootstrap, "rigwatch-bench-preload")) {
            for (Subscription subscription : RulesFile.bundledDefaults()) {
                producer.send(ns.of(Topics.ALERTS_SUBSCRIPTIONS), subscription.key(), subscription,
                        subscription.createdAt(), onFailure);
            }
            for (long s = 0; sent < ticks; s++) {
                Instant time = from.plusSeconds(s);
                if (s % POLL_EVERY.toSeconds() == 0) {
                    for (ListingObserved listing : input.listings(poll, time)) {
                        producer.send(listingTopic, listing.key(), listing, time, onFailure);
                        listings++;
                    }
                    PollCoverage coverage = input.coverage(poll++, time);
                    producer.sendToEveryPartition(listingTopic, coverage.key(), coverage, time, onFailure);
                    listings += listingTopic.partitions();
                }
                for (int i = 0; i < instruments && sent < ticks; i++, sent++) {
                    CryptoTick tick = input.tick(i, time);
                    producer.send(tickTopic, tick.key(), tick, time, onFailure);
                }
                if (failed.get() != null) {
                    break;
                }
                if (System.nanoTime() - lastPrinted > Bench.PROGRESS_EVERY.toNanos()) {
                    progress.printf("  loading %s %,d of %,d ticks%n", ProgressBar.of(sent, ticks), sent, ticks);
                    lastPrinted = System.nanoTime();
                }
            }
            producer.flush();
        }
        if (failed.get() != null) {
            throw new IllegalStateException("loading the input failed: " + failed.get().getMessage(), failed.get());
        }
        progress.printf("  loaded %,d ticks of %d instruments and %,d listing records in %.1f s%n", sent, instruments,
                listings, (System.nanoTime() - started) / 1e9);
        return new Loaded(ns, instruments, sent, listings, from, from.plusSeconds(seconds - 1));
    }

    /** Creates every catalogue topic in {@code ns}, as production has them (the stages expect them all). */
    static void createTopics(String bootstrap, TopicNamespace ns) {
        try (Admin admin = Admin.create(KafkaClients.admin(bootstrap))) {
            new TopicAdmin(admin).ensure(Topics.all().stream().<Topic<?, ?>>map(ns::of).toList());
        }
    }
}
