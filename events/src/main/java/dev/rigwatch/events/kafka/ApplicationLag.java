package dev.rigwatch.events.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata done = committed.get(partition);
                long from = done != null ? done.offset() : starts.get(partition);
                lag += Math.max(0, ends.get(partition) - from);
            }
            return lag;
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
     * a row (what one stage writes, the next reads).
     *
     * @param readBy        each application's id and the topics it reads
     * @param every         how often to look (a commit interval or two: nothing moves between commits)
     * @param lag           told the total lag after every look
     * @param stopRequested checked before every look
     * @throws IllegalStateException when stopped, or not caught up within {@code timeout}
     */
    public static void awaitCaughtUp(Admin admin, Map<String, Set<String>> readBy, Duration every, Duration timeout,
                                     LongConsumer lag, BooleanSupplier stopRequested) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int caughtUpInARow = 0;
        while (caughtUpInARow < 2) {
            if (stopRequested.getAsBoolean()) {
                throw new IllegalStateException("stopped while the topologies ran");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the topologies did not catch up within " + timeout);
            }
            long behind = readBy.entrySet().stream().mapToLong(e -> of(admin, e.getKey(), e.getValue())).sum();
            caughtUpInARow = behind == 0 ? caughtUpInARow + 1 : 0;
            lag.accept(behind);
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
