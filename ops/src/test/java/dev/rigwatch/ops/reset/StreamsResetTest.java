package dev.rigwatch.ops.reset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigwatch.broker.testing.SharedKafka;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.kafka.KafkaClients;
import dev.rigwatch.ops.reset.ResetPlan.Move;
import dev.rigwatch.ops.reset.ResetPlan.Reason;
import dev.rigwatch.events.kafka.StreamsStage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resets of a small counting application on the shared broker, under an application id of its own per test. */
class StreamsResetTest {

    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** The records are stamped in 2024: a finite retention would delete them at the broker's next check. */
    private static final Map<String, String> KEEP_FOREVER = Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1");

    @TempDir
    Path stateDir;

    @Test
    void aResetApplicationReprocessesFromTheResetTimeWithFreshState() throws Exception {
        String id = "rs-" + UUID.randomUUID().toString().substring(0, 8);
        String input = id + ".words";
        String output = id + ".counts";
        createTopics(input, output);
        writeWords(input);
        Topology topology = countingTopology(input, output);
        ApplicationTopics topics = ApplicationTopics.of(topology);

        try (Admin admin = Admin.create(KafkaClients.admin(SharedKafka.bootstrapServers()))) {
            StreamsReset reset = new StreamsReset(admin);
            try (StreamsStage app = stage(id, topology)) {
                app.start();
                awaitLatestCounts(output, 0, Map.of("even", 6L, "odd", 6L));

                assertThatThrownBy(() -> reset.plan(id, T0.plusSeconds(6), topics, stateDir))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageStartingWith("application " + id + " is running: its group has 1 active member(s) on [")
                        .hasMessageEndingWith("]; stop every instance, then reset");
            }
            assertThat(stateDir.resolve(id)).isDirectory();
            long countedBeforeReset = endOffset(output);

            ResetPlan plan = reset.plan(id, T0.plusSeconds(6), topics, stateDir);

            // word i is on partition i % 3 at offset i / 3: words 6, 7 and 8 are the third on theirs
            assertThat(plan.moves()).containsExactly(new Move(new TopicPartition(input, 0), 4L, 2, Reason.AT_TIME),
                    new Move(new TopicPartition(input, 1), 4L, 2, Reason.AT_TIME),
                    new Move(new TopicPartition(input, 2), 4L, 2, Reason.AT_TIME));
            assertThat(plan.internalTopics()).containsExactly(id + "-by-parity-repartition", id + "-counts-changelog");
            assertThat(plan.localState()).isEqualTo(stateDir.resolve(id));

            assertThat(reset.apply(plan)).isTrue();

            assertThat(committed(admin, id)).isEqualTo(offsetsForTimes(input, T0.plusSeconds(6)))
                    .isEqualTo(Map.of(new TopicPartition(input, 0), 2L, new TopicPartition(input, 1), 2L,
                            new TopicPartition(input, 2), 2L));
            assertThat(admin.listTopics().names().get()).doesNotContainAnyElementsOf(plan.internalTopics());
            assertThat(stateDir.resolve(id)).doesNotExist();

            try (StreamsStage app = stage(id, topology)) {
                app.start();
                // words 6 to 11 counted afresh: three even, three odd
                awaitLatestCounts(output, countedBeforeReset, Map.of("even", 3L, "odd", 3L));
            }
        }
    }

    @Test
    void aPartitionWithNothingSinceTheResetTimeResumesAtItsEndAndACompactedInputIsReadFromItsStart() throws Exception {
        String id = "rs-" + UUID.randomUUID().toString().substring(0, 8);
        String input = id + ".words";
        String table = id + ".settings";
        try (Admin admin = Admin.create(KafkaClients.admin(SharedKafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(input, 3, (short) 1).configs(KEEP_FOREVER),
                    new NewTopic(table, 1, (short) 1).configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
                            TopicConfig.CLEANUP_POLICY_COMPACT)))).all().get();
            writeWords(input);
            send(table, 0, "setting", "on", T0);

            // word 11, the last, is on partition 2: after 11 s only partitions 0 and 1 hold nothing more
            ResetPlan plan = new StreamsReset(admin).plan(id, T0.plusSeconds(11), ApplicationTopics.inputs(List.of(input, table)), null);

