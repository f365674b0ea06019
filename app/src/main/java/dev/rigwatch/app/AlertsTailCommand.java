package dev.rigwatch.app;

import dev.rigwatch.events.Alert;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.kafka.KafkaClients;
import dev.rigwatch.events.kafka.TopicScan;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rigwatch alerts tail}: alerts as readable lines, as they arrive, optionally one subscriber's from a time on. */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = "Print alerts readably as they arrive (use `rigwatch tail alerts` for raw JSON).")
final class AlertsTailCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final Duration POLL = Duration.ofMillis(500);

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--from-beginning", description = "Print past alerts too, not only new ones.")
    boolean fromBeginning;

    @Option(names = "--from", paramLabel = "TIME", converter = InstantConverter.class,
            description = "Start at the first alert of each partition stamped at or after TIME (event time).")
    Instant from;

    @Option(names = "--subscriber", paramLabel = "NAME", description = "Only this subscriber's alerts.")
    String subscriber;

    @Option(names = "--severity", paramLabel = "LEVEL", description = "Only alerts at least this severe: info, warning or critical.")
    String severity;

    @Option(names = "--max", paramLabel = "N", description = "Stop after N alerts (default: run until Ctrl-C).")
    Long max;

    @Override
    public Integer call() {
        Alert.Severity minimum = minimumSeverity();
        long printed = 0;
        try (Shutdown shutdown = Shutdown.onSignal();
             KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaClients.consumer(kafka.bootstrapServers,
                     null, Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                             ConsumerConfig.CLIENT_ID_CONFIG, "rigwatch-alerts-tail")))) {
            seek(consumer);
            System.err.println("waiting for alerts on " + Topics.ALERTS.name() + " at " + kafka.bootstrapServers + " (Ctrl-C to stop)");
            while (!shutdown.requested() && (max == null || printed < max)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    Alert alert;
                    try {
                        alert = Topics.ALERTS.valueSerde().deserializer().deserialize(record.topic(), record.value());
                    } catch (SerializationException e) {
                        System.err.println("skipped " + record.topic() + "/" + record.partition() + "@" + record.offset()
                                + ": " + e.getMessage());
                        continue;
                    }
                    if (alert != null && (max == null || printed < max) && wanted(record, alert, minimum)) {
                        System.out.println(format(alert));
                        printed++;
                    }
                }
                System.out.flush();
            }
        }
        return 0;
    }

    private Alert.Severity minimumSeverity() {
        if (severity == null) {
            return Alert.Severity.INFO;
        }
        try {
            return Alert.Severity.valueOf(severity.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--severity is info, warning or critical, got " + severity);
        }
    }

    private boolean wanted(ConsumerRecord<byte[], byte[]> record, Alert alert, Alert.Severity minimum) {
        return (subscriber == null || record.key() != null
                && subscriber.equals(new String(record.key(), StandardCharsets.UTF_8)))
                && alert.severity().compareTo(minimum) >= 0;
    }

    /** Every partition assigned, at its end, its beginning, or its first offset stamped at or after {@link #from}. */
    private void seek(KafkaConsumer<byte[], byte[]> consumer) {
        List<TopicPartition> partitions = TopicScan.partitions(consumer, Topics.ALERTS.name(), Duration.ofSeconds(30));
        consumer.assign(partitions);
        if (from != null) {
            Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(partitions.stream()
                    .collect(Collectors.toMap(Function.identity(), p -> from.toEpochMilli())));
            for (TopicPartition partition : partitions) {
                OffsetAndTimestamp offset = offsets.get(partition);
                if (offset == null) {
                    consumer.seekToEnd(List.of(partition)); // nothing stamped that late yet: only what comes
                } else {
                    consumer.seek(partition, offset.offset());
                }
            }
        } else if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
        partitions.forEach(consumer::position); // resolve the positions now, not at the first poll
    }

    static String format(Alert alert) {
        return String.format("%s  %-8s  %-19s  %s  [%s → %s]", TIME.format(alert.eventTime()), alert.severity(),
                alert.rule(), alert.message(), alert.subscriber(), alert.id());
    }
}
