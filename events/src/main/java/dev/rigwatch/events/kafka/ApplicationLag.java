package dev.rigwatch.events.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * How far a Kafka Streams application is from having processed everything on its input: a backtest's or a
 * benchmark's only way to know its topologies are done, since history has no wall clock to wait by.
 */
public final class ApplicationLag {

    private ApplicationLag() {
    }

    /**
     * Records an application has not yet committed past: on every partition of the topics it reads (from the
     * partition's start where it has committed nothing yet) and of its repartition topics.
     */
    public static long of(Admin admin, String applicationId, Set<String> topics) {
        return look(admin, applicationId, topics).behind();
    }

    /**
     * One look at how far applications are.
     *
     * @param behind    records not yet committed past (see {@link #of})
     * @param committed the sum of the committed offsets: it grows with every record processed, while {@code behind}
     *                  may grow too, as one stage writes what the next reads
     */
    public record Look(long behind, long committed) {
        Look plus(Look other) {
            return new Look(behind + other.behind, committed + other.committed);
        }
    }

    private static Look look(Admin admin, String applicationId, Set<String> topics) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
            try {
                admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                        .forEach((partition, offset) -> {
                            if (offset != null) {
                                committed.put(partition, offset);
                            }
                        });
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                    throw e;
                }
            }
            Set<TopicPartition> partitions = new HashSet<>(committed.keySet());
            admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values().forEach(topic ->
                    topic.partitions().forEach(p -> partitions.add(new TopicPartition(topic.name(), p.partition()))));
            Map<TopicPartition, Long> ends = offsets(admin, partitions, OffsetSpec.latest());
            Set<TopicPartition> uncommitted = new HashSet<>(partitions);
            uncommitted.removeAll(committed.keySet());
            // asked only while some partition has no commit: the check runs every few hundred milliseconds
            Map<TopicPartition, Long> starts = uncommitted.isEmpty() ? Map.of()
                    : offsets(admin, uncommitted, OffsetSpec.earliest());
            long lag = 0;
            long done = 0;
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata commit = committed.get(partition);
                long from = commit != null ? commit.offset() : starts.get(partition);
                lag += Math.max(0, ends.get(partition) - from);
                done += commit != null ? commit.offset() : 0;
            }
            return new Look(lag, done);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the progress of " + applicationId + ": " + e.getCause(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the cluster did not answer within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Waits until every application has committed, on every partition it reads, the end of that partition, twice in
     * a row (what one stage writes, the next reads). A large input may take as long as it takes; what fails is a
     * stall: no commit moving for {@code stalledFor}.
     *
     * @param readBy        each application's id and the topics it reads
     * @param every         how often to look (a commit interval or two: nothing moves between commits)
     * @param stalledFor    how long the committed offsets may stand still while records are behind
     * @param looked        told every look, the applications' sums
     * @param stopRequested checked before every look
     * @throws IllegalStateException when stopped, or stalled
     */
    public static void awaitCaughtUp(Admin admin, Map<String, Set<String>> readBy, Duration every, Duration stalledFor,
                                     Consumer<Look> looked, BooleanSupplier stopRequested) {
        int caughtUpInARow = 0;
        long lastCommitted = -1;
        long lastMoved = System.nanoTime();
        while (caughtUpInARow < 2) {
            if (stopRequested.getAsBoolean()) {
                throw new IllegalStateException("stopped while the topologies ran");
            }
            Look look = readBy.entrySet().stream().map(e -> look(admin, e.getKey(), e.getValue()))
                    .reduce(new Look(0, 0), Look::plus);
            caughtUpInARow = look.behind() == 0 ? caughtUpInARow + 1 : 0;
            looked.accept(look);
            if (look.committed() != lastCommitted) {
                lastCommitted = look.committed();
                lastMoved = System.nanoTime();
            } else if (look.behind() > 0 && System.nanoTime() - lastMoved > stalledFor.toNanos()) {
                throw new IllegalStateException(String.format("the topologies committed nothing for %s with %,d records"
                        + " still behind", stalledFor, look.behind()));
            }
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    /** The offsets {@code spec} names, of committed records only (what a read_committed consumer reaches). */
    private static Map<TopicPartition, Long> offsets(Admin admin, Set<TopicPartition> partitions, OffsetSpec spec)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = partitions.stream().collect(Collectors.toMap(p -> p, p -> spec));
        return admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                .get(30, TimeUnit.SECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }
}
