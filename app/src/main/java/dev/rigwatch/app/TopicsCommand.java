package dev.rigwatch.app;

import dev.rigwatch.events.Topic;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.kafka.KafkaClients;
import dev.rigwatch.events.kafka.TopicAdmin;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code rigwatch topics create|list|describe}: the topic catalogue against a cluster. */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = "Create, list and describe the catalogue's topics.",
        subcommands = {TopicsCommand.Create.class, TopicsCommand.ListTopics.class, TopicsCommand.Describe.class})
final class TopicsCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            header = "Create the catalogue's missing topics and check the existing ones.",
            description = {"Create every catalogue topic that is missing; check existing ones match the catalogue.",
                    "Exit code 1 when an existing topic differs (partitions, cleanup policy, retention)."})
    static final class Create implements Callable<Integer> {
        @Mixin
        KafkaOptions kafka;

        @Override
        public Integer call() {
            try (Admin admin = Admin.create(KafkaClients.admin(kafka.bootstrapServers))) {
                List<TopicAdmin.Result> results = new TopicAdmin(admin).ensure(Topics.all());
                results.forEach(r -> System.out.printf("%-22s %s%s%n", r.topic(), r.status(),
                        r.mismatches().isEmpty() ? "" : ": " + String.join("; ", r.mismatches())));
                return results.stream().anyMatch(r -> r.status() == TopicAdmin.Result.Status.MISMATCH) ? 1 : 0;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the catalogue with what each topic holds and whether the cluster has it.")
    static final class ListTopics implements Callable<Integer> {
        @Mixin
        KafkaOptions kafka;

        @Override
        public Integer call() {
            try (Admin admin = Admin.create(KafkaClients.admin(kafka.bootstrapServers))) {
                var existing = new TopicAdmin(admin).listNames();
                System.out.printf("%-22s %-7s %-10s %-9s %s%n", "TOPIC", "EXISTS", "PARTITIONS", "RETENTION", "HOLDS");
                for (Topic<?, ?> topic : Topics.all()) {
                    System.out.printf("%-22s %-7s %-10d %-9s %s%n", topic.name(), existing.contains(topic.name()) ? "yes" : "NO",
                            topic.partitions(), retention(topic.retention()), topic.description());
                }
                return 0;
            }
        }
    }

    @Command(name = "describe", mixinStandardHelpOptions = true,
            description = "Show each catalogue topic as the cluster has it: partitions, replication, configs.")
    static final class Describe implements Callable<Integer> {
        @Mixin
        KafkaOptions kafka;

        @Override
        public Integer call() {
            try (Admin admin = Admin.create(KafkaClients.admin(kafka.bootstrapServers))) {
                TopicAdmin topics = new TopicAdmin(admin);
                for (Topic<?, ?> topic : Topics.all()) {
                    TopicAdmin.TopicState state = topics.describe(topic);
                    if (!state.exists()) {
                        System.out.printf("%-22s missing (rigwatch topics create)%n", topic.name());
                    } else {
                        System.out.printf("%-22s partitions=%d replication=%d %s%n", state.name(), state.partitions(),
                                state.replication(), state.configs());
                    }
                }
                return 0;
            }
        }
    }

    static String retention(Duration retention) {
        return retention == null ? "forever" : retention.toDays() + "d";
    }
}
