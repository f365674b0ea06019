package dev.rigwatch.events;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;

/**
 * One topic of the catalogue, typed by its key and value: code refers to {@code Topics.CRYPTO_TICKS.valueSerde()},
 * never to a name string.
 *
 * @param name          the topic name ({@code <domain>.<entity>[.<variant>]})
 * @param keySerde      serde of the key
 * @param valueSerde    serde of the value
 * @param partitions    partition count
 * @param replication   wanted replication factor (capped at the cluster's broker count when created)
 * @param cleanupPolicy {@code delete} (append-only history) or {@code compact} (latest state per key)
 * @param retention     how long records are kept; null keeps them forever (raw history: replay and backtest
 *                      read it, and imported history carries old timestamps that a finite retention would delete)
 * @param description   what the topic holds, for {@code rigwatch topics list} and the README
 */
public record Topic<K, V>(
        String name,
        Serde<K> keySerde,
        Serde<V> valueSerde,
        int partitions,
        short replication,
        String cleanupPolicy,
        Duration retention,
        String description) {

    /** The topic-level configs rigwatch sets and checks. */
    public Map<String, String> configs() {
        return Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy,
                TopicConfig.RETENTION_MS_CONFIG, retention == null ? "-1" : Long.toString(retention.toMillis()));
    }

    @Override
    public String toString() {
        return name;
    }
}
