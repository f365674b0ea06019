package dev.rigwatch.ops.replay;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;

/**
 * Where a replay's copy goes, so that the records of one key stay in one partition, in order, whatever the
 * target's partition count.
 */
final class TargetPartition {

    private TargetPartition() {
    }

    /**
     * The same partition when source and target have as many; otherwise where a producer would put its key
     * (murmur2, like Kafka's default partitioner), and a record without a key to its source partition modulo the
     * target's count.
     */
    static int of(ConsumerRecord<byte[], byte[]> record, int sourcePartitions, int targetPartitions) {
        if (sourcePartitions == targetPartitions) {
            return record.partition();
        }
        return record.key() == null ? record.partition() % targetPartitions
                : Utils.toPositive(Utils.murmur2(record.key())) % targetPartitions;
    }
}
