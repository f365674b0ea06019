package dev.rigwatch.ops.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The progress a run commits is what the next run resumes from: range and position, per partition. */
class ReplayPlanTest {

    private static final TopicPartition P0 = new TopicPartition("crypto.ticks", 0);
    private static final TopicPartition P1 = new TopicPartition("crypto.ticks", 1);

    @Test
    void theCommittedPositionsResumeAsTheSameLanes() {
        Map<TopicPartition, ReplayLane> lanes = new LinkedHashMap<>();
        lanes.put(P0, new ReplayLane(P0, 5, 20, 12, false));
        lanes.put(P1, new ReplayLane(P1, 0, 0, 0, false));

        Map<TopicPartition, OffsetAndMetadata> committed = ReplayPlan.positions(lanes);
        Map<TopicPartition, ReplayLane> resumed = ReplayPlan.resumed(committed, List.of(P0, P1), "replay-1");

        assertThat(committed.get(P0)).isEqualTo(new OffsetAndMetadata(12, "rigwatch-replay start=5 end=20"));
        assertThat(resumed.values()).extracting(ReplayLane::summary).containsExactly(
                new ReplaySummary.Partition(0, 5, 20, 12, 0), new ReplaySummary.Partition(1, 0, 0, 0, 0));
        assertThat(resumed.values()).allMatch(lane -> lane.resumed);
    }

    @Test
    void progressWithoutARecognisableRangeForEveryPartitionIsRefused() {
        Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
        committed.put(P0, new OffsetAndMetadata(3, "rigwatch-replay start=0 end=9"));
        committed.put(P1, new OffsetAndMetadata(3, "committed by someone else"));

        assertThatThrownBy(() -> ReplayPlan.resumed(committed, List.of(P0, P1), "replay-1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the committed progress of replay replay-1 has nothing recognisable for "
                        + "crypto.ticks-1")
                .hasMessageContaining("--restart starts the replay over");
        assertThatThrownBy(() -> ReplayPlan.resumed(Map.of(P0, committed.get(P0)), List.of(P0, P1), "replay-1"))
                .as("a partition added since").isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("for crypto.ticks-1 (null)");
    }
}
