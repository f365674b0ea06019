package dev.rigwatch.bench;

import dev.rigwatch.bench.PacedTickLoad.Crossing;
import dev.rigwatch.events.Alert;
import dev.rigwatch.events.Candle;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.kafka.KafkaClients;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Where a latency run's outputs are seen: a read_committed consumer of the alerts topic (as a subscriber's would be)
 * and of the closed 1-minute candles, polling on a thread of its own, noting when each alert and each candle arrived,
 * by instrument and window end (an alert's subject and event time). The candles split an alert's latency into the
 * market stage's part and the alerts stage's. Polled without pause, so a record is timed when the broker hands it over.
 */
final class Arrivals implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration LOOK_EVERY = Duration.ofMillis(50);

    private final Topic<String, Alert> alerts;
    private final Topic<String, Candle> candles;
    private final Consumer<byte[], byte[]> consumer;
    private final Map<Crossing, Long> alertAt = new ConcurrentHashMap<>();
    private final Map<Crossing, Long> candleAt = new ConcurrentHashMap<>();
    private final AtomicReference<Exception> failed = new AtomicReference<>();
    private final Thread poller;
    private volatile boolean running = true;

    /** Reads the alerts and closed 1-minute candles of {@code ns} from their start, positioned before this returns. */
    Arrivals(String bootstrap, TopicNamespace ns) {
        this.alerts = ns.of(Topics.ALERTS);
        this.candles = ns.of(Topics.CRYPTO_CANDLES_1M);
        this.consumer = new KafkaConsumer<>(KafkaClients.consumer(bootstrap, null,
                Map.of(CommonClientConfigs.CLIENT_ID_CONFIG, "rigwatch-bench-latency-alerts")));
        List<TopicPartition> partitions = Stream.of(alerts, candles)
                .flatMap(topic -> IntStream.range(0, topic.partitions()).mapToObj(p -> new TopicPartition(topic.name(), p)))
                .toList();
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
                    if (record.topic().equals(candles.name())) {
                        Candle candle = candles.valueSerde().deserializer().deserialize(candles.name(), record.value());
                        if (candle != null) {
                            candleAt.putIfAbsent(new Crossing(candle.instrument(), candle.windowEnd()), now);
                        }
                    } else {
                        Alert alert = alerts.valueSerde().deserializer().deserialize(alerts.name(), record.value());
                        if (alert != null) {
                            alertAt.putIfAbsent(new Crossing(alert.subject(), alert.eventTime()), now);
                        }
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

    /** Alerts seen so far. */
    int alerts() {
        return alertAt.size();
    }

    /** When the closed candle of {@code crossing} arrived ({@code nanoTime}), if it did. */
    Optional<Long> candle(Crossing crossing) {
        return Optional.ofNullable(candleAt.get(crossing));
    }

    /**
     * Waits until the alerts fired by {@code crossings} have all arrived, or {@code timeout} has passed; returns the
     * arrival ({@code nanoTime}) of each that did.
     *
     * @throws IllegalStateException when the consumer failed
     */
    Map<Crossing, Long> awaitAlerts(Collection<Crossing> crossings, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!alertAt.keySet().containsAll(crossings) && System.nanoTime() < deadline && failed.get() == null) {
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
        Map<Crossing, Long> arrived = new HashMap<>();
        for (Crossing crossing : crossings) {
            Long at = alertAt.get(crossing);
            if (at != null) {
                arrived.put(crossing, at);
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
