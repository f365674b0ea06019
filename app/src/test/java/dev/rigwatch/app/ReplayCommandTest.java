package dev.rigwatch.app;

import static dev.rigwatch.app.CapturedOutput.printed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.broker.testing.SharedKafka;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.kafka.KafkaClients;
import dev.rigwatch.events.kafka.TopicAdmin;
import java.io.ByteArrayOutputStream;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/** {@code rigwatch replay} on the shared broker, each test under topic prefixes of its own. */
class ReplayCommandTest {

    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");

    @RegisterExtension
    final CapturedOutput captured = new CapturedOutput();
    private final ByteArrayOutputStream out = captured.out;
    private final ByteArrayOutputStream err = captured.err;

    @Test
    void replaysARangeIntoASandboxPrintingProgressToStderrAndCountsPerPartition() throws Exception {
        String source = sourceWithFourTicks();
        String prefix = "rc-sbx-" + UUID.randomUUID().toString().substring(0, 8);

        int exit = execute("--topic", source, "--from", T0.plusSeconds(1).toString(), "--to", T0.plusSeconds(3).toString(),
                "--into", prefix, "--speed", "max", "--bootstrap-servers", SharedKafka.bootstrapServers());

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String target = prefix + "." + source;
        assertThat(printed(err))
                .contains("replay of " + source + " [" + T0.plusSeconds(1) + ", " + T0.plusSeconds(3) + ") into " + target
                        + " at max on " + SharedKafka.bootstrapServers() + "; Ctrl-C stops it, the same command resumes it")
                .anySatisfy(line -> assertThat(line).startsWith("[####################] 100.0% 2 records, ")
                        .endsWith(" records/s, event time " + T0.plusSeconds(2)));
        List<String> lines = printed(out);
        assertThat(lines.get(0)).startsWith("replay done: 2 records of " + source + " [" + T0.plusSeconds(1) + ", "
                + T0.plusSeconds(3) + ") copied into " + target + " in ").endsWith(" s, up to event time " + T0.plusSeconds(2));
        assertThat(lines.subList(1, lines.size())).containsExactly(
                "  partition 0: 0 records copied, at offset 2 of [1, 2)",
                "  partition 1: 1 records copied, at offset 1 of [0, 1)",
                "  partition 2: 1 records copied, at offset 1 of [0, 1)");
    }

    @Test
    void withoutIntoItRefusesToWriteBackIntoThePipelineUnlessToldSo() {
        int exit = execute("--topic", "crypto.ticks", "--from", "2024-03-01", "--to", "2024-03-02",
                "--bootstrap-servers", "127.0.0.1:1");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("say where the copies go: --into PREFIX for a "
                + "sandbox (PREFIX.crypto.ticks), or --into-pipeline to write them back into crypto.ticks itself, "
                + "where they are then twice");
    }

    @Test
    void intoAndIntoPipelineExcludeEachOther() {
        int exit = execute("--topic", "crypto.ticks", "--from", "2024-03-01", "--to", "2024-03-02", "--into", "sandbox",
                "--into-pipeline", "--bootstrap-servers", "127.0.0.1:1");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("--into and --into-pipeline exclude each other");
    }

    @Test
    void aSpeedIsNxOrMax() {
        int exit = execute("--topic", "crypto.ticks", "--from", "2024-03-01", "--to", "2024-03-02", "--into", "sandbox",
                "--speed", "fast", "--bootstrap-servers", "127.0.0.1:1");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("'fast' is not a replay speed: use e.g. 10x, 0.5x or max");
    }

    /** What the command printed, without the log lines of the broker and clients that share the console. */
    private int execute(String... args) {
        CommandLine cli = new CommandLine(new ReplayCommand());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println(e.getMessage());
            return 1;
        });
        return cli.execute(args);
    }

    /** Ticks at T0 (partition 0), T0 + 1 s (1), T0 + 2 s (2) and T0 + 3 s (0) on a crypto.ticks of its own. */
    private static String sourceWithFourTicks() throws Exception {
        Topic<?, ?> source = TopicNamespace.of("rc-src-" + UUID.randomUUID().toString().substring(0, 8)).of(Topics.CRYPTO_TICKS);
        try (Admin admin = Admin.create(KafkaClients.admin(SharedKafka.bootstrapServers()))) {
            new TopicAdmin(admin).ensure(List.of(source));
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                KafkaClients.producer(SharedKafka.bootstrapServers(), "test-replay-command"))) {
            for (int i = 0; i < 4; i++) {
                producer.send(new ProducerRecord<>(source.name(), i % 3, T0.plusSeconds(i).toEpochMilli(),
                        ("k" + i).getBytes(StandardCharsets.UTF_8), ("{\"i\":" + i + "}").getBytes(StandardCharsets.UTF_8))).get();
            }
        }
        return source.name();
    }
}