            assertThat(plan.moves()).containsExactly(new Move(new TopicPartition(table, 0), null, 0, Reason.TABLE_FROM_START),
                    new Move(new TopicPartition(input, 0), null, 4, Reason.NOTHING_SINCE),
                    new Move(new TopicPartition(input, 1), null, 4, Reason.NOTHING_SINCE),
                    new Move(new TopicPartition(input, 2), null, 3, Reason.AT_TIME));
            assertThat(plan.internalTopics()).isEmpty();
            assertThat(plan.localState()).isNull();
        }
    }

    @Test
    void anInputTopicThatDoesNotExistIsRefused() {
        try (Admin admin = Admin.create(KafkaClients.admin(SharedKafka.bootstrapServers()))) {
            assertThatThrownBy(() -> new StreamsReset(admin).plan("rs-none", T0,
                    ApplicationTopics.inputs(List.of("rs-none.nothing")), null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("input topic rs-none.nothing does not exist");
        }
    }

    @Test
    void aTopologysTopicsAreItsSourcesWithoutRepartitionTopicsAndThoseItAlsoWritesAreIntermediate() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("prices", Consumed.with(Serdes.String(), Serdes.String()))
                .to("prices.daily", Produced.with(Serdes.String(), Serdes.String()));
        builder.stream("prices.daily", Consumed.with(Serdes.String(), Serdes.String()))
                .to("signals", Produced.with(Serdes.String(), Serdes.String()));

        ApplicationTopics topics = ApplicationTopics.of(builder.build());

        assertThat(topics.inputs()).containsExactly("prices");
        assertThat(topics.intermediates()).containsExactly("prices.daily");
        assertThat(ApplicationTopics.of(countingTopology("in", "out")))
                .isEqualTo(new ApplicationTopics(Set.of("in"), Set.of()));
    }

    @Test
    void rigwatchsApplicationsReadTheirRawAndDerivedTopics() {
        ApplicationTopics market = StreamsApplication.MARKET.topics();
        assertThat(market.inputs()).containsExactly("crypto.ticks", "gpu.listings", "gpu.sold-prices");
        // the daily candles feed capitulation, the lifecycle feeds the statistics, the statistics feed the rebound
        assertThat(market.intermediates()).containsExactly("crypto.candles.1d", "gpu.listing-lifecycle", "gpu.stats.1d",
                "gpu.stats.1h");
        assertThat(StreamsApplication.ALERTS.topics().all()).contains("signals.rebound");
        assertThat(StreamsApplication.byDefaultApplicationId("rigwatch-streams")).contains(StreamsApplication.MARKET);
        assertThat(StreamsApplication.byDefaultApplicationId("rigwatch-alerts")).contains(StreamsApplication.ALERTS);
        assertThat(StreamsApplication.byDefaultApplicationId("my-app")).isEmpty();
    }

    /** Counts words by parity: a repartition topic (the re-keying) and a changelog (the counts). */
    private static Topology countingTopology(String input, String output) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()))
                .groupBy((key, word) -> Integer.parseInt(word) % 2 == 0 ? "even" : "odd",
                        Grouped.with("by-parity", Serdes.String(), Serdes.String()))
                .count(Materialized.as("counts"))
                .toStream()
                .to(output, Produced.with(Serdes.String(), Serdes.Long()));
        return builder.build();
    }

    private StreamsStage stage(String id, Topology topology) {
        return new StreamsStage(SharedKafka.bootstrapServers(), id, stateDir, Duration.ofMillis(100), TopicNamespace.PRODUCTION, topology,
                new SimpleMeterRegistry());
    }

    private static void createTopics(String input, String output) throws Exception {
        try (Admin admin = Admin.create(KafkaClients.admin(SharedKafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(input, 3, (short) 1).configs(KEEP_FOREVER),
                    new NewTopic(output, 1, (short) 1).configs(KEEP_FOREVER))).all().get();
        }
    }

    /** Words 0 to 11, one a second from T0, word i on partition i % 3. */
    private static void writeWords(String topic) throws Exception {
        for (int i = 0; i < 12; i++) {
            send(topic, i % 3, "w" + i, Integer.toString(i), T0.plusSeconds(i));
        }
    }

    private static void send(String topic, int partition, String key, String value, Instant time) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                KafkaClients.producer(SharedKafka.bootstrapServers(), "test-reset-input"))) {
            producer.send(new ProducerRecord<>(topic, partition, time.toEpochMilli(), key.getBytes(StandardCharsets.UTF_8),
                    value.getBytes(StandardCharsets.UTF_8))).get();
        }
    }

    /** Reads the counts topic from an offset until the latest count of every key is the one expected. */
    private static void awaitLatestCounts(String topic, long from, Map<String, Long> expected) {
        Map<String, Long> latest = new HashMap<>();
        try (KafkaConsumer<byte[], Long> consumer = new KafkaConsumer<>(KafkaClients.consumer(SharedKafka.bootstrapServers(),
                null, Map.of(CommonClientConfigs.CLIENT_ID_CONFIG, "test-reset-counts")),
                Serdes.ByteArray().deserializer(), new LongDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seek(partition, from);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!latest.equals(expected)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("waited " + WAIT + " for the latest counts " + expected + " on " + topic
                            + " but they are " + latest);
                }
                consumer.poll(Duration.ofMillis(100))
                        .forEach(r -> latest.put(new String(r.key(), StandardCharsets.UTF_8), r.value()));
            }
        }
    }

    private static long endOffset(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaClients.consumer(
                SharedKafka.bootstrapServers(), null, Map.of()))) {
            TopicPartition partition = new TopicPartition(topic, 0);
            return consumer.endOffsets(List.of(partition), WAIT).get(partition);
        }
    }

    private static Map<TopicPartition, Long> committed(Admin admin, String groupId) throws Exception {
        return admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private static Map<TopicPartition, Long> offsetsForTimes(String topic, Instant time) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaClients.consumer(
                SharedKafka.bootstrapServers(), null, Map.of()))) {
            Map<TopicPartition, Long> times = new HashMap<>();
            for (int p = 0; p < 3; p++) {
                times.put(new TopicPartition(topic, p), time.toEpochMilli());
            }
            return consumer.offsetsForTimes(times, WAIT).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        }
    }
}
