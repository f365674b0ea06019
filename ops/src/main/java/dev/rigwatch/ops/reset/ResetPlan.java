package dev.rigwatch.ops.reset;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.TopicPartition;

/**
 * What a reset changes, for {@code --dry-run} to show and {@link StreamsReset#apply} to do.
 *
 * @param moves          the committed offsets it sets, one per partition of the application's topics
 * @param internalTopics the application's repartition and changelog topics it deletes
 * @param localState     the application's local state directory it deletes; null when not given (then every
 *                       instance's state directory must be deleted by hand)
 */
public record ResetPlan(String applicationId, Instant to, List<Move> moves, List<String> internalTopics,
                        Path localState) {

    public ResetPlan {
        moves = List.copyOf(moves);
        internalTopics = List.copyOf(internalTopics);
    }

    /** Why a partition's offset goes where it goes. */
    public enum Reason {
        /** the first record at or after the reset time */
        AT_TIME,
        /** no record at or after the reset time: the end, so nothing old is read again */
        NOTHING_SINCE,
        /** a compacted input is a table: its state at the reset time is all of it, so it is read from the start */
        TABLE_FROM_START,
        /** written by the application itself: reprocessing writes it again, so its old records are skipped */
        INTERMEDIATE_TO_END
    }

    /**
     * @param committed the offset committed now; null when the application has none for the partition
     * @param offset    the offset it will resume from
     */
    public record Move(TopicPartition partition, Long committed, long offset, Reason reason) {
    }
}
