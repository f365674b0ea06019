package dev.rigwatch.deploy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The pipeline against Kafka in a container (the project's Kafka image, one KRaft node): the simulated crash and
 * rebound reach the alerts topic as the uninterrupted run's alerts, each once.
 */
@Testcontainers(disabledWithoutDocker = true)
class PipelineOnKafkaContainerTest {

    /** A simulated hour and a third at 120x: a crash and a rebound, for each subject. */
    private static final Duration RUN = Duration.ofSeconds(40);

    @TempDir
    Path state;

    @Test
    void theSimulatedReboundReachesTheAlertsTopicExactlyOnce() throws Exception {
        try (KafkaNodes kafka = KafkaNodes.start(1, "pipeline");
             MarketRun run = MarketRun.start(kafka.bootstrapServers(), state, true)) {
            Thread.sleep(RUN.toMillis());
            MarketRun.Outcome outcome = run.finish();
            System.out.println(outcome.summary("one broker in a container, no fault"));

            FaultChecks.assertNothingLostOrDuplicated(outcome);
        }
    }
}
