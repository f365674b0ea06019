package dev.rigwatch.deploy;

import java.nio.file.Path;
import java.time.Duration;
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
    private static final Duration KILLED_FOR = Duration.ofSeconds(20);
    private static final Duration CUT_FOR = Duration.ofSeconds(30);
    private static final Duration AFTER = Duration.ofSeconds(15);

    @TempDir
    Path state;

    @Test
    void aKilledBrokerLosesNoTickAndNoAlert() throws Exception {
        try (KafkaNodes kafka = KafkaNodes.start(3, "broker-loss");
             MarketRun run = MarketRun.start(kafka.bootstrapServers(), state, true)) {
            Thread.sleep(BEFORE.toMillis());
            kafka.kill(1);
            int servedAtKill = run.servedSoFar();
            Duration fenced = kafka.awaitLiveBrokers(2);
            Thread.sleep(KILLED_FOR.minus(fenced).toMillis());
            kafka.restart(1);
            Duration back = kafka.awaitLiveBrokers(3);
            System.out.println("broker 1 killed after " + servedAtKill + " ticks served (fenced after "
                    + fenced.toMillis() + " ms), started again after " + (run.servedSoFar() - servedAtKill)
                    + " more (live again " + back.toMillis() + " ms after its start)");
            Thread.sleep(AFTER.toMillis());
            MarketRun.Outcome outcome = run.finish();
            System.out.println(outcome.summary("broker loss (docker kill for " + KILLED_FOR.toSeconds() + " s)"));

            FaultChecks.assertNothingLostOrDuplicated(outcome);
        }
    }

    @Test
    void aBrokerCutOffTheNetworkLosesNoTickAndNoAlert() throws Exception {
        try (KafkaNodes kafka = KafkaNodes.start(3, "network-cut");
             MarketRun run = MarketRun.start(kafka.bootstrapServers(), state, true)) {
            Thread.sleep(BEFORE.toMillis());
            kafka.disconnect(2);
            int servedAtCut = run.servedSoFar();
            Duration fenced = kafka.awaitLiveBrokers(2);
            Thread.sleep(CUT_FOR.minus(fenced).toMillis());
            kafka.reconnect(2);
            Duration back = kafka.awaitLiveBrokers(3);
            System.out.println("broker 2 cut off after " + servedAtCut + " ticks served (fenced after "
                    + fenced.toMillis() + " ms), reconnected after " + (run.servedSoFar() - servedAtCut)
                    + " more (live again " + back.toMillis() + " ms after)");
            Thread.sleep(AFTER.toMillis());
            MarketRun.Outcome outcome = run.finish();
            System.out.println(outcome.summary("network cut (broker 2 disconnected for " + CUT_FOR.toSeconds() + " s)"));

            FaultChecks.assertNothingLostOrDuplicated(outcome);
        }
    }
}
