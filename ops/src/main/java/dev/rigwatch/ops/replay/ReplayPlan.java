package dev.rigwatch.ops.replay;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;

/**
 * Each partition's range and position, kept as the committed offsets of the replay's consumer group (the range in
 * their metadata), so that every run of a replay copies the range its first run found, whatever producers write
 * meanwhile. The range starts at the first record at or after {@code from} and ends at the partition's end when the
 * first run started: not at {@code to} looked up by time, because timestamps need not rise with offsets (history
 * imported after live records sits behind records newer than {@code to}).
 */
final class ReplayPlan {

    private static final Pattern RANGE = Pattern.compile("rigwatch-replay start=(\\d+) end=(\\d+)");

    private ReplayPlan() {
    }

    /**
     * The committed progress of an earlier run; or, for a new replay, the range found now, committed at once (with
     * no records).
     */
    static Map<TopicPartition, ReplayLane> resumeOrPlan(KafkaConsumer<byte[], byte[]> consumer,
            KafkaProducer<byte[], byte[]> producer, ConsumerGroupMetadata group, List<TopicPartition> partitions,
            ReplayRequest request, String replayId) {
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions),
                Replay.SETUP_TIMEOUT);
        if (committed.values().stream().anyMatch(o -> o != null)) {
            return resumed(committed, partitions, replayId);
        }
        Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(at(partitions, request.from()),
                Replay.SETUP_TIMEOUT);
        Map<TopicPartition, Long> logEnds = consumer.endOffsets(partitions, Replay.SETUP_TIMEOUT);
        Map<TopicPartition, ReplayLane> lanes = new LinkedHashMap<>();
        for (TopicPartition partition : partitions) {
            long start = starts.get(partition) == null ? logEnds.get(partition) : starts.get(partition).offset();
            lanes.put(partition, new ReplayLane(partition, start, logEnds.get(partition), start, false));
        }
        producer.beginTransaction();
        producer.sendOffsetsToTransaction(positions(lanes), group);
        producer.commitTransaction();
        return lanes;
    }

    /** The lanes an earlier run committed; every partition must have its range in the metadata. */
    static Map<TopicPartition, ReplayLane> resumed(Map<TopicPartition, OffsetAndMetadata> committed,
            List<TopicPartition> partitions, String replayId) {
        Map<TopicPartition, ReplayLane> lanes = new LinkedHashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = committed.get(partition);
            Matcher range = offset == null ? null : RANGE.matcher(offset.metadata());
            if (range == null || !range.matches()) {
                throw new IllegalStateException("the committed progress of replay " + replayId + " has nothing "
                        + "recognisable for " + partition + " (" + offset + "): did the source's partitions change? "
                        + "--restart starts the replay over");
            }
            lanes.put(partition, new ReplayLane(partition, Long.parseLong(range.group(1)),
                    Long.parseLong(range.group(2)), offset.offset(), true));
        }
        return lanes;
    }

    /** The lanes' positions as offsets to commit, each with its range. */
    static Map<TopicPartition, OffsetAndMetadata> positions(Map<TopicPartition, ReplayLane> lanes) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        lanes.forEach((partition, lane) -> offsets.put(partition, new OffsetAndMetadata(lane.position,
                "rigwatch-replay start=" + lane.start + " end=" + lane.end)));
        return offsets;
    }

    private static Map<TopicPartition, Long> at(List<TopicPartition> partitions, Instant time) {
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(p -> times.put(p, time.toEpochMilli()));
        return times;
    }
}
