package dev.rigwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The README's two commands ({@code docker/build-images.sh}, then {@code docker-compose up -d}) bring the stack up,
 * and an alert of the simulated rebound is read from the host with {@code rigwatch tail alerts}; {@code down -v}
 * leaves nothing behind. The same for the scale-out variant: three SASL_SSL brokers, two streams instances, every
 * client authenticated; a wrong password is refused.
 */
@Testcontainers(disabledWithoutDocker = true)
class ComposeStackTest {

    /**
     * Up to the simulator's first full crash and rebound after ingest starts, and the stages' start: the SASL_SSL
     * cluster variant has taken over 4 minutes on 2 cores (its alerts stage up 3 minutes after ingest).
     */
    private static final Duration ALERT_WAIT = Duration.ofMinutes(6);

    @Test
    void theReadmeCommandsBringUpTheStackAndAnAlertReachesTheHost() {
        Images.ensureBuilt();
        Map<String, String> env = ports();
        try (Compose stack = new Compose("rigwatch-test-single", List.of("docker-compose.yml"), env)) {
            long start = System.nanoTime();
            stack.up();
            long upMs = (System.nanoTime() - start) / 1_000_000;
            String alert = tailOneAlert(Map.of("KAFKA_BOOTSTRAP_SERVERS", "localhost:" + env.get("KAFKA_HOST_PORT")));
            long alertMs = (System.nanoTime() - start) / 1_000_000;
            System.out.println("compose: up in " + upMs + " ms; first alert on the host " + alertMs + " ms after up began: "
                    + alert.substring(0, Math.min(alert.length(), 200)));

            assertThat(alert).contains("\"topic\":\"alerts\"").contains("\"rule\":\"signal:rebound\"");
            stack.down();
            assertThat(stack.leftovers()).as("containers and volumes after down -v").isEmpty();
        }
    }

    @Test
    void theClusterVariantRunsOnThreeSaslSslBrokersAndRefusesAWrongPassword() throws IOException {
        Images.ensureBuilt();
        Map<String, String> env = ports();
        env.put("KAFKA_2_HOST_PORT", String.valueOf(KafkaNodes.freePort()));
        env.put("KAFKA_3_HOST_PORT", String.valueOf(KafkaNodes.freePort()));
        try (Compose stack = new Compose("rigwatch-test-cluster",
                List.of("docker-compose.yml", "docker-compose.cluster.yml"), env)) {
            long start = System.nanoTime();
            stack.up();
            long upMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(stack.run("ps", "-q", "streams").lines().filter(l -> !l.isBlank()).count())
                    .as("streams instances").isEqualTo(2);
            Path truststore = Path.of("target", "containers", "cluster-truststore.p12").toAbsolutePath();
            Files.createDirectories(truststore.getParent());
            stack.exec(List.of("docker", "cp", stack.containerId("kafka") + ":/certs/truststore.p12", truststore.toString()));
            Map<String, String> client = new HashMap<>(Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", "localhost:" + env.get("KAFKA_HOST_PORT"),
                    "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                    "KAFKA_SASL_USERNAME", "rigwatch",
                    "KAFKA_SASL_PASSWORD", "rigwatch-secret",
                    "KAFKA_SSL_TRUSTSTORE_LOCATION", truststore.toString(),
                    "KAFKA_SSL_TRUSTSTORE_PASSWORD", "changeit"));

            String alert = tailOneAlert(client);
            long alertMs = (System.nanoTime() - start) / 1_000_000;
            System.out.println("compose cluster: up in " + upMs + " ms; first alert on the host over SASL_SSL " + alertMs
                    + " ms after up began");
            assertThat(alert).contains("\"rule\":\"signal:rebound\"");

            client.put("KAFKA_SASL_PASSWORD", "not-the-password");
            HostProcess refused = rigwatch(client, Duration.ofMinutes(1), "topics", "list");
            assertThat(refused.exit()).as("exit code with a wrong password").isNotZero();
            assertThat(refused.output()).contains("Authentication failed").doesNotContain("not-the-password");

            stack.down();
            assertThat(stack.leftovers()).as("containers and volumes after down -v").isEmpty();
        }
    }

    /** The stack's host ports, free ones, so the test never meets another stack or broker on this machine. */
    private static Map<String, String> ports() {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_HOST_PORT", String.valueOf(KafkaNodes.freePort()));
        env.put("SIMULATOR_HOST_PORT", String.valueOf(KafkaNodes.freePort()));
        env.put("API_HOST_PORT", String.valueOf(KafkaNodes.freePort()));
        // the crash and rebound every 30 s instead of every minute: the same market, sooner
        env.put("SIMULATOR_SPEED", "120");
        return env;
    }

    private static String tailOneAlert(Map<String, String> env) {
        HostProcess tail = rigwatch(env, ALERT_WAIT, "tail", "alerts", "--from-beginning", "--max", "1");
        assertThat(tail.exit()).as("rigwatch tail alerts exit code; output:\n" + tail.output()).isZero();
        return tail.output();
    }

    /** The rigwatch jar this build made, run on this host as a user runs it. */
    private static HostProcess rigwatch(Map<String, String> env, Duration timeout, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Images.PROJECT.resolve("app/target/rigwatch-all.jar").toString()));
        command.addAll(List.of(args));
        return HostProcess.run(command, env, timeout);
    }
}
