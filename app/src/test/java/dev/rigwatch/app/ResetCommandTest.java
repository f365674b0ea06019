package dev.rigwatch.app;

import static dev.rigwatch.app.CapturedOutput.printed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.broker.testing.SharedKafka;
import dev.rigwatch.events.kafka.KafkaClients;
import java.io.ByteArrayOutputStream;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/** {@code rigwatch reset} of applications that have never run, on topics of their own. */
class ResetCommandTest {

    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");

    @RegisterExtension
    final CapturedOutput captured = new CapturedOutput();
    private final ByteArrayOutputStream out = captured.out;
    private final ByteArrayOutputStream err = captured.err;

    @Test
    void aDryRunPrintsThePlanAndChangesNothing() throws Exception {
        String id = "rc-app-" + UUID.randomUUID().toString().substring(0, 8);
        String input = inputWithFourRecords(id);

        int exit = execute("--application-id", id, "--to", T0.plusSeconds(2).toString(), "--input-topics", input,
                "--dry-run", "--bootstrap-servers", SharedKafka.bootstrapServers());

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(printed(out)).containsExactly(
                "reset of " + id + " to " + T0.plusSeconds(2) + " (dry run):",
                "  " + input + "-0: nothing committed -> 2 (nothing at or after " + T0.plusSeconds(2) + ": its end)",
                "  " + input + "-1: nothing committed -> 0 (first record at or after " + T0.plusSeconds(2) + ")",
                "  delete the local state (<state-dir>/<stage>-state/" + id + ") on every host that ran the application,"
                        + " or pass --state-dir on each",
                "dry run: nothing changed");
        assertThat(committed(id)).isEmpty();
    }

    @Test
    void aResetCommitsTheOffsetsOfTheResetTime() throws Exception {
        String id = "rc-app-" + UUID.randomUUID().toString().substring(0, 8);
        String input = inputWithFourRecords(id);

        int exit = execute("--application-id", id, "--to", T0.plusSeconds(1).toString(), "--input-topics", input,
                "--bootstrap-servers", SharedKafka.bootstrapServers());

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(printed(out)).last().isEqualTo("reset done: 2 offsets set, "
                + "0 internal topics deleted, local state not deleted; the application reprocesses from "
                + T0.plusSeconds(1) + " when it starts");
        assertThat(committed(id)).isEqualTo(Map.of(new TopicPartition(input, 0), 1L, new TopicPartition(input, 1), 0L));
    }

    @Test
    void anApplicationOfUnknownTopicsNeedsItsTopologyOrItsInputTopics() {
        int exit = execute("--application-id", "my-app", "--to", "2024-03-01", "--bootstrap-servers", "127.0.0.1:1");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("which topics does my-app read? Say --topology "
                + "market or alerts, or name them with --input-topics");
    }

    /** What the command printed, without the log lines of the broker and clients that share the console. */
    private int execute(String... args) {
        CommandLine cli = new CommandLine(new ResetCommand());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println(e.getMessage());
            return 1;
        });
        return cli.execute(args);
    }

    /** Records at T0 and T0 + 1 s on partition 0, T0 + 2 s and T0 + 3 s on partition 1. */
    private static String inputWithFourRecords(String id) throws Exception {
        String topic = id + ".input";
        try (Admin admin = Admin.create(KafkaClients.admin(SharedKafka.bootstrapServers()))) {
            // stamped in 2024: a finite retention would delete the records at the broker's next check
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1)
                    .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")))).all().get();
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                KafkaClients.producer(SharedKafka.bootstrapServers(), "test-reset-command"))) {
            for (int i = 0; i < 4; i++) {
                producer.send(new ProducerRecord<>(topic, i / 2, T0.plusSeconds(i).toEpochMilli(), null,
                        Integer.toString(i).getBytes(StandardCharsets.UTF_8))).get();
            }
        }
        return topic;
    }

    private static Map<TopicPartition, Long> committed(String groupId) throws Exception {
        try (Admin admin = Admin.create(KafkaClients.admin(SharedKafka.bootstrapServers()))) {
            return admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        }
    }
}
