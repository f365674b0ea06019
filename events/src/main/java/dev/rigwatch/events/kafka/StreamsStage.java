package dev.rigwatch.events.kafka;

import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one stage's topology (the market topology of {@code streams}, the alerts topology) with exactly-once processing. A record that cannot be deserialized or processed
 * is logged, skipped and written with its raw key and value bytes to {@link Topics#STREAMS_DEAD_LETTER}, as the
 * stage's {@link TopicNamespace} names it (Kafka Streams adds the source topic, partition, offset and the exception
 * as {@code __streams.errors.*} headers).
 * Kafka Streams' metrics, among them {@code dropped-records-total} for ticks too late for their candle, are bound
 * to the given meter registry while the stage runs.
 */
public final class StreamsStage implements AutoCloseable {

    public static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(StreamsStage.class);

    private final String applicationId;
    private final KafkaStreams streams;
    private final KafkaStreamsMetrics metrics;
    private final MeterRegistry meterRegistry;

    /**
     * @param applicationId  Kafka Streams {@code application.id}: consumer group and prefix of internal topics
     * @param stateDir       where RocksDB state lives
     * @param commitInterval how often the exactly-once transaction commits
     * @param ns             the topics of the stage's topology, whose dead-letter topic this stage writes to
     */
    public StreamsStage(String bootstrapServers, String applicationId, Path stateDir, Duration commitInterval,
                        TopicNamespace ns, Topology topology, MeterRegistry meterRegistry) {
        this(bootstrapServers, applicationId, stateDir, commitInterval, ns, topology, meterRegistry, new Properties());
    }

    /**
     * @param overrides settings of this stage only, over the common ones (the API's {@code application.server}, or
     *                  a test's {@link KafkaSecurity#apply security})
     */
    public StreamsStage(String bootstrapServers, String applicationId, Path stateDir, Duration commitInterval,
                        TopicNamespace ns, Topology topology, MeterRegistry meterRegistry, Properties overrides) {
        this.applicationId = applicationId;
        this.meterRegistry = meterRegistry;
        Properties props = properties(bootstrapServers, applicationId, stateDir, commitInterval, ns);
        props.putAll(overrides);
        this.streams = new KafkaStreams(topology, props);
        this.metrics = new KafkaStreamsMetrics(streams);
    }

    /**
     * The Kafka Streams configuration of every stage, with the process's {@link KafkaSecurity} for its clients; tests
     * drive topologies with the same one.
     *
     * @param ns names the dead-letter topic
     */
    public static Properties properties(String bootstrapServers, String applicationId, Path stateDir,
                                        Duration commitInterval, TopicNamespace ns) {
        // the security settings are the plain client ones, which Kafka Streams passes to its consumers, producers
        // and admin client alike
        Properties props = KafkaSecurity.ofProcess().apply(new Properties());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        // Kafka Streams' own default is 100 ms, which held each alert (and each repartitioned one) that long at
        // least once; batches of busy topics fill sooner anyway, and exactly once sends at every commit
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        // both built-in "continue" handlers write the skipped record to this topic when it is set
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, ns.of(Topics.STREAMS_DEAD_LETTER).name());
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueProcessingExceptionHandler.class);
        // the handler for global state too: the default from Kafka 5.0 on, and Kafka warns on every start without it
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        return props;
    }

    /**
     * Starts processing and returns once the application is RUNNING.
     *
     * @throws IllegalStateException when it fails or is not RUNNING within {@link #START_TIMEOUT}; the stage must
     *                               still be closed
     */
    public void start() {
        CompletableFuture<Void> running = new CompletableFuture<>();
        streams.setStateListener((newState, oldState) -> {
            log.info("Streams stage {}: {} -> {}", applicationId, oldState, newState);
            if (newState == KafkaStreams.State.RUNNING) {
                running.complete(null);
            } else if (newState == KafkaStreams.State.ERROR || newState == KafkaStreams.State.PENDING_ERROR) {
                running.completeExceptionally(new IllegalStateException(
                        "streams stage " + applicationId + " went to " + newState + " while starting"));
            }
        });
        streams.setUncaughtExceptionHandler(e -> {
            log.error("Stream thread of {} died; replacing it", applicationId, e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.start();
        try {
            running.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("streams stage " + applicationId + " not RUNNING after "
                    + START_TIMEOUT + ", state " + streams.state(), e);
        } catch (ExecutionException e) {
            throw (IllegalStateException) e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting streams stage " + applicationId, e);
        }
        // bound once tasks exist, so their metrics (dropped-records among them) are registered right away
        metrics.bindTo(meterRegistry);
        log.info("Streams stage {} is running", applicationId);
    }

    /** The running application, for interactive queries of its stores. */
    public KafkaStreams kafkaStreams() {
        return streams;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Stops processing, committing what was processed; safe to call more than once. */
    @Override
    public void close() {
        metrics.close();
        // leaving the group lets a restarted stage (or the other instances) take the tasks over at once, rather
        // than after the 45 s session timeout
        if (!streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(CLOSE_TIMEOUT))) {
            log.warn("Streams stage {} did not shut down within {}", applicationId, CLOSE_TIMEOUT);
        }
    }
}
