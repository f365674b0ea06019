package dev.rigwatch.broker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.rigwatch.broker.KafkaCluster;
import dev.rigwatch.broker.testing.TestCertificates;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.kafka.EventProducer;
import dev.rigwatch.events.kafka.KafkaClients;
import dev.rigwatch.events.kafka.KafkaSecurity;
import dev.rigwatch.events.kafka.StreamsStage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The project's own client factories against a real broker with a SASL_SSL (SCRAM-SHA-512) and a mutual-TLS
 * listener, certificates made for this class. Each client's security is read from env vars the way a stage's is.
 */
class SecuredClientsTest {

    private static final String USER = "rigwatch-stage";
    private static final String PASSWORD = "scram-pw-" + Long.toHexString(System.nanoTime());
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** What a refused client is given to fail in, so a test of "cannot connect" ends in seconds. */
    private static final int REFUSAL_TIMEOUT_MS = 2_000;
    private static final Topic<String, String> IN = topic("secured.in");
    private static final Topic<String, String> OUT = topic("secured.out");

    @TempDir
    static Path dir;

    private static TestCertificates certs;
    private static KafkaCluster cluster;

    @BeforeAll
    static void startSecuredBroker() throws Exception {
        certs = TestCertificates.generate(dir);
        cluster = KafkaCluster.startSecured(certs.listeners(Map.of(USER, PASSWORD)));
        try (Admin admin = Admin.create(KafkaClients.admin(cluster.saslSslBootstrapServers(), scram(PASSWORD)))) {
            admin.createTopics(List.of(new NewTopic(IN.name(), 1, (short) 1), new NewTopic(OUT.name(), 1, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stopBroker() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aScramUserProducesAndConsumesOverSaslSslAndKafkaLogsNoneOfItsSecrets() throws Exception {
        String key = "produce-" + System.nanoTime();
        List<ILoggingEvent> kafkaLog = capturingKafkaInfoLog(() -> {
            try (EventProducer producer = new EventProducer(cluster.saslSslBootstrapServers(), "test-secured",
                    scram(PASSWORD))) {
                producer.send(IN, key, "over TLS", Instant.now(), null).get(30, TimeUnit.SECONDS);
            }
            assertThat(readAll(cluster.saslSslBootstrapServers(), scram(PASSWORD), IN.name()))
                    .contains(key + "=over TLS");
        });

        List<String> lines = kafkaLog.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).anySatisfy(line -> assertThat(line)
                .contains("sasl.jaas.config = [hidden]")
                .contains("ssl.truststore.password = [hidden]")
                .contains("security.protocol = SASL_SSL"));
        assertThat(lines).noneMatch(line -> line.contains(PASSWORD) || line.contains(certs.password()));
    }

    @Test
    void aStreamsStageAuthenticatesWithTheSameSettings() throws Exception {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(IN.name(), Consumed.with(Serdes.String(), Serdes.String()).withName("secured-source"))
                .mapValues(value -> value.toUpperCase(), Named.as("secured-upper"))
                .to(OUT.name(), Produced.with(Serdes.String(), Serdes.String()).withName("secured-sink"));
        String key = "streams-" + System.nanoTime();

        try (StreamsStage stage = new StreamsStage(cluster.saslSslBootstrapServers(), "test-secured-streams",
                dir.resolve("streams-state"), Duration.ofMillis(100), TopicNamespace.PRODUCTION, builder.build(),
                new SimpleMeterRegistry(), scram(PASSWORD).apply(new Properties()));
             EventProducer producer = new EventProducer(cluster.saslSslBootstrapServers(), "test-secured-in",
                     scram(PASSWORD))) {
            stage.start();
            producer.send(IN, key, "through streams", Instant.now(), null).get(30, TimeUnit.SECONDS);

            assertThat(awaitRecord(cluster.saslSslBootstrapServers(), scram(PASSWORD), OUT.name(), key))
                    .isEqualTo("THROUGH STREAMS");
        }
    }

    @Test
    void aWrongPasswordIsRefusedAsAnAuthenticationFailure() {
        try (Admin admin = Admin.create(KafkaClients.admin(cluster.saslSslBootstrapServers(), scram("not-" + PASSWORD)))) {
            assertThatThrownBy(() -> admin.describeCluster(refusalTimeout()).clusterId().get())
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(SaslAuthenticationException.class)
                    .hasMessageContaining("invalid credentials");
        }
        try (EventProducer producer = new EventProducer(cluster.saslSslBootstrapServers(), "test-wrong-password",
                scram("not-" + PASSWORD))) {
            assertThatThrownBy(() -> producer.send(IN, "k", "v", Instant.now(), null).get(30, TimeUnit.SECONDS))
                    .cause().isInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void withoutTlsTheSaslSslListenerCannotBeReached() {
        Map<String, String> saslPlaintext = Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "KAFKA_SASL_USERNAME", USER, "KAFKA_SASL_PASSWORD", PASSWORD);
        for (KafkaSecurity withoutTls : List.of(KafkaSecurity.PLAINTEXT, KafkaSecurity.fromEnvironment(saslPlaintext))) {
            long start = System.nanoTime();
            try (Admin admin = Admin.create(KafkaClients.admin(cluster.saslSslBootstrapServers(), withoutTls))) {
                assertThatThrownBy(() -> admin.describeCluster(refusalTimeout()).clusterId().get())
                        .as(withoutTls.protocol() + " against the SASL_SSL listener")
                        .isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOf(TimeoutException.class);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        }
    }

    @Test
    void aClientThatDoesNotTrustTheBrokersCaIsRefusedTheHandshake() {
        Map<String, String> env = new HashMap<>(scramEnv(PASSWORD));
        env.remove("KAFKA_SSL_TRUSTSTORE_LOCATION");
        env.remove("KAFKA_SSL_TRUSTSTORE_PASSWORD");
        try (Admin admin = Admin.create(KafkaClients.admin(cluster.saslSslBootstrapServers(),
                KafkaSecurity.fromEnvironment(env)))) {
            assertThatThrownBy(() -> admin.describeCluster(refusalTimeout()).clusterId().get())
                    .cause().isInstanceOf(SslAuthenticationException.class);
        }
    }

    @Test
    void aClientCertificateOpensTheMutualTlsListenerAndNoCertificateIsRefused() throws Exception {
        Map<String, String> tls = Map.of("KAFKA_SECURITY_PROTOCOL", "SSL",
                "KAFKA_SSL_TRUSTSTORE_LOCATION", certs.truststore().toString(),
                "KAFKA_SSL_TRUSTSTORE_PASSWORD", certs.password());
        Map<String, String> mtls = new HashMap<>(tls);
        mtls.putAll(Map.of("KAFKA_SSL_KEYSTORE_LOCATION", certs.clientKeystore().toString(),
                "KAFKA_SSL_KEYSTORE_PASSWORD", certs.password(), "KAFKA_SSL_KEY_PASSWORD", certs.password()));
        String key = "mtls-" + System.nanoTime();

        try (EventProducer producer = new EventProducer(cluster.mtlsBootstrapServers(), "test-mtls",
                KafkaSecurity.fromEnvironment(mtls))) {
            producer.send(IN, key, "with a certificate", Instant.now(), null).get(30, TimeUnit.SECONDS);
        }
        assertThat(readAll(cluster.mtlsBootstrapServers(), KafkaSecurity.fromEnvironment(mtls), IN.name()))
                .contains(key + "=with a certificate");

        try (Admin admin = Admin.create(KafkaClients.admin(cluster.mtlsBootstrapServers(),
                KafkaSecurity.fromEnvironment(tls)))) {
            assertThatThrownBy(() -> admin.describeCluster(refusalTimeout()).clusterId().get())
                    .cause().isInstanceOf(SslAuthenticationException.class);
        }
    }

    /** The settings a stage would be started with, as env vars. */
    private static Map<String, String> scramEnv(String password) {
        return Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "KAFKA_SASL_USERNAME", USER, "KAFKA_SASL_PASSWORD", password,
                "KAFKA_SSL_TRUSTSTORE_LOCATION", certs.truststore().toString(),
                "KAFKA_SSL_TRUSTSTORE_PASSWORD", certs.password());
    }

    private static KafkaSecurity scram(String password) {
        return KafkaSecurity.fromEnvironment(scramEnv(password));
    }

    private static DescribeClusterOptions refusalTimeout() {
        return new DescribeClusterOptions().timeoutMs(REFUSAL_TIMEOUT_MS);
    }

    /** Every record of the topic's single partition, as {@code key=value}. */
    private static List<String> readAll(String bootstrap, KafkaSecurity security, String topic) {
        List<String> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                KafkaClients.consumer(bootstrap, null, Map.of(), security))) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), WAIT).get(partition);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (consumer.position(partition, WAIT) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    records.add(text(record.key()) + "=" + text(record.value()));
                }
            }
        }
        return records;
    }

    /** The value of the first record with {@code key}, waiting for it up to {@link #WAIT}. */
    private static String awaitRecord(String bootstrap, KafkaSecurity security, String topic, String key) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (String record : readAll(bootstrap, security, topic)) {
                if (record.startsWith(key + "=")) {
                    return record.substring(key.length() + 1);
                }
            }
        }
        throw new AssertionError("no record with key " + key + " on " + topic + " within " + WAIT);
    }

    /** Runs {@code body} with Kafka's loggers at INFO, where each client logs its configuration; returns the log. */
    private static List<ILoggingEvent> capturingKafkaInfoLog(ThrowingRunnable body) throws Exception {
        Logger kafka = (Logger) LoggerFactory.getLogger("org.apache.kafka");
        Level level = kafka.getLevel();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        kafka.addAppender(appender);
        kafka.setLevel(Level.INFO);
        try {
            body.run();
        } finally {
            kafka.setLevel(level);
            kafka.detachAppender(appender);
        }
        return List.copyOf(appender.list);
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "null" : new String(bytes, StandardCharsets.UTF_8);
    }

    private static Topic<String, String> topic(String name) {
        return new Topic<>(name, Serdes.String(), Serdes.String(), 1, (short) 1, "delete", null, "a test's");
    }
}
