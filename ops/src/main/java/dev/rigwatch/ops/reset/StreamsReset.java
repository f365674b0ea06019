package dev.rigwatch.ops.reset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resets a stopped Kafka Streams application so that it reprocesses its inputs from a point in time, with the
 * semantics of Kafka's {@code kafka-streams-application-reset} tool: the application's committed offsets on its
 * input topics move to the first record at or after that time, its intermediate topics are skipped to their end,
 * its internal topics (repartition, changelog) are deleted, and its local state must go too, since it holds what
 * was computed from the records now to be read again.
 *
 * <p>Kafka's own {@code org.apache.kafka.tools.StreamsResetter} ({@code kafka-tools} 4.4.0; its bytecode and
 * dependency tree examined) is not used: it answers only an exit code and prints its plan to {@code System.out} and failures with their stack
 * trace to {@code System.err}, a bad argument ends the JVM through {@code Exit}, it leaves the local state, and the
 * artifact brings 82 jars (Connect's runtime, Jetty, Jersey, log4j-core). This is the same procedure on the
 * {@link Admin} client, with a plan that {@code --dry-run} shows and the command prints. Details: docs/OPERATIONS.md.
 */
public final class StreamsReset {

    private static final Duration DELETION_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DELETION_POLL = Duration.ofMillis(100);

    private static final Logger log = LoggerFactory.getLogger(StreamsReset.class);

    private final Admin admin;

    public StreamsReset(Admin admin) {
        this.admin = admin;
    }

    /** A repartition topic as a topology names it, without the application id in front. */
    static boolean isRepartition(String topic) {
        return topic.endsWith("-repartition");
    }

    /** Kafka Streams' names for an application's internal topics, as Kafka's reset tool recognises them. */
    static boolean isInternal(String applicationId, String topic) {
        return topic.startsWith(applicationId + "-")
                && (topic.endsWith("-changelog") || topic.endsWith("-repartition")
                || topic.endsWith("-subscription-registration-topic") || topic.endsWith("-subscription-response-topic"));
    }

    /**
     * What resetting the application to {@code to} would change; changes nothing.
     *
     * @param stateDir the application's {@code state.dir}; its {@code <application.id>} folder is to be deleted.
     *                 Null when the state is elsewhere (another host): the plan then has no local state
     * @throws IllegalStateException    when the application is running (its group has members)
     * @throws IllegalArgumentException when one of the topics does not exist
     */
    public ResetPlan plan(String applicationId, Instant to, ApplicationTopics topics, Path stateDir) {
        requireStopped(applicationId);
        Map<TopicPartition, OffsetAndMetadata> committed =
                get(admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata());
        Map<String, TopicDescription> described = describe(topics.all());
        Set<String> tables = compacted(topics.inputs());

        Map<TopicPartition, OffsetSpec> specs = new LinkedHashMap<>();
        Map<TopicPartition, ResetPlan.Reason> reasons = new HashMap<>();
        described.forEach((topic, description) -> description.partitions().forEach(p -> {
            TopicPartition partition = new TopicPartition(topic, p.partition());
            ResetPlan.Reason reason = topics.intermediates().contains(topic) ? ResetPlan.Reason.INTERMEDIATE_TO_END
                    : tables.contains(topic) ? ResetPlan.Reason.TABLE_FROM_START : ResetPlan.Reason.AT_TIME;
            reasons.put(partition, reason);
            specs.put(partition, switch (reason) {
                case AT_TIME -> OffsetSpec.forTimestamp(to.toEpochMilli());
                case TABLE_FROM_START -> OffsetSpec.earliest();
                default -> OffsetSpec.latest();
            });
        }));
        Map<TopicPartition, ListOffsetsResultInfo> found = listOffsets(specs);
        // a partition with no record since the reset time resumes at its end
        Map<TopicPartition, OffsetSpec> nothingSince = new LinkedHashMap<>();
        found.forEach((partition, info) -> {
            if (info.offset() < 0) {
                nothingSince.put(partition, OffsetSpec.latest());
                reasons.put(partition, ResetPlan.Reason.NOTHING_SINCE);
            }
        });
        Map<TopicPartition, ListOffsetsResultInfo> ends = nothingSince.isEmpty() ? Map.of() : listOffsets(nothingSince);

        List<ResetPlan.Move> moves = new ArrayList<>();
        for (TopicPartition partition : specs.keySet()) {
            long offset = ends.containsKey(partition) ? ends.get(partition).offset() : found.get(partition).offset();
            OffsetAndMetadata current = committed.get(partition);
            moves.add(new ResetPlan.Move(partition, current == null ? null : current.offset(), offset, reasons.get(partition)));
        }
        moves.sort(Comparator.comparing((ResetPlan.Move m) -> m.partition().topic())
                .thenComparingInt(m -> m.partition().partition()));
        List<String> internal = get(admin.listTopics().names()).stream()
                .filter(topic -> isInternal(applicationId, topic))
                .sorted()
                .toList();
        return new ResetPlan(applicationId, to, moves, internal, stateDir == null ? null : stateDir.resolve(applicationId));
    }

    /**
     * Does what the plan says: commits its offsets for the application's group, deletes its internal topics with
     * the group's offsets on them (and waits until they are gone, so that a restarted application creates them
     * afresh) and its local state.
     *
     * @return whether local state was found and deleted
     * @throws IllegalStateException when the application started since the plan was made
     */
    public boolean apply(ResetPlan plan) {
        requireStopped(plan.applicationId());
        Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
        plan.moves().forEach(move -> offsets.put(move.partition(), new OffsetAndMetadata(move.offset())));
        get(admin.alterConsumerGroupOffsets(plan.applicationId(), offsets).all());
        log.info("Reset {}: committed offsets {}", plan.applicationId(), offsets);
        if (!plan.internalTopics().isEmpty()) {
            // the broker may keep a deleted topic's committed offsets; stale ones would point past the end of the
            // topics the restarted application creates afresh
            Set<TopicPartition> internalOffsets = get(admin.listConsumerGroupOffsets(plan.applicationId())
                    .partitionsToOffsetAndMetadata()).keySet().stream()
                    .filter(partition -> plan.internalTopics().contains(partition.topic()))
                    .collect(Collectors.toSet());
            if (!internalOffsets.isEmpty()) {
                get(admin.deleteConsumerGroupOffsets(plan.applicationId(), internalOffsets).all());
            }
            get(admin.deleteTopics(plan.internalTopics()).all());
            awaitDeleted(plan.internalTopics());
            log.info("Reset {}: deleted internal topics {}", plan.applicationId(), plan.internalTopics());
        }
        if (plan.localState() == null || !Files.exists(plan.localState())) {
            return false;
        }
        deleteRecursively(plan.localState());
        log.info("Reset {}: deleted local state {}", plan.applicationId(), plan.localState());
        return true;
    }

    /** Offsets of a running application's group cannot be moved, and its internal topics are in use. */
    private void requireStopped(String applicationId) {
        Optional<GroupListing> group = get(admin.listGroups().all()).stream()
                .filter(g -> g.groupId().equals(applicationId))
                .findFirst();
        if (group.isEmpty()) {
            return; // never ran (or its group expired): nothing running, nothing committed
        }
        if (group.get().type().filter(type -> type == GroupType.STREAMS).isPresent()) {
            throw new IllegalStateException("application " + applicationId + " uses the streams rebalance protocol "
                    + "(group.protocol=streams), which rigwatch's stages do not: reset it with kafka-streams-groups.sh");
        }
        ConsumerGroupDescription description =
                get(admin.describeConsumerGroups(List.of(applicationId)).describedGroups().get(applicationId));
        if (!description.members().isEmpty()) {
            throw new IllegalStateException("application " + applicationId + " is running: its group has "
                    + description.members().size() + " active member(s) on " + description.members().stream()
                    .map(MemberDescription::host).distinct().sorted().toList()
                    + "; stop every instance, then reset");
        }
    }

    private Map<String, TopicDescription> describe(Set<String> topics) {
        Map<String, TopicDescription> described = new LinkedHashMap<>();
        for (String topic : topics) {
            try {
                described.put(topic, admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic));
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    throw new IllegalArgumentException("input topic " + topic + " does not exist", e.getCause());
                }
                throw new KafkaException("cannot describe topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaException("interrupted while describing topic " + topic, e);
            }
        }
        return described;
    }

    private Set<String> compacted(Set<String> topics) {
        List<ConfigResource> resources = topics.stream()
                .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic))
                .toList();
        Map<ConfigResource, Config> configs = get(admin.describeConfigs(resources).all());
        return configs.entrySet().stream()
                .filter(e -> e.getValue().get(TopicConfig.CLEANUP_POLICY_CONFIG) != null
                        && e.getValue().get(TopicConfig.CLEANUP_POLICY_CONFIG).value().contains(TopicConfig.CLEANUP_POLICY_COMPACT))
                .map(e -> e.getKey().name())
                .collect(Collectors.toSet());
    }

    /** The application reads with read_committed (exactly-once): offsets of open transactions are not its to find. */
    private Map<TopicPartition, ListOffsetsResultInfo> listOffsets(Map<TopicPartition, OffsetSpec> specs) {
        return get(admin.listOffsets(specs, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all());
    }

    private void awaitDeleted(List<String> topics) {
        long deadline = System.nanoTime() + DELETION_TIMEOUT.toNanos();
        while (true) {
            Set<String> remaining = get(admin.listTopics().names()).stream()
                    .filter(topics::contains)
                    .collect(Collectors.toSet());
            if (remaining.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new KafkaException("topics " + remaining + " are still there " + DELETION_TIMEOUT + " after their deletion");
            }
            try {
                Thread.sleep(DELETION_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaException("interrupted while waiting for topics " + remaining + " to be deleted", e);
            }
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete local state " + directory + ": " + e.getMessage(), e);
        }
    }

    private static <T> T get(KafkaFuture<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw new KafkaException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while waiting for the Kafka admin client", e);
        }
    }
}
