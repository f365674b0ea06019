package dev.rigwatch.ops.backtest;

import dev.rigwatch.events.Topic;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.kafka.TopicAdmin;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything one backtest run owns on the cluster and on disk: a topic namespace ({@code bt-<run>.}), two
 * applications and the replays' consumer groups, named after the run so that a run never touches the pipeline's
 * topics or another run's, and so that all of it can be found again and deleted.
 */
final class BacktestSandbox {

    private static final Logger log = LoggerFactory.getLogger(BacktestSandbox.class);
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final String runId;
    private final TopicNamespace namespace;
    private final String streamsId;
    private final String alertsId;
    private final List<String> replayGroups = new ArrayList<>();

    private BacktestSandbox(String runId) {
        this.runId = runId;
        this.namespace = TopicNamespace.of(runId);
        this.streamsId = "rigwatch-backtest-" + runId;
        this.alertsId = streamsId + "-alerts";
    }

    /** The sandbox of a run started at {@code now}. */
    static BacktestSandbox startedAt(Instant now) {
        return new BacktestSandbox("bt-" + RUN_ID.format(now));
    }

    String runId() {
        return runId;
    }

    TopicNamespace namespace() {
        return namespace;
    }

    /** The streams stage's application id. */
    String streamsId() {
        return streamsId;
    }

    /** The alerts stage's application id. */
    String alertsId() {
        return alertsId;
    }

    /** A replay into the sandbox: its consumer group holds the replay's progress and goes with the sandbox. */
    void replayed(String replayGroup) {
        replayGroups.add(replayGroup);
    }

    /** Creates every catalogue topic in the namespace. */
    void create(Admin admin) {
        new TopicAdmin(admin).ensure(Topics.all().stream().<Topic<?, ?>>map(t -> keptForever(namespace.of(t))).toList());
    }

    /**
     * A sandbox topic that keeps its records however old: history's timestamps are years back, and a derived topic's
     * retention (365 days for signals) would let the broker delete a backtest's signals while it runs.
     */
    static Topic<?, ?> keptForever(Topic<?, ?> topic) {
        return new Topic<>(topic.name(), topic.keySerde(), topic.valueSerde(), topic.partitions(), topic.replication(),
                topic.cleanupPolicy(), null, topic.description());
    }

    /**
     * Deletes the namespace's topics, the applications' internal topics, consumer groups and local state under
     * {@code stateRoot}, and the replays' groups; a failure is logged with how to finish by hand, not thrown.
     */
    void delete(Admin admin, Path stateRoot, PrintStream progress) {
        List<String> applications = List.of(streamsId, alertsId);
        try {
            Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<String> doomed = names.stream().filter(name -> name.startsWith(namespace.prefix())
                    || applications.stream().anyMatch(id -> name.startsWith(id + "-"))).sorted().toList();
            admin.deleteTopics(doomed).all().get(60, TimeUnit.SECONDS);
            Collection<String> groups = Stream.concat(applications.stream(), replayGroups.stream()).toList();
            admin.deleteConsumerGroups(groups).deletedGroups().forEach((group, future) -> {
                try {
                    future.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                        log.warn("Could not delete consumer group {}: {}", group, e.getCause().getMessage());
                    }
                } catch (InterruptedException | TimeoutException e) {
                    log.warn("Could not delete consumer group {}: {}", group, e.toString());
                }
            });
            for (String id : applications) {
                deleteRecursively(stateRoot.resolve(id));
            }
            progress.printf("deleted the sandbox: %d topics, %d consumer groups, local state%n", doomed.size(),
                    groups.size());
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Could not delete the sandbox {}* (delete it with `rigwatch topics`): {}", namespace.prefix(),
                    e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the backtest's state in " + dir, e);
        }
    }
}
