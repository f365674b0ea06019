package dev.rigwatch.app;

import dev.rigwatch.broker.KafkaCluster;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.kafka.KafkaClients;
import dev.rigwatch.events.kafka.KafkaSecurity;
import dev.rigwatch.events.kafka.TopicAdmin;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rigwatch broker}: only the embedded broker, for running the stages as separate processes. */
@Command(name = "broker", mixinStandardHelpOptions = true,
        header = "Run a single-node Kafka broker in this process, with the catalogue's topics.",
        description = {"Run a real single-node Kafka broker (KRaft) in this process and create the catalogue's topics.",
                "Other terminals then run `rigwatch ingest`, `rigwatch streams`, `rigwatch alerts` against it."})
final class BrokerCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "9092",
            description = "Client port on 127.0.0.1 (0 picks a free port).")
    int port;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Log directory, kept across restarts so topics and records survive (default: a temporary directory deleted on exit).")
    Path dataDir;

    @Override
    public Integer call() {
        try (Shutdown shutdown = Shutdown.onSignal(); KafkaCluster cluster = KafkaCluster.start(port, dataDir)) {
            // the broker it just started speaks PLAINTEXT, whatever the env sets for clients of other clusters
            try (Admin admin = Admin.create(KafkaClients.admin(cluster.bootstrapServers(), KafkaSecurity.PLAINTEXT))) {
                new TopicAdmin(admin).ensure(Topics.all());
            }
            System.out.println("Kafka broker listening at " + cluster.bootstrapServers()
                    + (dataDir == null ? " (temporary data)" : " (data in " + dataDir.toAbsolutePath() + ")"));
            System.out.println("Topics: " + Topics.all().size() + " catalogue topics ready. Ctrl-C stops the broker.");
            System.out.println("In other terminals:  export KAFKA_BOOTSTRAP_SERVERS=" + cluster.bootstrapServers());
            shutdown.await(null);
            System.out.println("stopping the broker");
        }
        return 0;
    }
}
