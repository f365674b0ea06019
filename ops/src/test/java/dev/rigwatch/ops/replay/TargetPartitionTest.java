package dev.rigwatch.ops.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

class TargetPartitionTest {

    private static ConsumerRecord<byte[], byte[]> record(int partition, String key) {
        return new ConsumerRecord<>("crypto.ticks", partition, 0, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aTargetWithAsManyPartitionsGetsEachRecordOnItsSourcePartition() {
        assertThat(TargetPartition.of(record(2, "kraken:BTC-USD"), 3, 3)).isEqualTo(2);
        assertThat(TargetPartition.of(record(1, null), 3, 3)).isEqualTo(1);
    }

    @Test
    void aTargetWithAnotherCountGetsAKeyWhereAProducerWouldPutIt() {
        byte[] key = "kraken:BTC-USD".getBytes(StandardCharsets.UTF_8);
        int expected = Utils.toPositive(Utils.murmur2(key)) % 5;

        assertThat(TargetPartition.of(record(0, "kraken:BTC-USD"), 3, 5)).isEqualTo(expected);
        assertThat(TargetPartition.of(record(2, "kraken:BTC-USD"), 3, 5)).as("whatever its source partition")
                .isEqualTo(expected);
    }

    @Test
    void aRecordWithoutAKeyGoesToItsSourcePartitionModuloTheTargetsCount() {
        assertThat(TargetPartition.of(record(5, null), 6, 4)).isEqualTo(1);
        assertThat(TargetPartition.of(record(2, null), 6, 4)).isEqualTo(2);
    }
}
