package dev.rigwatch.app;

import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.ops.ProgressBar;
import dev.rigwatch.ops.replay.Replay;
import dev.rigwatch.ops.replay.ReplayProgress;
import dev.rigwatch.ops.replay.ReplayRequest;
import dev.rigwatch.ops.replay.ReplaySpeed;
import dev.rigwatch.ops.replay.ReplaySummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code rigwatch replay}: a time range of a topic, copied into a sandbox or back into the pipeline. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        header = "Copy a time range of a topic into a sandbox or back into the topic.",
        description = {"Copy the records of [--from, --to) of a topic as they are (keys, timestamps,",
                "headers, partitions, undecodable records too) into a sandbox (--into sandbox:",
                "sandbox.<topic>, created like the topic) or back into the topic itself",
                "(--into-pipeline), paced by event time (--speed). Exactly once: Ctrl-C stops it",
                "after a committed transaction and the same command resumes it; readers of the",
                "target must read_committed. Progress goes to stderr."})
final class ReplayCommand implements Callable<Integer> {

    /** The exit code of a replay stopped before its end (as after Ctrl-C in a shell). */
    static final int STOPPED = 130;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--topic", required = true, paramLabel = "TOPIC",
            description = "The topic to replay: a catalogue topic (crypto.ticks) or one in a namespace (sandbox.crypto.ticks).")
    String topic;

    @Option(names = "--from", required = true, paramLabel = "TIME", converter = InstantConverter.class,
            description = "Start: each partition from its first record at or after this time; an ISO-8601 instant or a date (00:00 UTC).")
    Instant from;

    @Option(names = "--to", required = true, paramLabel = "TIME", converter = InstantConverter.class,
            description = "End, exclusive, written like --from. A partition with nothing at or after it ends where it ended when the replay first started.")
    Instant to;

    @Option(names = "--into", paramLabel = "PREFIX",
            description = "Sandbox prefix: the copies go to PREFIX.<topic>, created with the topic's catalogue settings.")
    String into;

    @Option(names = "--into-pipeline",
            description = "Write the copies back into the topic itself, where the pipeline reads them again: the range is then there twice.")
    boolean intoPipeline;

    @Option(names = "--speed", paramLabel = "Nx|max", converter = SpeedConverter.class, defaultValue = "max",
            description = "Event time per wall-clock time: 60x replays an hour in a minute; max does not wait.")
    ReplaySpeed speed;

    @Option(names = "--restart",
            description = "Forget the progress of an earlier run of this replay and copy the whole range again "
                    + "(what that run copied stays in the target: use a fresh --into prefix).")
    boolean restart;

    @Override
    public Integer call() {
        ReplaySummary summary;
        try (Shutdown shutdown = Shutdown.onSignal()) {
            ReplayRequest request = new ReplayRequest(topic.trim(), from, to, target(), speed, restart);
            System.err.println("replay of " + request.source() + " [" + from + ", " + to + ") into "
                    + request.target().of(Replay.sourceTopic(request.source())).name() + " at " + speed + " on "
                    + kafka.bootstrapServers + "; Ctrl-C stops it, the same command resumes it");
            summary = new Replay(kafka.bootstrapServers).run(request, p -> System.err.println(progressLine(p)),
                    shutdown::requested);
        }
        summaryLines(summary).forEach(System.out::println);
        return summary.complete() ? 0 : STOPPED;
    }

    /** Back into the pipeline only when asked in so many words: the topic then holds the range twice. */
    private TopicNamespace target() {
        if (into != null && intoPipeline) {
            throw new IllegalArgumentException("--into and --into-pipeline exclude each other: a replay goes to a sandbox or back into the pipeline");
        }
        if (intoPipeline) {
            return TopicNamespace.PRODUCTION;
        }
        TopicNamespace sandbox = into == null ? TopicNamespace.PRODUCTION : TopicNamespace.of(into.trim());
        if (sandbox.isProduction()) {
            throw new IllegalArgumentException("say where the copies go: --into PREFIX for a sandbox (PREFIX." + topic
                    + "), or --into-pipeline to write them back into " + topic + " itself, where they are then twice");
        }
        return sandbox;
    }

    static String progressLine(ReplayProgress progress) {
        return String.format(Locale.ROOT, "%s %d records, %.0f records/s, event time %s",
                ProgressBar.of(progress.percent()), progress.records(), progress.rate(),
                progress.eventTime() == null ? "-" : progress.eventTime());
    }

    static List<String> summaryLines(ReplaySummary summary) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "replay %s: %d records of %s [%s, %s) copied into %s in %.1f s%s%s",
                summary.complete() ? "done" : "stopped", summary.records(), summary.source(), summary.from(),
                summary.to(), summary.target(), summary.duration().toMillis() / 1000.0,
                summary.resumed() ? " (resumed from an earlier run)" : "",
                summary.lastEventTime() == null ? "" : ", up to event time " + summary.lastEventTime()));
        for (ReplaySummary.Partition p : summary.partitions()) {
            lines.add(String.format(Locale.ROOT, "  partition %d: %d records copied, at offset %d of [%d, %d)",
                    p.partition(), p.copied(), p.position(), p.startOffset(), p.endOffset()));
        }
        if (!summary.complete()) {
            lines.add("the same command resumes it where it stopped (progress in consumer group " + summary.replayId() + ")");
        }
        return lines;
    }

    /** {@code 10x}, {@code 0.5x} or {@code max}. */
    static final class SpeedConverter implements ITypeConverter<ReplaySpeed> {
        @Override
        public ReplaySpeed convert(String value) {
            try {
                return ReplaySpeed.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
