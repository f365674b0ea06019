package dev.rigwatch.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigwatch.broker.testing.SharedKafka;
import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.TimeSource;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.kafka.EventProducer;
import dev.rigwatch.events.kafka.KafkaClients;
import dev.rigwatch.events.kafka.TopicAdmin;
import dev.rigwatch.events.kafka.TopicAdmin.Result;
import dev.rigwatch.events.kafka.TopicAdmin.Result.Status;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClusterLifecycleTest {

    private static final Instant T0 = Instant.parse("2024-05-01T12:00:00.250Z");

    @Test
    void restartWithTheSameDataDirKeepsTopicsAndRecords(@TempDir Path parent) {
        Path dataDir = parent.resolve("kafka-data");
        List<CryptoTick> ticks = List.of(tick("65000.50", T0), tick("65010.00", T0.plusSeconds(1)),
                tick("64990.125", T0.plusSeconds(2)));
        try (KafkaCluster first = KafkaCluster.start(0, dataDir)) {
            ensureCatalogue(first.bootstrapServers());
            try (EventProducer producer = new EventProducer(first.bootstrapServers(), "test-restart")) {
                ticks.forEach(t -> producer.send(Topics.CRYPTO_TICKS, t.key(), t, t.eventTime(), null));
            }
        }
        assertThat(dataDir.resolve("meta.properties")).as("close keeps a given data dir").isRegularFile();

        try (KafkaCluster second = KafkaCluster.start(0, dataDir)) {
            List<Result> results = ensureCatalogue(second.bootstrapServers());
            List<ConsumerRecord<String, CryptoTick>> read = SharedKafka.consume(second.bootstrapServers(),
                    Topics.CRYPTO_TICKS, r -> true, 3, Duration.ofSeconds(20));

            assertThat(results).extracting(Result::status).containsOnly(Status.EXISTS).hasSize(Topics.all().size());
            assertThat(read).extracting(ConsumerRecord::value).containsExactlyElementsOf(ticks);
        }
    }

    @Test
    void closeDeletesTheTemporaryDataDirItCreated() {
        KafkaCluster cluster = KafkaCluster.start(0, null);
        Path dataDir = cluster.dataDir();
        assertThat(dataDir.resolve("meta.properties")).isRegularFile();

        cluster.close();

        assertThat(dataDir).doesNotExist();
    }

    @Test
    void startFailsNamingThePortWhenItIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> KafkaCluster.start(port, null))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessage("port " + port + " on 127.0.0.1 is not available for the Kafka broker");
        }
    }

    private static List<Result> ensureCatalogue(String bootstrap) {
        try (Admin admin = Admin.create(KafkaClients.admin(bootstrap))) {
            return new TopicAdmin(admin).ensure(Topics.all());
        }
    }

    /** One instrument, so all ticks share a key and partition and come back in the order sent. */
    private static CryptoTick tick(String price, Instant exchangeTime) {
        return new CryptoTick(CryptoTick.VERSION, "coinbase", "BTC-USD", new BigDecimal(price), null, null, null,
                null, exchangeTime, exchangeTime.plusMillis(80), TimeSource.EXCHANGE);
    }
}
