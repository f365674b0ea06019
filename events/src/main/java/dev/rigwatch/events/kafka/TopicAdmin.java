package dev.rigwatch.events.kafka;

import dev.rigwatch.events.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates the catalogue's topics idempotently and checks that existing ones match it (partitions, cleanup
 * policy, retention). A mismatch is reported, never "fixed" silently: changing a live topic is an operator's call.
 */
public final class TopicAdmin {

    /** What {@link #ensure} found or did for one topic. */
    public record Result(String topic, Status status, List<String> mismatches) {
        public enum Status { CREATED, EXISTS, MISMATCH }
    }

    /** A topic as the cluster has it, for {@code rigwatch topics describe}. */
    public record TopicState(String name, boolean exists, int partitions, int replication, Map<String, String> configs) {
    }

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration READY_POLL = Duration.ofMillis(100);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private final Admin admin;

    public TopicAdmin(Admin admin) {
        this.admin = admin;
    }

    public List<Result> ensure(Collection<Topic<?, ?>> topics) {
        short replication = (short) Math.max(1, brokerCount());
        List<Result> results = new ArrayList<>();
        Set<String> existing = listNames();
        for (Topic<?, ?> topic : topics) {
            if (!existing.contains(topic.name())) {
                short factor = (short) Math.min(topic.replication(), replication);
                try {
                    get(admin.createTopics(List.of(new NewTopic(topic.name(), topic.partitions(), factor)
                            .configs(topic.configs()))).all());
                    results.add(new Result(topic.name(), Result.Status.CREATED, List.of()));
                    continue;
                } catch (KafkaAdminException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                    // created concurrently by another process: check it like any existing topic
                }
            }
            List<String> mismatches = mismatches(topic, describe(topic));
            results.add(new Result(topic.name(), mismatches.isEmpty() ? Result.Status.EXISTS : Result.Status.MISMATCH,
                    mismatches));
        }
        awaitLeaders(topics.stream().map(Topic::name).toList());
        return results;
    }

    /**
     * Waits until every partition of the topics has a leader: a topic is created before the brokers' metadata knows
     * it, and a client that asks in between is told it does not exist.
     */
    private void awaitLeaders(List<String> names) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            // a topic the brokers do not know yet is not an error here: it is what this waits out
            Map<String, TopicDescription> described = AdminFutures.awaitOr(admin.describeTopics(names).allTopicNames(),
                    CALL_TIMEOUT, "describe topics " + names, UnknownTopicOrPartitionException.class, Map.of());
            if (!described.isEmpty() && described.values().stream()
                    .allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null))) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new KafkaAdminException("topics " + names + " have no leader after " + READY_TIMEOUT, null);
            }
            try {
                Thread.sleep(READY_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaAdminException("interrupted while waiting for topic leaders", e);
            }
        }
    }

    public TopicState describe(Topic<?, ?> topic) {
        if (!listNames().contains(topic.name())) {
            return new TopicState(topic.name(), false, 0, 0, Map.of());
        }
        TopicDescription description = get(admin.describeTopics(List.of(topic.name())).allTopicNames()).get(topic.name());
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
        Config config = get(admin.describeConfigs(List.of(resource)).all()).get(resource);
        Map<String, String> configs = topic.configs().keySet().stream()
                .collect(Collectors.toMap(k -> k, k -> config.get(k) == null ? "" : config.get(k).value()));
        return new TopicState(topic.name(), true, description.partitions().size(),
                description.partitions().get(0).replicas().size(), configs);
    }

    public Set<String> listNames() {
        return get(admin.listTopics().names());
    }

    private int brokerCount() {
        return get(admin.describeCluster().nodes()).size();
    }

    private static List<String> mismatches(Topic<?, ?> topic, TopicState actual) {
        List<String> out = new ArrayList<>();
        if (actual.partitions() != topic.partitions()) {
            out.add("partitions " + actual.partitions() + ", catalogue says " + topic.partitions());
        }
        topic.configs().forEach((key, wanted) -> {
            String have = actual.configs().get(key);
            if (!wanted.equals(have)) {
                out.add(key + "=" + have + ", catalogue says " + wanted);
            }
        });
        return out;
    }

    private static <T> T get(KafkaFuture<T> future) {
        return AdminFutures.await(future, CALL_TIMEOUT, "complete a topic admin call");
    }
}
