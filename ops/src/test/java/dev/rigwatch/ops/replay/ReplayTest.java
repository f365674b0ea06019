package dev.rigwatch.ops.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigwatch.testing.MutableClock;
import dev.rigwatch.broker.testing.SharedKafka;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.kafka.KafkaClients;
import dev.rigwatch.events.kafka.TopicAdmin;
import dev.rigwatch.ops.replay.RawRecords.Raw;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/** Replays on the shared broker: every test reads and writes its own topics, under a prefix of its own. */
class ReplayTest {

    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    private static final Instant FROM = T0.plusSeconds(15);
    private static final Instant TO = T0.plusSeconds(45);
    private static final ProgressListener QUIET = progress -> { };
    private static final BooleanSupplier NEVER = () -> false;

    @Test
    void copiesExactlyTheRecordsOfTheRangeWithTheirKeysValuesTimestampsHeadersAndPartitions() {
        String source = sourceWithHistory();
        TopicNamespace sandbox = uniqueNamespace("sbx");

        ReplaySummary summary = new Replay(SharedKafka.bootstrapServers())
                .run(new ReplayRequest(source, FROM, TO, sandbox, ReplaySpeed.MAX, false), QUIET, NEVER);

        String target = sandbox.prefix() + source;
        assertThat(RawRecords.readAll(target)).isEqualTo(inRange(history(), FROM, TO)).hasSize(30);
        assertThat(summary.target()).isEqualTo(target);
        assertThat(summary.complete()).isTrue();
        assertThat(summary.resumed()).isFalse();
        assertThat(summary.records()).isEqualTo(30);
        assertThat(summary.lastEventTime()).isEqualTo(T0.plusSeconds(44));
        // record i is on partition i % 3: 15, 16 and 17 are the 6th on theirs; the span runs to the log end (20),
        // whose last 5 records per partition are after the range and skipped
        assertThat(summary.partitions()).containsExactly(new ReplaySummary.Partition(0, 5, 20, 20, 10),
                new ReplaySummary.Partition(1, 5, 20, 20, 10), new ReplaySummary.Partition(2, 5, 20, 20, 10));
    }

    @Test
    void intoThePipelineTheRangeIsAppendedToTheSourceItselfOnceWithoutReadingItsOwnCopies() {
        String source = sourceWithHistory();

        ReplaySummary summary = new Replay(SharedKafka.bootstrapServers()).run(
                new ReplayRequest(source, FROM, TO, TopicNamespace.PRODUCTION, ReplaySpeed.MAX, false), QUIET, NEVER);

        assertThat(summary.target()).isEqualTo(source);
        assertThat(summary.records()).isEqualTo(30);
        List<Raw> expected = new ArrayList<>(history());
        expected.addAll(inRange(history(), FROM, TO));
        assertThat(RawRecords.readAll(source)).isEqualTo(expected.stream()
                .sorted(Comparator.comparingInt(Raw::partition)) // stable: history, then the copies, per partition
                .toList());
    }

    @Test
    void runningACompletedReplayAgainCopiesNothingAndRestartCopiesItAllOnceMore() {
        String source = sourceWithHistory();
        TopicNamespace sandbox = uniqueNamespace("again");
        Replay replay = new Replay(SharedKafka.bootstrapServers());
        replay.run(new ReplayRequest(source, FROM, TO, sandbox, ReplaySpeed.MAX, false), QUIET, NEVER);

        ReplaySummary again = replay.run(new ReplayRequest(source, FROM, TO, sandbox, ReplaySpeed.MAX, false), QUIET, NEVER);
        assertThat(again.resumed()).isTrue();
        assertThat(again.complete()).isTrue();
        assertThat(again.records()).isZero();
        assertThat(RawRecords.readAll(sandbox.prefix() + source)).hasSize(30);

        ReplaySummary restarted = replay.run(new ReplayRequest(source, FROM, TO, sandbox, ReplaySpeed.MAX, true), QUIET, NEVER);
        assertThat(restarted.resumed()).isFalse();
        assertThat(restarted.records()).isEqualTo(30);
        assertThat(RawRecords.readAll(sandbox.prefix() + source)).hasSize(60);
    }

