package dev.rigwatch.alerts.webhook;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The at-least-once bookkeeping of the {@code alerts} reader: which partitions it has, and committing of each only up
 * to its first unfinished alert, so that after a crash, a restart or a rebalance what was not finished is delivered
 * again (a receiver may see an alert twice, and de-duplicates by {@code Rigwatch-Alert-Id}). Reader thread only (the
 * rebalance callbacks run on it too).
 */
final class AlertOffsets implements ConsumerRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(AlertOffsets.class);

    private final Consumer<byte[], byte[]> consumer;
    private final Duration commitInterval;
    private final Runnable onAssigned;
    private final Map<TopicPartition, PartitionProgress> partitions = new HashMap<>();
    private long nextCommitNanos;

    /** @param onAssigned run after each assignment, once its start offsets are known */
    AlertOffsets(Consumer<byte[], byte[]> consumer, Duration commitInterval, Runnable onAssigned) {
        this.consumer = consumer;
        this.commitInterval = commitInterval;
        this.onAssigned = onAssigned;
    }

    /** The progress of a partition this reader has; a record just polled is always of one. */
    PartitionProgress of(String topic, int partition) {
        return partitions.get(new TopicPartition(topic, partition));
    }

    /** Takes in what the delivery threads finished, and commits it when the commit interval is up. */
    void commitIfDue() {
        markFinished();
        if (System.nanoTime() >= nextCommitNanos) {
            commit(partitions.keySet(), false);
            nextCommitNanos = System.nanoTime() + commitInterval.toNanos();
        }
    }

    /** At shutdown: commits what is finished and drops every partition. */
    void commitAndRelease() {
        markFinished();
        commit(partitions.keySet(), true);
        partitions.values().forEach(PartitionProgress::revoke);
        partitions.clear();
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(assigned));
        Map<TopicPartition, OffsetAndMetadata> starts = new HashMap<>();
        for (TopicPartition topicPartition : assigned) {
            long position = consumer.position(topicPartition);
            partitions.put(topicPartition, new PartitionProgress(position));
            if (committed.get(topicPartition) == null) {
                starts.put(topicPartition, new OffsetAndMetadata(position));
            }
        }
        // a new group starts at the end; committing that start means alerts written while this process is
        // down later are delivered when it is back, not skipped by starting at the end again
        if (!starts.isEmpty()) {
            consumer.commitSync(starts);
            starts.forEach((tp, offset) -> partitions.get(tp).committed(offset.offset()));
        }
        onAssigned.run();
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
        markFinished();
        commit(revoked, true);
        forget(revoked);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> lost) {
        forget(lost);
    }

    private void forget(Collection<TopicPartition> gone) {
        for (TopicPartition topicPartition : gone) {
            PartitionProgress partition = partitions.remove(topicPartition);
            if (partition != null) {
                partition.revoke();
            }
        }
    }

    private void markFinished() {
        partitions.values().forEach(PartitionProgress::markFinished);
    }

    private void commit(Collection<TopicPartition> which, boolean sync) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        Map<TopicPartition, PartitionProgress> progress = new HashMap<>();
        for (TopicPartition topicPartition : which) {
            PartitionProgress partition = partitions.get(topicPartition);
            if (partition != null && partition.ahead()) {
                offsets.put(topicPartition, new OffsetAndMetadata(partition.committable()));
                progress.put(topicPartition, partition);
            }
        }
        if (offsets.isEmpty()) {
            return;
        }
        if (sync) {
            consumer.commitSync(offsets);
            offsets.forEach((tp, offset) -> progress.get(tp).committed(offset.offset()));
        } else {
            consumer.commitAsync(offsets, (done, e) -> {
                if (e != null) {
                    log.warn("Committing webhook progress failed, tried again at the next commit: {}", e.toString());
                } else {
                    done.forEach((tp, offset) -> progress.get(tp).committed(offset.offset()));
                }
            });
        }
    }
}
