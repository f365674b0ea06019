package dev.rigwatch.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The pipeline on three brokers (replication 3, min.insync.replicas 2, no unclean election) while one of them fails:
 * killed and started again, or cut off the network and reconnected. Ingest, streams and alerts run on; every tick
 * served is on {@code crypto.ticks} once and the alerts are the uninterrupted run's, none lost, none twice.
 */
@Testcontainers(disabledWithoutDocker = true)
class ClusterFaultsTest {

    private static final Duration BEFORE = Duration.ofSeconds(15);
    private static final Duration AFTER = Duration.ofSeconds(15);

    @TempDir
    Path state;

    @Test
    void aKilledBrokerLosesNoTickAndNoAlert() throws Exception {
        runThrough("broker-loss", "broker 1 killed (docker kill)", Duration.ofSeconds(20), kafka -> kafka.kill(1),
                kafka -> kafka.restart(1));
    }

    @Test
    void aBrokerCutOffTheNetworkLosesNoTickAndNoAlert() throws Exception {
        runThrough("network-cut", "broker 2 disconnected from the network", Duration.ofSeconds(30),
                kafka -> kafka.disconnect(2), kafka -> kafka.reconnect(2));
    }

    /**
     * Runs the pipeline, injects the fault once it is flowing, keeps it for {@code lasting} (counted from the fault,
     * the cluster's noticing it included), ends it, lets the pipeline run on, then checks what arrived.
     */
    private void runThrough(String name, String fault, Duration lasting, Consumer<KafkaNodes> inject,
                            Consumer<KafkaNodes> end) throws Exception {
        try (KafkaNodes kafka = KafkaNodes.start(3, name);
             MarketRun run = MarketRun.start(kafka.bootstrapServers(), state, true)) {
            Thread.sleep(BEFORE.toMillis());
            inject.accept(kafka);
            int servedAtFault = run.servedSoFar();
            Duration fenced = kafka.awaitLiveBrokers(2);
            Thread.sleep(lasting.minus(fenced).toMillis());
            end.accept(kafka);
            Duration back = kafka.awaitLiveBrokers(3);
            System.out.println(fault + " after " + servedAtFault + " ticks served (fenced after " + fenced.toMillis()
                    + " ms), for " + lasting.toSeconds() + " s, while " + (run.servedSoFar() - servedAtFault)
                    + " more were served; live again " + back.toMillis() + " ms after the fault ended");
            Thread.sleep(AFTER.toMillis());
            MarketRun.Outcome outcome = run.finish();
            System.out.println(outcome.summary(fault + " for " + lasting.toSeconds() + " s"));

            FaultChecks.assertNothingLostOrDuplicated(outcome);
        }
    }
}
