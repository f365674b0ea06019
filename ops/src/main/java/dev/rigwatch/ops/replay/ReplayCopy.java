package dev.rigwatch.ops.replay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;

/**
 * One run's copy loop: fetch, merge by timestamp, pace, send, commit. Records go in timestamp order across
 * partitions (each partition's own order kept) so that pacing by event time follows the market as it happened; each
 * transaction commits the copies together with the lanes' positions, so a run that stops, crashes or is fenced
 * leaves the next run exactly where the last committed transaction ended.
 */
final class ReplayCopy {

    /** A transaction commits after this many records, or {@link #TRANSACTION_TIME}, whichever comes first. */
    static final int TRANSACTION_RECORDS = 10_000;
    static final Duration TRANSACTION_TIME = Duration.ofSeconds(1);
    /** Fetching from a partition pauses while this many of its records wait to be copied. */
    private static final int BUFFERED_PER_PARTITION = 2_000;
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final ConsumerGroupMetadata group;
    private final Map<TopicPartition, ReplayLane> lanes;
    private final String target;
    private final int sourcePartitions;
    private final int targetPartitions;
    private final Pacer pacer;
    private final Clock clock;
    private final ProgressListener listener;
    private final BooleanSupplier stopRequested;
    private final Instant started;
    private final long fromMillis;
    private final long toMillis;
    private boolean inTransaction;
    private int inThisTransaction;
    private Instant transactionStarted;
    private long records;
    private Instant lastEventTime;

    ReplayCopy(KafkaConsumer<byte[], byte[]> consumer, KafkaProducer<byte[], byte[]> producer,
               ConsumerGroupMetadata group, Map<TopicPartition, ReplayLane> lanes, String target, int sourcePartitions,
               int targetPartitions, Pacer pacer, Clock clock, ProgressListener listener, BooleanSupplier stopRequested,
               Instant started, Instant from, Instant to) {
        this.consumer = consumer;
        this.producer = producer;
        this.group = group;
        this.lanes = lanes;
        this.target = target;
        this.sourcePartitions = sourcePartitions;
        this.targetPartitions = targetPartitions;
        this.pacer = pacer;
        this.clock = clock;
        this.listener = listener;
        this.stopRequested = stopRequested;
        this.started = started;
        this.fromMillis = from.toEpochMilli();
        this.toMillis = to.toEpochMilli();
    }

    /** Records this run copied. */
    long records() {
        return records;
    }

    /** The timestamp of the last record this run copied; null when it copied none. */
    Instant lastEventTime() {
        return lastEventTime;
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
            ReplayLane next = lanes.values().stream()
                    .filter(lane -> !lane.fetched.isEmpty())
                    .min(Comparator.<ReplayLane>comparingLong(lane -> lane.fetched.peekFirst().timestamp())
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
            producer.send(new ProducerRecord<>(target, TargetPartition.of(record, sourcePartitions, targetPartitions),
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
        while (lanes.values().stream().anyMatch(ReplayLane::waitingForFetch)) {
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
                ReplayLane lane = lanes.get(new TopicPartition(record.topic(), record.partition()));
                if (record.offset() < lane.end) {
                    lane.fetched.addLast(record);
                }
            }
            for (ReplayLane lane : lanes.values()) {
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
        producer.sendOffsetsToTransaction(ReplayPlan.positions(lanes), group);
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
