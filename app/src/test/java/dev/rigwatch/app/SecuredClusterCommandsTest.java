package dev.rigwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.broker.KafkaCluster;
import dev.rigwatch.broker.testing.TestCertificates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * rigwatch processes against a broker that takes only SCRAM users over TLS, with their Kafka security from env vars
 * alone, as a container's would be: the admin client of {@code topics} and the Kafka Streams clients of
 * {@code streams} all authenticate without a flag or a line of JAAS.
 */
class SecuredClusterCommandsTest {

    private static final String USER = "rigwatch-stages";
    private static final String PASSWORD = "stage-pw-" + Long.toHexString(System.nanoTime());
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    static Path dir;

    private static TestCertificates certs;
    private static KafkaCluster cluster;

    @BeforeAll
    static void startSecuredBroker() {
        certs = TestCertificates.generate(dir);
        cluster = KafkaCluster.startSecured(certs.listeners(Map.of(USER, PASSWORD)));
    }

    @AfterAll
    static void stopBroker() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theStagesReachASaslSslClusterWithTheirSecurityFromEnvVarsAlone() throws Exception {
        Map<String, String> env = stageEnv(PASSWORD);

        try (ForkedRigwatch create = ForkedRigwatch.start(dir.resolve("create.log"), env, "topics", "create")) {
            assertThat(create.awaitExit(WAIT)).as(create.output()).isZero();
            assertThat(create.output()).contains("crypto.ticks").doesNotContain(PASSWORD);
        }
        try (ForkedRigwatch streams = ForkedRigwatch.start(dir.resolve("streams.log"), env, "streams",
                "--application-id", "secured-streams", "--state-dir", dir.resolve("state").toString(),
                "--metrics-port", "0")) {
            streams.awaitOutput("running against " + cluster.saslSslBootstrapServers(), WAIT);
            assertThat(streams.output()).doesNotContain(PASSWORD, certs.password());
        }
    }

    @Test
    void aProcessWithAWrongPasswordEndsWithKafkasAuthenticationErrorAndNotThePassword() throws Exception {
        String wrong = "not-" + PASSWORD;

        try (ForkedRigwatch list = ForkedRigwatch.start(dir.resolve("wrong.log"), stageEnv(wrong), "topics", "list")) {
            assertThat(list.awaitExit(WAIT)).as(list.output()).isEqualTo(1);
            assertThat(list.output())
                    .contains("rigwatch list: cannot complete a topic admin call: Authentication failed during"
                            + " authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512")
                    .doesNotContain(wrong);
        }
    }

    /** What a stage's container would set. */
    private static Map<String, String> stageEnv(String password) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", cluster.saslSslBootstrapServers());
        env.put("KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
        env.put("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
        env.put("KAFKA_SASL_USERNAME", USER);
        env.put("KAFKA_SASL_PASSWORD", password);
        env.put("KAFKA_SSL_TRUSTSTORE_LOCATION", certs.truststore().toString());
        env.put("KAFKA_SSL_TRUSTSTORE_PASSWORD", certs.password());
        return env;
    }
}