    @Test
    void aStoppedReplayResumedWithTheSameCommandEndsWithEveryRecordExactlyOnce() {
        String source = sourceWithHistory();
        TopicNamespace sandbox = uniqueNamespace("resume");
        String target = sandbox.prefix() + source;
        StopAfter stopAfter13 = new StopAfter(13, false);

        ReplaySummary first = new Replay(SharedKafka.bootstrapServers(), stopAfter13.clock, stopAfter13)
                .run(new ReplayRequest(source, FROM, TO, sandbox, new ReplaySpeed(1000), false), QUIET, stopAfter13);

        assertThat(first.complete()).isFalse();
        assertThat(first.records()).isEqualTo(13);
        assertThat(RawRecords.readAll(target)).isEqualTo(inRange(history(), FROM, FROM.plusSeconds(13)));

        ReplaySummary second = new Replay(SharedKafka.bootstrapServers())
                .run(new ReplayRequest(source, FROM, TO, sandbox, ReplaySpeed.MAX, false), QUIET, NEVER);

        assertThat(second.resumed()).isTrue();
        assertThat(second.complete()).isTrue();
        assertThat(second.records()).isEqualTo(17);
        assertThat(RawRecords.readAll(target)).isEqualTo(inRange(history(), FROM, TO));
    }

    @Test
    void aRunThatFailsMidTransactionLeavesNothingVisibleAndTheResumedRunCopiesItAll() {
        String source = sourceWithHistory();
        TopicNamespace sandbox = uniqueNamespace("crash");
        String target = sandbox.prefix() + source;
        StopAfter crashAfter13 = new StopAfter(13, true);

        assertThatThrownBy(() -> new Replay(SharedKafka.bootstrapServers(), crashAfter13.clock, crashAfter13)
                .run(new ReplayRequest(source, FROM, TO, sandbox, new ReplaySpeed(1000), false), QUIET, NEVER))
                .hasMessage("simulated crash after 13 records");
        assertThat(RawRecords.readAll(target)).isEmpty();

        ReplaySummary resumed = new Replay(SharedKafka.bootstrapServers())
                .run(new ReplayRequest(source, FROM, TO, sandbox, ReplaySpeed.MAX, false), QUIET, NEVER);

        assertThat(resumed.resumed()).isTrue();
        assertThat(resumed.records()).isEqualTo(30);
        assertThat(RawRecords.readAll(target)).isEqualTo(inRange(history(), FROM, TO));
    }

    @Test
    void aCrashedRunsOpenTransactionIsAbortedWhenTheReplayResumesAndItsRecordsAndProgressDiscarded() {
        String source = sourceWithHistory();
        TopicNamespace sandbox = uniqueNamespace("zombie");
        String target = sandbox.prefix() + source;
        StopAfter stopAfter13 = new StopAfter(13, false);
        ReplaySummary first = new Replay(SharedKafka.bootstrapServers(), stopAfter13.clock, stopAfter13)
                .run(new ReplayRequest(source, FROM, TO, sandbox, new ReplaySpeed(1000), false), QUIET, stopAfter13);
        long logEndBefore = RawRecords.logEnd(target);

        // a run that crashed mid-transaction: records sent and its progress moved to the end, never committed
        Properties zombieConfig = KafkaClients.producer(SharedKafka.bootstrapServers(), "test-zombie-replay");
        zombieConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, first.replayId());
        KafkaProducer<byte[], byte[]> zombie = new KafkaProducer<>(zombieConfig);
        zombie.initTransactions();
        zombie.beginTransaction();
        Map<TopicPartition, OffsetAndMetadata> done = Map.of(
                new TopicPartition(source, 0), new OffsetAndMetadata(15, "rigwatch-replay start=5 end=15"),
                new TopicPartition(source, 1), new OffsetAndMetadata(15, "rigwatch-replay start=5 end=15"),
                new TopicPartition(source, 2), new OffsetAndMetadata(15, "rigwatch-replay start=5 end=15"));
        zombie.sendOffsetsToTransaction(done, new ConsumerGroupMetadata(first.replayId()));
        for (int i = 0; i < 5; i++) {
            zombie.send(new ProducerRecord<>(target, 0, T0.toEpochMilli(), null, "zombie".getBytes(StandardCharsets.UTF_8)));
        }
        zombie.flush();
        zombie.close(Duration.ZERO); // no abort: the transaction stays open, as after kill -9
        assertThat(RawRecords.logEnd(target)).isEqualTo(logEndBefore + 5);

