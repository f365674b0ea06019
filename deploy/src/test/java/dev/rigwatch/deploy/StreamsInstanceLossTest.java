package dev.rigwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.lifecycle.Startables;

/**
 * Two streams instances in containers (the rigwatch image's {@code streams} command, one standby replica each) share
 * the work; one is killed mid-run and the other takes over its tasks. The outputs are the uninterrupted run's.
 */
@Testcontainers(disabledWithoutDocker = true)
class StreamsInstanceLossTest {

    private static final Duration BEFORE = Duration.ofSeconds(20);
    private static final Duration AFTER = Duration.ofSeconds(30);
    /** How long the group waits for the killed instance: lower than Kafka's 45 s default, as a deployment would. */
    private static final String SESSION_TIMEOUT = "10s";

    @TempDir
    Path state;

    @Test
    void theSurvivingInstanceTakesOverAndNothingIsLostOrDuplicated() throws Exception {
        try (KafkaNodes kafka = KafkaNodes.start(1, "instance-loss");
             MarketRun run = MarketRun.start(kafka.bootstrapServers(), state, false)) {
            List<Long> bRunningAt = new CopyOnWriteArrayList<>();
            GenericContainer<?> a = streams(kafka, run, "a", new CopyOnWriteArrayList<>());
            GenericContainer<?> b = streams(kafka, run, "b", bRunningAt);
            try {
                Startables.deepStart(a, b).join();
                Thread.sleep(BEFORE.toMillis());
                long killedAt = System.nanoTime();
                docker().killContainerCmd(a.getContainerId()).exec();
                int servedAtKill = run.servedSoFar();
                Thread.sleep(AFTER.toMillis());
                long takeover = bRunningAt.stream().filter(t -> t > killedAt).findFirst()
                        .map(t -> (t - killedAt) / 1_000_000).orElseThrow(() -> new AssertionError(
                                "instance b never went back to RUNNING after a was killed"));
                System.out.println("streams instance a killed after " + servedAtKill + " ticks served; b RUNNING with"
                        + " a's tasks " + takeover + " ms later (session timeout " + SESSION_TIMEOUT
                        + ", 1 standby replica)");
                MarketRun.Outcome outcome = run.finish();
                System.out.println(outcome.summary("streams instance loss (docker kill of one of two)"));

                FaultChecks.assertNothingLostOrDuplicated(outcome);
                assertThat(takeover).as("ms until the survivor runs a's tasks").isPositive();
            } finally {
                a.stop();
                b.stop();
            }
        }
    }

    private static GenericContainer<?> streams(KafkaNodes kafka, MarketRun run, String name, List<Long> runningAt) {
        Path log = ContainerLogs.of("instance-loss-streams-" + name);
        return new GenericContainer<>("rigwatch:local")
                .withNetwork(kafka.network())
                // the simulator whose clock the stage follows runs in this JVM
                .withExtraHost("host.docker.internal", "host-gateway")
                .withCommand("streams", "--bootstrap-servers", kafka.internalBootstrapServers(),
                        "--application-id", run.streamsApplicationId(),
                        "--simulated-clock", "http://host.docker.internal:" + run.simulatorPort(),
                        "--standby-replicas", "1", "--session-timeout", SESSION_TIMEOUT)
                .withLogConsumer(frame -> {
                    String line = frame.getUtf8String();
                    if (line.contains("-> RUNNING")) {
                        runningAt.add(System.nanoTime());
                    }
                    ContainerLogs.append(log, line);
                })
                .waitingFor(Wait.forLogMessage(".*streams stage .* running against.*", 1)
                        .withStartupTimeout(Duration.ofMinutes(2)));
    }

    private static DockerClient docker() {
        return DockerClientFactory.instance().client();
    }
}
