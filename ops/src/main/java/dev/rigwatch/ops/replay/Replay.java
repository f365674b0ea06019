package dev.rigwatch.ops.replay;

import dev.rigwatch.events.Topic;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.kafka.KafkaClients;
import dev.rigwatch.events.kafka.TopicAdmin;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the records of a time range of one topic, as raw bytes with their keys, timestamps, headers and
 * partitions, into a sandbox namespace or back into the pipeline.
 *
 * <p>The range is found per partition: it starts at the first record at or after {@code from}
 * ({@code offsetsForTimes}) and ends at the partition's end when the replay first started, so a replay is bounded
 * while producers keep writing; records in that span stamped outside [from, to) are skipped. The end is not looked up
 * by time because timestamps need not rise with offsets: history imported after live records sits behind records
 * newer than {@code to}, and a lookup of {@code to} would end the range before it. Records are
 * copied in timestamp order across partitions (each partition's own order kept), so that pacing by event time
 * follows the market as it happened.
 *
 * <p>Exactly once, across interruptions: the copies are written in transactions, and each transaction also commits
 * the replay's position on every partition as the offsets of a consumer group named after the replay
 * ({@link #replayId}); the range found by the first run is kept in those offsets' metadata. A run that is stopped,
 * crashes or is fenced leaves either a committed transaction or one that is aborted (by the next run's
 * {@code initTransactions}, or by the broker's transaction timeout), so re-running the same replay goes on exactly
 * where the last committed transaction ended. Readers of the target see that only with {@code read_committed}.
 */
public final class Replay {

    /** A transaction commits after this many records, or {@link #TRANSACTION_TIME}, whichever comes first. */
    static final int TRANSACTION_RECORDS = 10_000;
    static final Duration TRANSACTION_TIME = Duration.ofSeconds(1);
    /** Fetching from a partition pauses while this many of its records wait to be copied. */
    private static final int BUFFERED_PER_PARTITION = 2_000;
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern RANGE = Pattern.compile("rigwatch-replay start=(\\d+) end=(\\d+)");

    private static final Logger log = LoggerFactory.getLogger(Replay.class);

    private final String bootstrapServers;
    private final Clock clock;
    private final Pacer.Sleeper sleeper;

    public Replay(String bootstrapServers) {
        this(bootstrapServers, Clock.systemUTC(), Pacer.Sleeper.system());
    }

    /** @param clock and {@code sleeper} pace the replay; tests move a test clock in the sleeper */
    public Replay(String bootstrapServers, Clock clock, Pacer.Sleeper sleeper) {
        this.bootstrapServers = bootstrapServers;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * The consumer group that holds a replay's progress and the transactional id of its producer: one per source,
     * target and range, so the same command resumes and a different range is a different replay.
     */
    public static String replayId(String source, String target, Instant from, Instant to) {
        return "rigwatch-replay/" + source + "/" + target + "/" + from + "/" + to;
    }

    /** A catalogue topic by name, or one in a namespace ({@code sandbox.crypto.ticks}). */
    public static Topic<?, ?> sourceTopic(String name) {
        return Topics.byName(name).or(() -> Topics.all().stream()
                        .filter(t -> name.endsWith("." + t.name()))
                        .max(Comparator.comparingInt(t -> t.name().length()))
                        .map(t -> namespaced(name.substring(0, name.length() - t.name().length()), t)))
                .orElseThrow(() -> new IllegalArgumentException("'" + name + "' is not a catalogue topic, nor one in "
                        + "a namespace such as sandbox.crypto.ticks (rigwatch topics list shows the catalogue)"));
    }

    private static Topic<?, ?> namespaced(String prefix, Topic<?, ?> topic) {
        return new TopicNamespace(prefix).of(topic);
    }

    /**
     * Where a copy goes: the same partition when source and target have as many; otherwise where a producer
     * would put its key (murmur2, like Kafka's default partitioner), and a record without a key to its source
     * partition modulo the target's count. Either way the records of one key stay in one partition, in order.
     */
    static int targetPartition(ConsumerRecord<byte[], byte[]> record, int sourcePartitions, int targetPartitions) {
        if (sourcePartitions == targetPartitions) {
            return record.partition();
        }
        return record.key() == null ? record.partition() % targetPartitions
                : Utils.toPositive(Utils.murmur2(record.key())) % targetPartitions;
    }

    /**
     * Runs the replay, or resumes it from its committed progress, until its range is copied or
     * {@code stopRequested} says stop (checked before every record and while pacing).
     *
     * @throws IllegalArgumentException when the source is not a catalogue topic or does not exist
     * @throws IllegalStateException    when another run of the same replay took over (fenced this one), or the
     *                                  committed progress does not fit the source any more
     */
    public ReplaySummary run(ReplayRequest request, ProgressListener listener, BooleanSupplier stopRequested) {
        Topic<?, ?> source = sourceTopic(request.source());
        Topic<?, ?> target = request.target().of(source);
        String replayId = replayId(source.name(), target.name(), request.from(), request.to());
        Instant started = clock.instant();
        try (Admin admin = Admin.create(KafkaClients.admin(bootstrapServers));
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties(replayId));
             KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(replayId))) {
            int sourcePartitions = partitionCount(admin, source.name());
            if (!request.target().isProduction()) {
                new TopicAdmin(admin).ensure(List.of(target)).stream()
                        .filter(r -> r.status() == TopicAdmin.Result.Status.MISMATCH)
                        .forEach(r -> log.warn("Replay target {} differs from the catalogue: {}", r.topic(), r.mismatches()));
            }
            int targetPartitions = partitionCount(admin, target.name());
            // fences an earlier run of this replay that is still alive and aborts its open transaction, so the
            // progress read below is the last committed one
            producer.initTransactions();
            if (request.restart()) {
                forget(admin, replayId);
            }
            ConsumerGroupMetadata group = new ConsumerGroupMetadata(replayId);
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < sourcePartitions; p++) {
                partitions.add(new TopicPartition(source.name(), p));
            }
            Map<TopicPartition, Lane> lanes = resumeOrPlan(consumer, producer, group, partitions, request, replayId);
            boolean resumed = lanes.values().stream().anyMatch(l -> l.resumed);
            log.info("Replay {} {}: {}", replayId, resumed ? "resumes" : "starts", lanes.values());
            Copy copy = new Copy(consumer, producer, group, lanes, target.name(), sourcePartitions, targetPartitions,
                    new Pacer(request.speed(), clock, sleeper), listener, stopRequested, started,
                    request.from(), request.to());
            boolean complete = copy.run();
            return new ReplaySummary(source.name(), target.name(), request.from(), request.to(), replayId, resumed,
                    complete, lanes.values().stream().map(Lane::summary).toList(), copy.records, copy.lastEventTime,
                    Duration.between(started, clock.instant()));
        } catch (ProducerFencedException e) {
            throw new IllegalStateException("another run of replay " + replayId + " started and took over: this one stops"
                    + " (what it committed stays, the other run goes on from there)", e);
        }
    }

    private Properties producerProperties(String replayId) {
        Properties props = KafkaClients.producer(bootstrapServers, "rigwatch-replay");
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, replayId);
        // initTransactions may wait for an earlier run's transaction to be aborted: more than a poller's 10 s
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) SETUP_TIMEOUT.toMillis());
        return props;
    }

    private Properties consumerProperties(String replayId) {
        return KafkaClients.consumer(bootstrapServers, replayId, Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, "rigwatch-replay",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // every position is sought explicitly; one outside the log means retention deleted part of the
                // range between runs, which must fail rather than skip records silently
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none"));
    }

    private static int partitionCount(Admin admin, String topic) {
        try {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            return description.partitions().size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new IllegalArgumentException("topic " + topic + " does not exist", e.getCause());
            }
            throw new KafkaException("cannot describe topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while describing topic " + topic, e);
        }
    }

    /** Deletes the replay's committed progress; a replay that never ran has none. */
    private static void forget(Admin admin, String replayId) {
        try {
            admin.deleteConsumerGroups(List.of(replayId)).all().get();
            log.info("Replay {}: earlier progress discarded", replayId);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw new KafkaException("cannot discard the progress of replay " + replayId + ": "
                        + e.getCause().getMessage(), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while discarding the progress of replay " + replayId, e);
        }
    }

    /**
     * The committed progress of an earlier run; or, for a new replay, the range found now, committed at once (with
     * no records) so that every later run copies exactly that range, whatever producers write meanwhile.
     */
    private static Map<TopicPartition, Lane> resumeOrPlan(KafkaConsumer<byte[], byte[]> consumer,
            KafkaProducer<byte[], byte[]> producer, ConsumerGroupMetadata group, List<TopicPartition> partitions,
            ReplayRequest request, String replayId) {
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions), SETUP_TIMEOUT);
        Map<TopicPartition, Lane> lanes = new LinkedHashMap<>();
        if (committed.values().stream().anyMatch(o -> o != null)) {
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata offset = committed.get(partition);
                Matcher range = offset == null ? null : RANGE.matcher(offset.metadata());
                if (range == null || !range.matches()) {
                    throw new IllegalStateException("the committed progress of replay " + replayId + " has nothing "
                            + "recognisable for " + partition + " (" + offset + "): did the source's partitions change? "
                            + "--restart starts the replay over");
                }
                lanes.put(partition, new Lane(partition, Long.parseLong(range.group(1)), Long.parseLong(range.group(2)),
                        offset.offset(), true));
            }
            return lanes;
        }
        Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(at(partitions, request.from()), SETUP_TIMEOUT);
        Map<TopicPartition, Long> logEnds = consumer.endOffsets(partitions, SETUP_TIMEOUT);
        for (TopicPartition partition : partitions) {
            long start = starts.get(partition) == null ? logEnds.get(partition) : starts.get(partition).offset();
            lanes.put(partition, new Lane(partition, start, logEnds.get(partition), start, false));
        }
        producer.beginTransaction();
        producer.sendOffsetsToTransaction(positions(lanes), group);
        producer.commitTransaction();
        return lanes;
    }

    private static Map<TopicPartition, Long> at(List<TopicPartition> partitions, Instant time) {
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(p -> times.put(p, time.toEpochMilli()));
        return times;
    }

    private static Map<TopicPartition, OffsetAndMetadata> positions(Map<TopicPartition, Lane> lanes) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        lanes.forEach((partition, lane) -> offsets.put(partition, new OffsetAndMetadata(lane.position,
                "rigwatch-replay start=" + lane.start + " end=" + lane.end)));
        return offsets;
    }

    /** One source partition: its range, the next offset to copy and what was fetched but not copied yet. */
    private static final class Lane {
        final TopicPartition partition;
        final long start;
        final long end;
        final boolean resumed;
        final Deque<ConsumerRecord<byte[], byte[]>> fetched = new ArrayDeque<>();
        long position;
        boolean fetchedAll;
        long copied;

        Lane(TopicPartition partition, long start, long end, long position, boolean resumed) {
            this.partition = partition;
            this.start = start;
            this.end = end;
            this.position = position;
            this.resumed = resumed;
        }

        boolean waitingForFetch() {
            return !fetchedAll && fetched.isEmpty();
        }

        ReplaySummary.Partition summary() {
            return new ReplaySummary.Partition(partition.partition(), start, end, position, copied);
        }

        @Override
        public String toString() {
            return partition.partition() + ": " + position + " in [" + start + ", " + end + ")";
        }
    }

    /** One run's copy loop: fetch, merge by timestamp, pace, send, commit. */
    private final class Copy {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final KafkaProducer<byte[], byte[]> producer;
        private final ConsumerGroupMetadata group;
        private final Map<TopicPartition, Lane> lanes;
        private final String target;
        private final int sourcePartitions;
        private final int targetPartitions;
        private final Pacer pacer;
        private final ProgressListener listener;
        private final BooleanSupplier stopRequested;
        private final Instant started;
        private final long fromMillis;
        private final long toMillis;
        private boolean inTransaction;
        private int inThisTransaction;
        private Instant transactionStarted;
        long records;
        Instant lastEventTime;

        Copy(KafkaConsumer<byte[], byte[]> consumer, KafkaProducer<byte[], byte[]> producer, ConsumerGroupMetadata group,
             Map<TopicPartition, Lane> lanes, String target, int sourcePartitions, int targetPartitions, Pacer pacer,
             ProgressListener listener, BooleanSupplier stopRequested, Instant started, Instant from, Instant to) {
            this.fromMillis = from.toEpochMilli();
            this.toMillis = to.toEpochMilli();
            this.consumer = consumer;
            this.producer = producer;
            this.group = group;
            this.lanes = lanes;
            this.target = target;
            this.sourcePartitions = sourcePartitions;
            this.targetPartitions = targetPartitions;
            this.pacer = pacer;
            this.listener = listener;
            this.stopRequested = stopRequested;
            this.started = started;
        }

        /** @return true when the whole range is copied, false when stopped first */
        boolean run() {
            consumer.assign(lanes.keySet());
            lanes.values().forEach(lane -> {
                consumer.seek(lane.partition, lane.position);
                lane.fetchedAll = lane.position >= lane.end;
            });
            try {
                boolean complete = copyAll();
                if (complete) {
                    lanes.values().forEach(lane -> lane.position = lane.end);
                }
                // also when nothing was copied: marks the replay done, or keeps the positions reached
                commit();
                return complete;
            } catch (RuntimeException e) {
                abortAfter(e);
                throw e;
            }
        }

        private boolean copyAll() {
            while (true) {
                if (!fetchUntilEveryLaneHasAHead()) {
                    return false;
                }
                Lane next = lanes.values().stream()
                        .filter(lane -> !lane.fetched.isEmpty())
                        .min(Comparator.<Lane>comparingLong(lane -> lane.fetched.peekFirst().timestamp())
                                .thenComparingInt(lane -> lane.partition.partition()))
                        .orElse(null);
                if (next == null) {
                    return true;
                }
                ConsumerRecord<byte[], byte[]> record = next.fetched.peekFirst();
                if (record.timestamp() < fromMillis || record.timestamp() >= toMillis) {
                    next.fetched.removeFirst(); // in the span, out of the range: not copied, and never paced
                    next.position = record.offset() + 1;
                    continue;
                }
                if (inTransaction && pacer.untilDue(record.timestamp()).compareTo(TRANSACTION_TIME) >= 0) {
                    commit(); // a long wait for the next record must not hold a transaction (and readers) open
                }
                if (stopRequested.getAsBoolean() || !pacer.awaitDue(record.timestamp(), stopRequested)) {
                    return false;
                }
                if (!inTransaction) {
                    producer.beginTransaction();
                    inTransaction = true;
                    transactionStarted = clock.instant();
                }
                producer.send(new ProducerRecord<>(target, targetPartition(record, sourcePartitions, targetPartitions),
                        record.timestamp(), record.key(), record.value(), record.headers()));
                next.fetched.removeFirst();
                next.position = record.offset() + 1;
                next.copied++;
                records++;
                lastEventTime = Instant.ofEpochMilli(record.timestamp());
                if (++inThisTransaction >= TRANSACTION_RECORDS
                        || Duration.between(transactionStarted, clock.instant()).compareTo(TRANSACTION_TIME) >= 0) {
                    commit();
                }
            }
        }

        /**
         * Polls until every partition not yet read to its end has a record waiting, so the next record by timestamp
         * is known; a partition far ahead of the others stops being fetched until they catch up.
         *
         * @return false when stopped while waiting for the broker
         */
        private boolean fetchUntilEveryLaneHasAHead() {
            while (lanes.values().stream().anyMatch(Lane::waitingForFetch)) {
                if (stopRequested.getAsBoolean()) {
                    return false;
                }
                List<TopicPartition> pause = new ArrayList<>();
                List<TopicPartition> resume = new ArrayList<>();
                lanes.values().forEach(lane -> (lane.fetchedAll || lane.fetched.size() >= BUFFERED_PER_PARTITION
                        ? pause : resume).add(lane.partition));
                consumer.pause(pause);
                consumer.resume(resume);
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    Lane lane = lanes.get(new TopicPartition(record.topic(), record.partition()));
                    if (record.offset() < lane.end) {
                        lane.fetched.addLast(record);
                    }
                }
                for (Lane lane : lanes.values()) {
                    if (!lane.fetchedAll && consumer.position(lane.partition) >= lane.end) {
                        lane.fetchedAll = true;
                    }
                }
            }
            return true;
        }

        private void commit() {
            if (!inTransaction) {
                producer.beginTransaction();
            }
            producer.sendOffsetsToTransaction(positions(lanes), group);
            producer.commitTransaction();
            inTransaction = false;
            inThisTransaction = 0;
            long total = lanes.values().stream().mapToLong(lane -> lane.end - lane.start).sum();
            long done = lanes.values().stream().mapToLong(lane -> lane.position - lane.start).sum();
            listener.onProgress(new ReplayProgress(records, done, total, lastEventTime,
                    Duration.between(started, clock.instant())));
        }

        private void abortAfter(RuntimeException failure) {
            if (!inTransaction || failure instanceof ProducerFencedException) {
                return; // a fenced producer cannot abort: the run that fenced it already did
            }
            try {
                producer.abortTransaction();
            } catch (KafkaException e) {
                failure.addSuppressed(e);
            }
        }
    }
}