        ReplaySummary resumed = new Replay(SharedKafka.bootstrapServers())
                .run(new ReplayRequest(source, FROM, TO, sandbox, ReplaySpeed.MAX, false), QUIET, NEVER);

        assertThat(resumed.records()).isEqualTo(17);
        assertThat(RawRecords.readAll(target)).isEqualTo(inRange(history(), FROM, TO));
    }

    @Test
    void aRangeReachingPastTheLastRecordEndsWhereTheLogEndedWhenTheReplayFirstStarted() {
        String source = sourceWithHistory();
        TopicNamespace sandbox = uniqueNamespace("bounded");
        Instant to = T0.plus(Duration.ofHours(1));
        StopAfter stopAfter10 = new StopAfter(10, false);
        new Replay(SharedKafka.bootstrapServers(), stopAfter10.clock, stopAfter10)
                .run(new ReplayRequest(source, FROM, to, sandbox, new ReplaySpeed(1000), false), QUIET, stopAfter10);

        // producers keep writing inside the range while the replay is stopped
        List<Raw> late = List.of(new Raw(0, "late", "{\"late\":1}", T0.plusSeconds(100).toEpochMilli(), List.of()),
                new Raw(1, "late", "{\"late\":2}", T0.plusSeconds(101).toEpochMilli(), List.of()));
        RawRecords.write(source, late);
        ReplaySummary resumed = new Replay(SharedKafka.bootstrapServers())
                .run(new ReplayRequest(source, FROM, to, sandbox, ReplaySpeed.MAX, false), QUIET, NEVER);

        assertThat(resumed.records()).isEqualTo(35);
        assertThat(resumed.partitions()).extracting(ReplaySummary.Partition::endOffset).containsExactly(20L, 20L, 20L);
        assertThat(RawRecords.readAll(sandbox.prefix() + source)).isEqualTo(inRange(history(), FROM, to));
    }

    @Test
    void pacedAtThousandTimesTenSecondsOfEventTimeWaitTenMilliseconds() {
        String source = sourceWithHistory();
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        List<Duration> waits = new ArrayList<>();
        Replay replay = new Replay(SharedKafka.bootstrapServers(), clock, duration -> {
            waits.add(duration);
            clock.advance(duration);
        });

        // records at 10 s, 11 s, ... 20 s: ten seconds of event time
        ReplaySummary summary = replay.run(new ReplayRequest(source, T0.plusSeconds(10), T0.plusSeconds(21),
                uniqueNamespace("paced"), new ReplaySpeed(1000), false), QUIET, NEVER);

        assertThat(summary.records()).isEqualTo(11);
        assertThat(waits).hasSize(10).containsOnly(Duration.ofMillis(1));
        assertThat(summary.duration()).isEqualTo(Duration.ofMillis(10));
    }

    @Test
    void atMaxSpeedNothingWaits() {
        String source = sourceWithHistory();
        List<Duration> waits = new ArrayList<>();
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

        ReplaySummary summary = new Replay(SharedKafka.bootstrapServers(), clock, waits::add).run(
                new ReplayRequest(source, FROM, TO, uniqueNamespace("max"), ReplaySpeed.MAX, false), QUIET, NEVER);

        assertThat(summary.records()).isEqualTo(30);
        assertThat(waits).isEmpty();
    }

    @Test
    void intoATargetWithOtherPartitionsAKeyGoesWhereAProducerPutsItAndNoKeyToItsPartitionModuloTheCount() throws Exception {
        String source = sourceWithHistory();
        TopicNamespace sandbox = uniqueNamespace("twoparts");
        String target = sandbox.prefix() + source;
        try (Admin admin = Admin.create(KafkaClients.admin(SharedKafka.bootstrapServers()))) {
            // the copies keep their 2024 timestamps: a finite retention would delete them at the broker's next check
            admin.createTopics(List.of(new NewTopic(target, 2, (short) 1)
                    .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")))).all().get();
        }

        new Replay(SharedKafka.bootstrapServers())
                .run(new ReplayRequest(source, FROM, TO, sandbox, ReplaySpeed.MAX, false), QUIET, NEVER);

        List<Raw> expected = inRange(history(), FROM, TO).stream()
                .map(r -> new Raw(r.key() == null ? r.partition() % 2
                        : Utils.toPositive(Utils.murmur2(r.key().getBytes(StandardCharsets.UTF_8))) % 2,
                        r.key(), r.value(), r.timestamp(), r.headers()))
                .sorted(Comparator.comparingInt(Raw::partition).thenComparingLong(Raw::timestamp))
                .toList();
        assertThat(RawRecords.readAll(target)).isEqualTo(expected);
        assertThat(expected).extracting(Raw::partition).contains(0, 1);
    }

    @Test
    void aSourceOutsideTheCatalogueIsRefusedNamingTheForm() {
        assertThatThrownBy(() -> new Replay(SharedKafka.bootstrapServers()).run(new ReplayRequest("orders", FROM, TO,
                uniqueNamespace("x"), ReplaySpeed.MAX, false), QUIET, NEVER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'orders' is not a catalogue topic, nor one in a namespace such as sandbox.crypto.ticks "
                        + "(rigwatch topics list shows the catalogue)");
    }

    @Test
    void aCatalogueTopicInANamespaceThatDoesNotExistIsRefused() {
        String missing = uniqueNamespace("missing").prefix() + "crypto.ticks";
        assertThatThrownBy(() -> new Replay(SharedKafka.bootstrapServers()).run(new ReplayRequest(missing, FROM, TO,
                uniqueNamespace("x"), ReplaySpeed.MAX, false), QUIET, NEVER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("topic " + missing + " does not exist");
    }

    @Test
    void sourceTopicsAreCatalogueTopicsOrCatalogueTopicsInANamespace() {
        assertThat(Replay.sourceTopic("crypto.ticks")).isSameAs(Topics.CRYPTO_TICKS);
        assertThat(Replay.sourceTopic("bt-1.crypto.candles.1m"))
                .isEqualTo(TopicNamespace.of("bt-1").of(Topics.CRYPTO_CANDLES_1M));
        assertThat(Replay.sourceTopic("sandbox.alerts")).isEqualTo(TopicNamespace.of("sandbox").of(Topics.ALERTS));
    }

    /** 60 records one second apart, record i on partition i % 3, with keys (every tenth without), headers and a poison value. */
    private static List<Raw> history() {
        List<Raw> records = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String value = i == 25 ? "not json at all" : "{\"i\":" + i + "}";
            List<String> headers = i % 2 == 0 ? List.of("seq=" + i, "origin=test") : List.of("seq=" + i);
            records.add(new Raw(i % 3, i % 10 == 9 ? null : "key-" + i % 7, value,
                    T0.plusSeconds(i).toEpochMilli(), headers));
        }
        return records;
    }

    /** The records of [from, to) as a replay of them reads back: by partition, in their order. */
    private static List<Raw> inRange(List<Raw> records, Instant from, Instant to) {
        return records.stream()
                .filter(r -> r.timestamp() >= from.toEpochMilli() && r.timestamp() < to.toEpochMilli())
                .sorted(Comparator.comparingInt(Raw::partition).thenComparingLong(Raw::timestamp))
                .toList();
    }

    /** A crypto.ticks of its own, in a namespace of its own, holding {@link #history()}. */
    private static String sourceWithHistory() {
        Topic<?, ?> source = uniqueNamespace("src").of(Topics.CRYPTO_TICKS);
        try (Admin admin = Admin.create(KafkaClients.admin(SharedKafka.bootstrapServers()))) {
            new TopicAdmin(admin).ensure(List.of(source));
        }
        RawRecords.write(source.name(), history());
        return source.name();
    }

    private static TopicNamespace uniqueNamespace(String purpose) {
        return TopicNamespace.of("rp-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /**
     * Paces on a test clock (at 1000x, records a second apart wait 1 ms each, every record but the first) and asks
     * to stop, or fails, once {@code records} records are sent: a deterministic Ctrl-C or crash.
     */
    private static final class StopAfter implements Pacer.Sleeper, BooleanSupplier {
        final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        private final int records;
        private final boolean crash;
        private int waits;
        private boolean stop;

        StopAfter(int records, boolean crash) {
            this.records = records;
            this.crash = crash;
        }

        @Override
        public void sleep(Duration duration) {
            clock.advance(duration);
            waits++;
            if (crash && waits == records) {
                throw new IllegalStateException("simulated crash after " + records + " records");
            }
            stop = waits >= records - 1;
        }

        @Override
        public boolean getAsBoolean() {
            return stop;
        }
    }
}
