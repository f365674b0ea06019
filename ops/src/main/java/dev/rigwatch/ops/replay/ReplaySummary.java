package dev.rigwatch.ops.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a run of a replay did.
 *
 * @param replayId   the consumer group holding the replay's progress, and its producer's transactional id
 * @param resumed    whether this run went on from an earlier run's committed progress
 * @param complete   whether the whole range is copied; false when the run was stopped
 * @param partitions one entry per source partition
 * @param records    records copied by this run
 * @param lastEventTime the timestamp of the last record this run copied; null when it copied none
 */
public record ReplaySummary(String source, String target, Instant from, Instant to, String replayId, boolean resumed,
                            boolean complete, List<Partition> partitions, long records, Instant lastEventTime,
                            Duration duration) {

    /**
     * One source partition.
     *
     * @param startOffset the first offset of the range (found at {@code from} by the first run)
     * @param endOffset   the end of the range, exclusive (found at {@code to}, or the partition's end when the first
     *                    run started)
     * @param position    the next offset to copy, {@code endOffset} when done
     * @param copied      records this run copied from the partition
     */
    public record Partition(int partition, long startOffset, long endOffset, long position, long copied) {
    }
}
