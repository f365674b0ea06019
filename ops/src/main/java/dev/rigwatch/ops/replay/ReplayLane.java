package dev.rigwatch.ops.replay;

import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * One source partition of a replay: its range, the next offset to copy and what was fetched but not copied yet.
 * Mutable on purpose: the copy loop moves it forward record by record and commits its position.
 */
final class ReplayLane {

    final TopicPartition partition;
    final long start;
    final long end;
    final boolean resumed;
    final Deque<ConsumerRecord<byte[], byte[]>> fetched = new ArrayDeque<>();
    long position;
    boolean fetchedAll;
    long copied;

    ReplayLane(TopicPartition partition, long start, long end, long position, boolean resumed) {
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
