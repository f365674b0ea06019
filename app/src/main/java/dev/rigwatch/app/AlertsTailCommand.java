package dev.rigwatch.app;

import dev.rigwatch.events.Alert;
import dev.rigwatch.events.Topics;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rigwatch alerts tail}: alerts as readable lines, as they arrive. */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = "Print alerts readably as they arrive (use `rigwatch tail alerts` for raw JSON).")
final class AlertsTailCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--from-beginning", description = "Print past alerts too, not only new ones.")
    boolean fromBeginning;

    @Option(names = "--max", paramLabel = "N", description = "Stop after N alerts (default: run until Ctrl-C).")
    Long max;

    @Override
    public Integer call() {
        long printed = 0;
        try (Shutdown shutdown = Shutdown.onSignal();
             TopicReader reader = new TopicReader(kafka.bootstrapServers, List.of(Topics.ALERTS.name()),
                     fromBeginning ? TopicReader.Start.BEGINNING : TopicReader.Start.END)) {
            System.err.println("waiting for alerts on " + Topics.ALERTS.name() + " at " + kafka.bootstrapServers + " (Ctrl-C to stop)");
            while (!shutdown.requested() && (max == null || printed < max)) {
                for (TopicReader.Entry entry : reader.poll(Duration.ofMillis(500))) {
                    if (entry.error() != null) {
                        System.err.println("skipped " + entry.coordinates() + ": " + entry.error());
                    } else if (max == null || printed < max) {
                        System.out.println(format((Alert) entry.value()));
                        printed++;
                    }
                }
                System.out.flush();
            }
        }
        return 0;
    }

    static String format(Alert alert) {
        return String.format("%s  %-8s  %-8s  %s  [%s → %s]", TIME.format(alert.eventTime()), alert.severity(),
                alert.rule(), alert.message(), alert.subscriber(), alert.id());
    }
}
