package dev.rigwatch.api.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rigwatch.api.routes.StreamViews;
import dev.rigwatch.events.Json;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.kafka.KafkaClients;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds {@code /api/stream}: one consumer, with no group, reads every partition of the closed-candle, signal and
 * alert topics (so every API instance streams everything, not only the keys it owns) and publishes each record,
 * in its API shape, to the {@link EventBuffer}. It starts a few records before each partition's end, so that a
 * client connecting to a fresh instance can still resume. A record that does not decode is counted and logged,
 * never streamed.
 */
public final class EventFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventFeed.class);
    private static final Duration POLL = Duration.ofMillis(200);
    /** Records re-read from each partition's end at start: the stream's memory of a fresh instance. */
    private static final long BACKLOG_PER_PARTITION = 20;

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final EventBuffer buffer;
    private final Map<String, StreamViews.Kind<?>> kinds = new HashMap<>();
    private final Counter undecodable;
    private final Thread thread;
    private volatile boolean running = true;
    private boolean started;

    public EventFeed(String bootstrap, TopicNamespace ns, EventBuffer buffer, MeterRegistry meters) {
        this.buffer = buffer;
        for (StreamViews.Kind<?> kind : StreamViews.KINDS) {
            kinds.put(ns.of(kind.topic()).name(), kind.in(ns));
        }
        this.undecodable = Counter.builder("rigwatch.api.stream.undecodable")
                .description("records the event stream could not decode and skipped").register(meters);
        this.consumer = new KafkaConsumer<>(KafkaClients.consumer(bootstrap, null, Map.of()));
        this.thread = new Thread(this::run, "api-event-feed");
        this.thread.setDaemon(true);
    }

    public EventFeed start() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : kinds.keySet()) {
            for (PartitionInfo p : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, p.partition()));
            }
        }
        consumer.assign(partitions);
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
        consumer.endOffsets(partitions).forEach((tp, end) ->
                consumer.seek(tp, Math.max(begin.get(tp), end - BACKLOG_PER_PARTITION)));
        thread.start();
        started = true;
        return this;
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    publish(record);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            log.error("The event stream's consumer stopped: /api/stream sends no more events", e);
        } finally {
            consumer.close();
        }
    }

    private void publish(ConsumerRecord<byte[], byte[]> record) {
        StreamViews.Kind<?> kind = kinds.get(record.topic());
        try {
            buffer.publish(kind.event(), Json.mapper().writeValueAsString(kind.view(record)));
        } catch (RuntimeException | JsonProcessingException e) {
            undecodable.increment();
            log.warn("Event stream skips {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
        }
    }

    @Override
    public void close() {
        if (!started) {
            consumer.close();
            return;
        }
        running = false;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
