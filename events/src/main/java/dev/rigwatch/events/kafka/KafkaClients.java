package dev.rigwatch.events.kafka;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Client settings shared by every stage, so producers are configured one way everywhere. Each client also gets the
 * process's {@link KafkaSecurity#ofProcess() security}; the overloads that take a {@link KafkaSecurity} are for a
 * client that must speak to another listener than the process's (a test's, the embedded broker's own).
 */
public final class KafkaClients {

    /** The env var that points every process (tests included) at an external cluster. */
    public static final String BOOTSTRAP_ENV = "KAFKA_BOOTSTRAP_SERVERS";

    private KafkaClients() {
    }

    /** The external cluster's bootstrap servers from {@value #BOOTSTRAP_ENV}, or null when unset or blank. */
    public static String externalBootstrap() {
        String value = System.getenv(BOOTSTRAP_ENV);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** Admin client properties, with the process's security. */
    public static Properties admin(String bootstrap) {
        return admin(bootstrap, KafkaSecurity.ofProcess());
    }

    public static Properties admin(String bootstrap, KafkaSecurity security) {
        Properties props = security.apply(new Properties());
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        props.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        return props;
    }

    /**
     * A byte-level producer: idempotent, {@code acks=all}, so a retried send never duplicates or reorders a
     * record. Values are serialized by the topic's serde in {@link EventProducer}. With the process's security.
     */
    public static Properties producer(String bootstrap, String clientId) {
        return producer(bootstrap, clientId, KafkaSecurity.ofProcess());
    }

    public static Properties producer(String bootstrap, String clientId, KafkaSecurity security) {
        Properties props = security.apply(new Properties());
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // with the broker unreachable, fail a send after 10 s (counted by the caller) rather than Kafka's 60 s,
        // so a poller thread is not frozen for a minute per attempt
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }

    /**
     * A byte-level consumer; callers deserialize with the topic's serde so a poison record can be skipped. With the
     * process's security.
     */
    public static Properties consumer(String bootstrap, String groupId, Map<String, Object> overrides) {
        return consumer(bootstrap, groupId, overrides, KafkaSecurity.ofProcess());
    }

    public static Properties consumer(String bootstrap, String groupId, Map<String, Object> overrides,
                                      KafkaSecurity security) {
        Properties props = security.apply(new Properties());
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        if (groupId != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.putAll(overrides);
        return props;
    }
}
