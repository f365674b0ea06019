package dev.rigwatch.alerts.webhook;

import dev.rigwatch.events.Topic;
import dev.rigwatch.events.alert.Subscription;
import dev.rigwatch.events.kafka.KafkaClients;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every current subscription, read from the compacted {@code alerts.subscriptions} topic: all partitions, from
 * the beginning, without a consumer group, kept current by its own thread; a tombstone removes one. An alert is
 * written after the subscription that fired it, so {@link #awaitCurrent} (read up to the topic's end as of now)
 * makes any subscription named by an alert already read known.
 */
final class SubscriptionDirectory implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionDirectory.class);
    private static final Duration POLL = Duration.ofMillis(500);

    /** A request to read up to the end offsets of the moment it is taken up. */
    private record CatchUp(CompletableFuture<Void> done, Map<TopicPartition, Long> endOffsets) {
    }

    private final Topic<String, Subscription> topic;
    private final Consumer<byte[], byte[]> consumer;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final BlockingQueue<CompletableFuture<Void>> requests = new LinkedBlockingQueue<>();
    private final Runnable onUnreadable;
    private final java.util.function.Consumer<Throwable> onFailure;
    private final Thread thread;
    private volatile boolean closing;

    /**
     * @param onUnreadable called once per record that is not a subscription (it is logged and skipped)
     * @param onFailure    called when reading stops on an error
     */
    SubscriptionDirectory(String bootstrap, Topic<String, Subscription> topic, String clientId, Runnable onUnreadable,
            java.util.function.Consumer<Throwable> onFailure) {
        this.topic = topic;
        this.onUnreadable = onUnreadable;
        this.onFailure = onFailure;
        this.consumer = new KafkaConsumer<>(KafkaClients.consumer(bootstrap, null, Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, clientId)));
        this.thread = new Thread(this::run, clientId);
        thread.setDaemon(true);
    }

    /** Starts reading and returns once everything already on the topic is read. */
    void start(Duration timeout) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), timeout).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        if (partitions.isEmpty()) {
            throw new IllegalStateException("topic " + topic.name() + " does not exist (`rigwatch topics create` creates the catalogue)");
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread.start();
        if (!awaitCurrent(timeout)) {
            throw new IllegalStateException("could not read " + topic.name() + " to its end within " + timeout);
        }
    }

    /** The subscriptions consumer's Kafka client metrics, for the delivery to bind to its registry. */
    KafkaClientMetrics clientMetrics() {
        return new KafkaClientMetrics(consumer);
    }

    /** The subscription with this key ({@code subscriber/id}), or null when there is none (or not yet). */
    Subscription get(String key) {
        return subscriptions.get(key);
    }

    /** Waits until everything written to the topic before this call is read; false when that took too long. */
    boolean awaitCurrent(Duration timeout) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        requests.add(done);
        consumer.wakeup();
        try {
            done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading " + topic.name() + " failed", e.getCause());
        }
    }

    private void run() {
        List<CompletableFuture<Void>> unresolved = new ArrayList<>();
        List<CatchUp> waiting = new ArrayList<>();
        try {
            while (!closing) {
                try {
                    requests.drainTo(unresolved);
                    if (!unresolved.isEmpty()) {
                        Map<TopicPartition, Long> endOffsets = consumer.endOffsets(consumer.assignment());
                        unresolved.forEach(request -> waiting.add(new CatchUp(request, endOffsets)));
                        unresolved.clear();
                    }
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                        apply(record);
                    }
                    waiting.removeIf(catchUp -> reached(catchUp.endOffsets()) && catchUp.done().complete(null));
                } catch (WakeupException e) {
                    // a catch-up request or close() is waiting: the loop takes it up
                }
            }
        } catch (RuntimeException e) {
            log.error("Reading {} failed: webhook delivery stops", topic.name(), e);
            onFailure.accept(e);
            requests.drainTo(unresolved);
            unresolved.forEach(request -> request.completeExceptionally(e));
            waiting.forEach(catchUp -> catchUp.done().completeExceptionally(e));
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private boolean reached(Map<TopicPartition, Long> endOffsets) {
        return endOffsets.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        String key = topic.keySerde().deserializer().deserialize(topic.name(), record.key());
        if (record.value() == null) {
            if (key != null) {
                subscriptions.remove(key);
            }
            return;
        }
        try {
            Subscription subscription = topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
            subscriptions.put(key != null ? key : subscription.key(), subscription);
        } catch (SerializationException e) {
            if (key != null) {
                subscriptions.remove(key); // what it was replaced with is unknown: not the old webhook
            }
            log.warn("Skipping unreadable subscription {} at {}-{}@{}: its alerts get no webhook until it is rewritten",
                    key, record.topic(), record.partition(), record.offset(), e);
            onUnreadable.run();
        }
    }

    @Override
    public void close() {
        closing = true;
        consumer.wakeup();
        if (thread.isAlive()) {
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
