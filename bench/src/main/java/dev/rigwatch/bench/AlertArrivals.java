package dev.rigwatch.bench;

import dev.rigwatch.events.Alert;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.kafka.KafkaClients;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Where a latency run's alerts are seen: a read_committed consumer of the alerts topic (as a subscriber's would be)
 * polling on a thread of its own, noting when each alert on one subject arrived, by the alert's event time (the
 * window end of the candle it fired on). Polled without pause, so an alert is timed when the broker hands it over.
 */
final class AlertArrivals implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration LOOK_EVERY = Duration.ofMillis(50);

    private final Topic<String, Alert> alerts;
    private final String subject;
    private final Consumer<byte[], byte[]> consumer;
    private final Map<Instant, Long> arrivedAt = new ConcurrentHashMap<>();
    private final AtomicReference<Exception> failed = new AtomicReference<>();
    private final Thread poller;
    private volatile boolean running = true;

    /** Reads the alerts topic of {@code ns} from its start, positioned before this returns. */
    AlertArrivals(String bootstrap, TopicNamespace ns, String subject) {
        this.alerts = ns.of(Topics.ALERTS);
        this.subject = subject;
        this.consumer = new KafkaConsumer<>(KafkaClients.consumer(bootstrap, null,
                Map.of(CommonClientConfigs.CLIENT_ID_CONFIG, "rigwatch-bench-latency-alerts")));
        List<TopicPartition> partitions = IntStream.range(0, alerts.partitions())
                .mapToObj(p -> new TopicPartition(alerts.name(), p)).toList();
        try {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // resolved now, so that the first alert is not timed with the consumer's start-up
            partitions.forEach(consumer::position);
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
        this.poller = new Thread(this::poll, "bench-alert-arrivals");
        poller.setDaemon(true);
        poller.start();
    }

    private void poll() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    long now = System.nanoTime();
                    Alert alert = alerts.valueSerde().deserializer().deserialize(alerts.name(), record.value());
                    if (alert != null && subject.equals(alert.subject())) {
                        arrivedAt.putIfAbsent(alert.eventTime(), now);
                    }
                }
            }
        } catch (WakeupException e) {
            if (running) {
                failed.compareAndSet(null, e);
            }
        } catch (RuntimeException e) {
            failed.compareAndSet(null, e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Alerts on the subject seen so far. */
    int count() {
        return arrivedAt.size();
    }

    /**
     * Waits until the alerts fired on the candles ending at {@code windowEnds} have all arrived, or {@code timeout}
     * has passed; returns the arrival ({@code nanoTime}) of each that did.
     *
     * @throws IllegalStateException when the consumer failed
     */
    Map<Instant, Long> await(Collection<Instant> windowEnds, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!arrivedAt.keySet().containsAll(windowEnds) && System.nanoTime() < deadline && failed.get() == null) {
            try {
                Thread.sleep(LOOK_EVERY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the alerts", e);
            }
        }
        if (failed.get() != null) {
            throw new IllegalStateException("reading the alerts failed: " + failed.get().getMessage(), failed.get());
        }
        Map<Instant, Long> arrived = new HashMap<>();
        for (Instant end : windowEnds) {
            Long at = arrivedAt.get(end);
            if (at != null) {
                arrived.put(end, at);
            }
        }
        return arrived;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            poller.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
