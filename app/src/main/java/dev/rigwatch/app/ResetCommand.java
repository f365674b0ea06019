package dev.rigwatch.app;

import dev.rigwatch.events.kafka.KafkaClients;
import dev.rigwatch.ops.reset.ApplicationTopics;
import dev.rigwatch.ops.reset.ResetPlan;
import dev.rigwatch.ops.reset.StreamsApplication;
import dev.rigwatch.ops.reset.StreamsReset;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code rigwatch reset}: a stopped streams application, made to reprocess its inputs from a time. */
@Command(name = "reset", mixinStandardHelpOptions = true,
        header = "Make a stopped streams application reprocess from a time.",
        description = {"Make a stopped streams application reprocess from a time, as Kafka's reset",
                "tool does: its offsets on its input topics move to the first record at or",
                "after --to, topics it writes and reads back skip to their end, its internal",
                "topics (repartition, changelog) are deleted, and so is its local state",
                "(--state-dir; else delete it by hand on every host that ran it).",
                "Refused while any instance runs; --dry-run shows what it would change."})
final class ResetCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--application-id", required = true, paramLabel = "ID",
            description = "The application's Kafka Streams application id (rigwatch streams / alerts --application-id).")
    String applicationId;

    @Option(names = "--to", required = true, paramLabel = "TIME", converter = InstantConverter.class,
            description = "Reprocess from this time: an ISO-8601 instant or a date (00:00 UTC).")
    Instant to;

    @Option(names = "--topology", paramLabel = "market|alerts", converter = ApplicationConverter.class,
            description = "Which of rigwatch's applications it is, for its topics and state folder (default: "
                    + "found from the application id when it is rigwatch-streams or rigwatch-alerts).")
    StreamsApplication topology;

    @Option(names = "--input-topics", paramLabel = "TOPIC", split = ",",
            description = "The topics to move to --to, instead of the application's own (read off its topology).")
    List<String> inputTopics;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "The --state-dir the application ran with on this host: its state there is deleted.")
    Path stateDir;

    @Option(names = "--dry-run", description = "Show what would change, and change nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        StreamsApplication application = topology != null ? topology
                : StreamsApplication.byDefaultApplicationId(applicationId).orElse(null);
        ApplicationTopics topics;
        if (inputTopics != null && !inputTopics.isEmpty()) {
            topics = ApplicationTopics.inputs(inputTopics.stream().map(String::trim).toList());
        } else if (application != null) {
            topics = application.topics();
        } else {
            throw new IllegalArgumentException("which topics does " + applicationId + " read? Say --topology market "
                    + "or alerts, or name them with --input-topics");
        }
        if (stateDir != null && application == null) {
            throw new IllegalArgumentException("--state-dir needs --topology (market or alerts) to find the "
                    + "application's folder in it");
        }
        Path applicationStateDir = stateDir == null ? null : stateDir.resolve(application.stage() + "-state");
        try (Admin admin = Admin.create(KafkaClients.admin(kafka.bootstrapServers))) {
            StreamsReset reset = new StreamsReset(admin);
            ResetPlan plan = reset.plan(applicationId, to, topics, applicationStateDir);
            planLines(plan, dryRun).forEach(System.out::println);
            if (dryRun) {
                System.out.println("dry run: nothing changed");
                return 0;
            }
            boolean stateDeleted = reset.apply(plan);
            System.out.println("reset done: " + plan.moves().size() + " offsets set, " + plan.internalTopics().size()
                    + " internal topics deleted, " + (plan.localState() == null ? "local state not deleted"
                    : stateDeleted ? "local state " + plan.localState() + " deleted" : "no local state at " + plan.localState())
                    + "; the application reprocesses from " + to + " when it starts");
            return 0;
        }
    }

    static List<String> planLines(ResetPlan plan, boolean dryRun) {
        String would = dryRun ? "would " : "";
        List<String> lines = new ArrayList<>();
        lines.add("reset of " + plan.applicationId() + " to " + plan.to() + (dryRun ? " (dry run)" : "") + ":");
        for (ResetPlan.Move move : plan.moves()) {
            lines.add("  " + move.partition() + ": " + (move.committed() == null ? "nothing committed" : move.committed())
                    + " -> " + move.offset() + " (" + reason(move.reason(), plan.to()) + ")");
        }
        plan.internalTopics().forEach(topic -> lines.add("  " + would + "delete internal topic " + topic));
        lines.add(plan.localState() == null
                ? "  delete the local state (<state-dir>/<stage>-state/" + plan.applicationId()
                        + ") on every host that ran the application, or pass --state-dir on each"
                : "  " + would + "delete local state " + plan.localState()
                        + " (and the same on every other host that ran the application)");
        return lines;
    }

    private static String reason(ResetPlan.Reason reason, Instant to) {
        return switch (reason) {
            case AT_TIME -> "first record at or after " + to;
            case NOTHING_SINCE -> "nothing at or after " + to + ": its end";
            case TABLE_FROM_START -> "compacted, a table: from its start";
            case INTERMEDIATE_TO_END -> "written by the application itself: its end";
        };
    }

    /** {@code market} or {@code alerts}. */
    static final class ApplicationConverter implements ITypeConverter<StreamsApplication> {
        @Override
        public StreamsApplication convert(String value) {
            try {
                return StreamsApplication.of(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
