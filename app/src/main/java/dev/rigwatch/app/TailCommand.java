package dev.rigwatch.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rigwatch.events.Json;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rigwatch tail TOPIC}: a topic's records as JSON lines, like kcat. */
@Command(name = "tail", mixinStandardHelpOptions = true,
        header = "Print a topic's records as JSON lines.",
        description = {"Print a topic's records as JSON lines: key, partition, offset, timestamp, value.",
                "Records that do not decode are reported on stderr with their coordinates and skipped."})
final class TailCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Parameters(index = "0", paramLabel = "TOPIC", description = "The topic to read (see `rigwatch topics list`).")
    String topic;

    @Option(names = "--from-beginning", description = "Start at the oldest record instead of new records only.")
    boolean fromBeginning;

    @Option(names = "--max", paramLabel = "N", description = "Stop after N records (default: run until Ctrl-C).")
    Long max;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop when no record arrived for this long (default: never).")
    Duration idleTimeout;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        long printed = 0;
        Shutdown shutdown = Shutdown.onSignal();
        try (shutdown; TopicReader reader = new TopicReader(kafka.bootstrapServers, List.of(topic),
                fromBeginning ? TopicReader.Start.BEGINNING : TopicReader.Start.END)) {
            Instant lastRecord = Instant.now();
            while (!shutdown.requested() && (max == null || printed < max)) {
                List<TopicReader.Entry> entries = reader.poll(Duration.ofMillis(500));
                if (entries.isEmpty() && idleTimeout != null
                        && Duration.between(lastRecord, Instant.now()).compareTo(idleTimeout) > 0) {
                    break;
                }
                for (TopicReader.Entry entry : entries) {
                    lastRecord = Instant.now();
                    if (entry.error() != null) {
                        System.err.println("skipped " + entry.coordinates() + ": " + entry.error());
                        continue;
                    }
                    out.println(jsonLine(entry.raw()));
                    if (max != null && ++printed >= max) {
                        break;
                    }
                }
            }
        }
        out.flush();
        return 0;
    }

    static String jsonLine(ConsumerRecord<byte[], byte[]> record) {
        ObjectNode line = Json.mapper().createObjectNode();
        line.put("topic", record.topic());
        line.put("key", record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8));
        line.put("partition", record.partition());
        line.put("offset", record.offset());
        line.put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
        line.set("value", valueNode(record.value()));
        try {
            return Json.mapper().writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print record " + record.topic() + "/" + record.partition() + "@" + record.offset(), e);
        }
    }

    /** JSON values stay JSON; anything else (a dead letter's raw bytes) is shown as text. */
    private static JsonNode valueNode(byte[] value) {
        if (value == null) {
            return Json.mapper().nullNode();
        }
        try {
            return Json.mapper().readTree(value);
        } catch (java.io.IOException e) {
            return Json.mapper().getNodeFactory().textNode(new String(value, StandardCharsets.UTF_8));
        }
    }
}
