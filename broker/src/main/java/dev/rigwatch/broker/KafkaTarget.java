package dev.rigwatch.broker;

import dev.rigwatch.events.kafka.KafkaClients;
import dev.rigwatch.events.kafka.KafkaSecurity;
import java.nio.file.Path;

/**
 * Where a process connects: the external cluster named by {@value KafkaClients#BOOTSTRAP_ENV} when it is set,
 * otherwise an embedded {@link KafkaCluster} that this target starts, owns and closes. The process's clients use its
 * {@link KafkaSecurity#ofProcess() security} either way, so an embedded broker, which speaks PLAINTEXT, is refused
 * when that is set to anything else.
 */
public final class KafkaTarget implements AutoCloseable {

    private final String bootstrapServers;
    private final KafkaCluster embedded;

    private KafkaTarget(String bootstrapServers, KafkaCluster embedded) {
        this.bootstrapServers = bootstrapServers;
        this.embedded = embedded;
    }

    /**
     * @param embeddedPort    client port of the embedded broker if one is started; 0 picks a free one
     * @param embeddedDataDir data dir of the embedded broker if one is started; null for a temporary one
     */
    public static KafkaTarget resolve(int embeddedPort, Path embeddedDataDir) {
        return resolve(KafkaClients.externalBootstrap(), KafkaSecurity.ofProcess(), embeddedPort, embeddedDataDir);
    }

    static KafkaTarget resolve(String externalBootstrap, int embeddedPort, Path embeddedDataDir) {
        return resolve(externalBootstrap, KafkaSecurity.PLAINTEXT, embeddedPort, embeddedDataDir);
    }

    /** @param security what the process's clients will use; it must be PLAINTEXT for an embedded broker */
    static KafkaTarget resolve(String externalBootstrap, KafkaSecurity security, int embeddedPort,
                               Path embeddedDataDir) {
        if (externalBootstrap != null) {
            return new KafkaTarget(externalBootstrap, null);
        }
        if (!security.isPlaintext()) {
            throw new IllegalStateException("Kafka client security is " + security.protocol() + ", but "
                    + KafkaClients.BOOTSTRAP_ENV + " is not set, so an embedded broker would be started, which speaks"
                    + " PLAINTEXT: set " + KafkaClients.BOOTSTRAP_ENV + " to the secured cluster, or unset"
                    + " KAFKA_SECURITY_PROTOCOL and the KAFKA_SASL_* and KAFKA_SSL_* settings");
        }
        KafkaCluster cluster = KafkaCluster.start(embeddedPort, embeddedDataDir);
        return new KafkaTarget(cluster.bootstrapServers(), cluster);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** True when this target started its own broker (and stops it on close). */
    public boolean isEmbedded() {
        return embedded != null;
    }

    /** Stops the embedded broker, if any; an external cluster is left alone. */
    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }

    @Override
    public String toString() {
        return (isEmbedded() ? "embedded Kafka broker at " : "external Kafka cluster at ") + bootstrapServers;
    }
}
