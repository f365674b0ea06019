package dev.rigwatch.ops.replay;

import dev.rigwatch.events.Topic;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.kafka.KafkaClients;
import dev.rigwatch.events.kafka.TopicAdmin;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the records of a time range of one topic, as raw bytes with their keys, timestamps, headers and
 * partitions, into a sandbox namespace or back into the pipeline, exactly once across interruptions: re-running the
 * same replay ({@link #replayId}) goes on where the last one's committed transaction ended. Readers of the target
 * see that only with {@code read_committed}.
 */
public final class Replay {

    /** How long setting a run up may wait for the broker: describing topics, reading or committing progress. */
    static final Duration SETUP_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(Replay.class);

    private final String bootstrapServers;
    private final Clock clock;
    private final Pacer.Sleeper sleeper;

    public Replay(String bootstrapServers) {
        this(bootstrapServers, Clock.systemUTC(), Pacer.Sleeper.system());
    }

    /** @param clock and {@code sleeper} pace the replay; tests move a test clock in the sleeper */
    public Replay(String bootstrapServers, Clock clock, Pacer.Sleeper sleeper) {
        this.bootstrapServers = bootstrapServers;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * The consumer group that holds a replay's progress and the transactional id of its producer: one per source,
     * target and range, so the same command resumes and a different range is a different replay.
     */
    public static String replayId(String source, String target, Instant from, Instant to) {
        return "rigwatch-replay/" + source + "/" + target + "/" + from + "/" + to;
    }

    /** A catalogue topic by name, or one in a namespace ({@code sandbox.crypto.ticks}). */
    public static Topic<?, ?> sourceTopic(String name) {
        return Topics.byName(name).or(() -> Topics.all().stream()
                        .filter(t -> name.endsWith("." + t.name()))
                        .max(Comparator.comparingInt(t -> t.name().length()))
                        .map(t -> namespaced(name.substring(0, name.length() - t.name().length()), t)))
                .orElseThrow(() -> new IllegalArgumentException("'" + name + "' is not a catalogue topic, nor one in "
                        + "a namespace such as sandbox.crypto.ticks (rigwatch topics list shows the catalogue)"));
    }

    private static Topic<?, ?> namespaced(String prefix, Topic<?, ?> topic) {
        return new TopicNamespace(prefix).of(topic);
    }

    /**
     * Runs the replay, or resumes it from its committed progress, until its range is copied or
     * {@code stopRequested} says stop (checked before every record and while pacing).
     *
     * @throws IllegalArgumentException when the source is not a catalogue topic or does not exist
     * @throws IllegalStateException    when another run of the same replay took over (fenced this one), or the
     *                                  committed progress does not fit the source any more
     */
    public ReplaySummary run(ReplayRequest request, ProgressListener listener, BooleanSupplier stopRequested) {
        Topic<?, ?> source = sourceTopic(request.source());
        Topic<?, ?> target = request.target().of(source);
        String replayId = replayId(source.name(), target.name(), request.from(), request.to());
        Instant started = clock.instant();
        try (Admin admin = Admin.create(KafkaClients.admin(bootstrapServers));
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties(replayId));
             KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(replayId))) {
            int sourcePartitions = partitionCount(admin, source.name());
            if (!request.target().isProduction()) {
                new TopicAdmin(admin).ensure(List.of(target)).stream()
                        .filter(r -> r.status() == TopicAdmin.Result.Status.MISMATCH)
                        .forEach(r -> log.warn("Replay target {} differs from the catalogue: {}", r.topic(), r.mismatches()));
            }
            int targetPartitions = partitionCount(admin, target.name());
            // fences an earlier run of this replay that is still alive and aborts its open transaction, so the
            // progress read below is the last committed one
            producer.initTransactions();
            if (request.restart()) {
                forget(admin, replayId);
            }
            ConsumerGroupMetadata group = new ConsumerGroupMetadata(replayId);
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < sourcePartitions; p++) {
                partitions.add(new TopicPartition(source.name(), p));
            }
            Map<TopicPartition, ReplayLane> lanes = ReplayPlan.resumeOrPlan(consumer, producer, group, partitions,
                    request, replayId);
            boolean resumed = lanes.values().stream().anyMatch(l -> l.resumed);
            log.info("Replay {} {}: {}", replayId, resumed ? "resumes" : "starts", lanes.values());
            ReplayCopy copy = new ReplayCopy(consumer, producer, group, lanes, target.name(), sourcePartitions,
                    targetPartitions, new Pacer(request.speed(), clock, sleeper), clock, listener, stopRequested,
                    started, request.from(), request.to());
            boolean complete = copy.run();
            return new ReplaySummary(source.name(), target.name(), request.from(), request.to(), replayId, resumed,
                    complete, lanes.values().stream().map(ReplayLane::summary).toList(), copy.records(),
                    copy.lastEventTime(), Duration.between(started, clock.instant()));
        } catch (ProducerFencedException e) {
            throw new IllegalStateException("another run of replay " + replayId + " started and took over: this one stops"
                    + " (what it committed stays, the other run goes on from there)", e);
        }
    }

    private Properties producerProperties(String replayId) {
        Properties props = KafkaClients.producer(bootstrapServers, "rigwatch-replay");
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, replayId);
        // initTransactions may wait for an earlier run's transaction to be aborted: more than a poller's 10 s
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) SETUP_TIMEOUT.toMillis());
        return props;
    }

    private Properties consumerProperties(String replayId) {
        return KafkaClients.consumer(bootstrapServers, replayId, Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, "rigwatch-replay",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // every position is sought explicitly; one outside the log means retention deleted part of the
                // range between runs, which must fail rather than skip records silently
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none"));
    }

    private static int partitionCount(Admin admin, String topic) {
        try {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            return description.partitions().size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new IllegalArgumentException("topic " + topic + " does not exist", e.getCause());
            }
            throw new KafkaException("cannot describe topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while describing topic " + topic, e);
        }
    }

    /** Deletes the replay's committed progress; a replay that never ran has none. */
    private static void forget(Admin admin, String replayId) {
        try {
            admin.deleteConsumerGroups(List.of(replayId)).all().get();
            log.info("Replay {}: earlier progress discarded", replayId);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw new KafkaException("cannot discard the progress of replay " + replayId + ": "
                        + e.getCause().getMessage(), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while discarding the progress of replay " + replayId, e);
        }
    }
}
