package dev.rigwatch.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigwatch.events.kafka.KafkaClients;
import dev.rigwatch.events.kafka.KafkaSecurity;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

class KafkaTargetTest {

    @Test
    void externalBootstrapIsUsedAsGivenWithoutStartingABroker() {
        try (KafkaTarget target = KafkaTarget.resolve("kafka-1.internal:9092,kafka-2.internal:9092", 0, null)) {
            assertThat(target.isEmbedded()).isFalse();
            assertThat(target.bootstrapServers()).isEqualTo("kafka-1.internal:9092,kafka-2.internal:9092");
            assertThat(target).hasToString("external Kafka cluster at kafka-1.internal:9092,kafka-2.internal:9092");
        }
    }

    @Test
    void withoutExternalBootstrapAnEmbeddedBrokerServesUntilClose() throws Exception {
        KafkaTarget target = KafkaTarget.resolve(null, 0, null);
        String bootstrap = target.bootstrapServers();
        try (Admin admin = Admin.create(KafkaClients.admin(bootstrap))) {
            assertThat(target.isEmbedded()).isTrue();
            assertThat(target).hasToString("embedded Kafka broker at " + bootstrap);
            assertThat(admin.describeCluster().nodes().get()).hasSize(1);
        }

        target.close();

        // the broker released its port: it no longer listens there
        int port = Integer.parseInt(bootstrap.substring(bootstrap.indexOf(':') + 1));
        try (ServerSocket rebound = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThat(rebound.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void clientSecurityOtherThanPlaintextNeedsAnExternalClusterSinceTheEmbeddedBrokerSpeaksPlaintext() {
        KafkaSecurity tls = KafkaSecurity.fromEnvironment(Map.of("KAFKA_SECURITY_PROTOCOL", "SSL"));

        assertThatThrownBy(() -> KafkaTarget.resolve(null, tls, 0, null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Kafka client security is SSL, but KAFKA_BOOTSTRAP_SERVERS is not set, so an embedded broker"
                        + " would be started, which speaks PLAINTEXT: set KAFKA_BOOTSTRAP_SERVERS to the secured cluster,"
                        + " or unset KAFKA_SECURITY_PROTOCOL and the KAFKA_SASL_* and KAFKA_SSL_* settings");
        try (KafkaTarget external = KafkaTarget.resolve("kafka-1.internal:9093", tls, 0, null)) {
            assertThat(external.isEmbedded()).isFalse();
        }
    }
}
