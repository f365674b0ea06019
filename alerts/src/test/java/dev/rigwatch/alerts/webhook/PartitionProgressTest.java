package dev.rigwatch.alerts.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PartitionProgressTest {

    @Test
    void commitsUpToTheFirstUnfinishedAlert() {
        PartitionProgress partition = new PartitionProgress(10);
        partition.awaiting(10);
        partition.awaiting(11);
        partition.awaiting(12);
        partition.finished(11);
        partition.finished(12);
        partition.markFinished();
        assertThat(partition.committable()).isEqualTo(10);

        partition.finished(10);
        assertThat(partition.committable()).as("until the reader takes it in").isEqualTo(10);
        partition.markFinished();
        assertThat(partition.committable()).isEqualTo(13);
    }

    @Test
    void skippedAlertsAreCommittableAtOnce() {
        PartitionProgress partition = new PartitionProgress(5);
        assertThat(partition.committable()).isEqualTo(5);
        partition.skipped(5);
        partition.skipped(6);
        assertThat(partition.committable()).isEqualTo(7);
    }

    @Test
    void isAheadOnlyOfWhatWasCommitted() {
        PartitionProgress partition = new PartitionProgress(3);
        assertThat(partition.ahead()).isTrue();
        partition.committed(3);
        assertThat(partition.ahead()).isFalse();
        partition.skipped(3);
        assertThat(partition.ahead()).isTrue();
    }
}
