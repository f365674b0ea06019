package dev.rigwatch.streams.listing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.broker.testing.SharedKafka;
import dev.rigwatch.events.ListingLifecycle;
import dev.rigwatch.events.ListingObserved;
import dev.rigwatch.events.ListingState;
import dev.rigwatch.events.PollCoverage;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.kafka.EventProducer;
import dev.rigwatch.events.kafka.StreamsStage;
import dev.rigwatch.streams.TimeMode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lifecycle against a real broker, with each poll's coverage on every partition as ingest writes it; then a
 * second instance with an empty state directory restores the listings from the changelogs and marks the last one
 * gone.
 */
class ListingLifecycleStageTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String QUERY = "rtx 3080";

    @TempDir
    Path firstStateDir;
    @TempDir
    Path secondStateDir;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String source = "test-" + run;
    // recent event times: the output topics' retention would delete records from long ago
    private final Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(6));

    @Test
    void pollsOnEveryPartitionMarkListingsGoneAndAnotherInstanceRestoresTheRest() throws Exception {
        String bootstrap = SharedKafka.bootstrapServers();
        String applicationId = "rigwatch-lifecycle-test-" + run;
        ListingLifecycleSettings settings = new ListingLifecycleSettings(Duration.ofHours(2), Duration.ofDays(14), Duration.ofMillis(200));
        List<String> ids = List.of("a", "b", "c", "d", "e", "f");

        try (EventProducer producer = new EventProducer(bootstrap, "test-" + run)) {
            try (Instance first = Instance.start(bootstrap, applicationId, firstStateDir, settings)) {
                ids.forEach(id -> sight(producer, id, 0));
                cover(producer, 0);
                for (int n = 1; n <= 5; n++) {
                    sight(producer, "a", n);
                    cover(producer, n);
                }
                producer.flush();
                assertThat(changes(5 + 1 + 5)).containsExactlyInAnyOrderEntriesOf(Map.of(
                        key("a"), List.of("NEW " + inPoll(0)),
                        key("b"), List.of("NEW " + inPoll(0), "GONE " + pollStart(5)),
                        key("c"), List.of("NEW " + inPoll(0), "GONE " + pollStart(5)),
                        key("d"), List.of("NEW " + inPoll(0), "GONE " + pollStart(5)),
                        key("e"), List.of("NEW " + inPoll(0), "GONE " + pollStart(5)),
                        key("f"), List.of("NEW " + inPoll(0), "GONE " + pollStart(5))));
            }

            try (Instance second = Instance.start(bootstrap, applicationId, secondStateDir, settings)) {
                cover(producer, 10);
                producer.flush();
                assertThat(changes(5 + 1 + 5 + 1).get(key("a")))
                        .containsExactly("NEW " + inPoll(0), "GONE " + pollStart(10));
            }
        }

        // the state topic read as a table holds no listing any more
        Map<String, ListingState> active = new LinkedHashMap<>();
        SharedKafka.consume(Topics.GPU_LISTING_STATE, r -> r.key().startsWith(source + ":"), 12, WAIT)
                .forEach(r -> active.put(r.key(), r.value()));
        assertThat(active).hasSize(6).containsOnlyKeys(ids.stream().map(this::key).toList())
                .allSatisfy((key, state) -> assertThat(state).isNull());
    }

    /**
     * The topology in a Kafka Streams instance configured like {@link StreamsStage}, which leaves the group when
     * closed: the next instance would otherwise wait out the session timeout (45 s) for this member's partitions.
     */
    private record Instance(KafkaStreams streams) implements AutoCloseable {

        static Instance start(String bootstrap, String applicationId, Path stateDir, ListingLifecycleSettings settings)
                throws InterruptedException {
            KafkaStreams streams = new KafkaStreams(ListingLifecycleTopology.build(TopicNamespace.PRODUCTION, settings,
                    TimeMode.WALL_CLOCK),
                    StreamsStage.properties(bootstrap, applicationId, stateDir, Duration.ofMillis(100),
                            TopicNamespace.PRODUCTION));
            CountDownLatch running = new CountDownLatch(1);
            streams.setStateListener((newState, oldState) -> {
                if (newState == KafkaStreams.State.RUNNING) {
                    running.countDown();
                }
            });
            Instance instance = new Instance(streams);
            streams.start();
            if (!running.await(StreamsStage.START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                instance.close();
                throw new AssertionError("waited " + StreamsStage.START_TIMEOUT + " for " + applicationId
                        + " to be RUNNING but it is " + streams.state());
            }
            return instance;
        }

        @Override
        public void close() {
            streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(30)));
        }
    }

    /** Each of this run's listings' changes, in topic order, once {@code expected} changes are there. */
    private Map<String, List<String>> changes(int expected) {
        Map<String, List<String>> changes = new LinkedHashMap<>();
        for (ConsumerRecord<String, ListingLifecycle> record : SharedKafka.consume(Topics.GPU_LISTING_LIFECYCLE,
                r -> r.key().startsWith(source + ":"), expected, WAIT)) {
            assertThat(record.timestamp()).isEqualTo(record.value().at().toEpochMilli());
            changes.computeIfAbsent(record.key(), k -> new ArrayList<>())
                    .add(record.value().change() + " " + record.value().at());
        }
        return changes;
    }

    private void sight(EventProducer producer, String id, int poll) {
        ListingObserved seen = new ListingObserved(ListingObserved.VERSION, source, id, QUERY, "poll-" + poll,
                "RTX 3080 " + id, "RTX 3080", "GeForce RTX 30", 0.97, "Used", false, new BigDecimal("450.00"), "USD",
                null, BigDecimal.ONE, new BigDecimal("450.00"), null, null, null, "https://example.com/" + id,
                start.minus(Duration.ofDays(1)), inPoll(poll));
        producer.send(Topics.GPU_LISTINGS, seen.key(), seen, seen.eventTime(), null);
    }

    private void cover(EventProducer producer, int poll) {
        PollCoverage coverage = new PollCoverage(PollCoverage.VERSION, source, QUERY, "poll-" + poll, pollStart(poll),
                pollStart(poll).plusSeconds(20), 1, 0, 0, true, null, null);
        producer.sendToEveryPartition(Topics.GPU_LISTINGS, coverage.key(), coverage, coverage.eventTime(), null);
    }

    private String key(String id) {
        return source + ":" + id;
    }

    private Instant pollStart(int n) {
        return start.plus(Duration.ofMinutes(30L * n));
    }

    private Instant inPoll(int n) {
        return pollStart(n).plusSeconds(5);
    }
}
