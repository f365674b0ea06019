package dev.rigwatch.ingest;

import dev.rigwatch.events.Topic;
import dev.rigwatch.events.kafka.EventProducer;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way ingest hands a record to its producer: what Kafka acknowledged and refused is counted, a refused
 * record runs its undo (so it is sent again when its source repeats it), and refusals are logged once per streak
 * of one cause, never thrown. The producer's buffer is the only queue; when it is full, {@code send} blocks (up to
 * the producer's {@code max.block.ms}) and so slows the poll down rather than dropping records.
 */
public final class CountedSender {

    private static final Logger log = LoggerFactory.getLogger(CountedSender.class);

    /**
     * What one record counts, undoes and reports: {@code acknowledged} or {@code failed} is incremented once, and
     * {@code onAcknowledged} or {@code onFailure} runs once, on the producer's I/O thread.
     */
    public record Accounting(LongAdder acknowledged, LongAdder failed, Runnable onFailure, Runnable onAcknowledged) {

        private static final Runnable NOTHING = () -> { };

        /** With something to undo on failure, and nothing to report on success. */
        public Accounting(LongAdder acknowledged, LongAdder failed, Runnable onFailure) {
            this(acknowledged, failed, onFailure, NOTHING);
        }

        /** Counted, with nothing to undo. */
        public static Accounting counted(LongAdder acknowledged, LongAdder failed) {
            return new Accounting(acknowledged, failed, NOTHING);
        }

        /** The same, also running {@code report} once Kafka acknowledged the record. */
        public Accounting onAcknowledged(Runnable report) {
            return new Accounting(acknowledged, failed, onFailure, report);
        }
    }

    private final EventProducer producer;
    private final String sender;
    private final FailureStreak failures = new FailureStreak();

    /**
     * @param producer owned by the caller
     * @param sender   who sends, for the log lines: an exchange, {@code "ebay listings"}
     */
    public CountedSender(EventProducer producer, String sender) {
        this.producer = producer;
        this.sender = sender;
    }

    /** Sends one record; the future completes when Kafka answered (failed when it refused). */
    public <V> Future<RecordMetadata> send(Topic<String, V> topic, String key, V value, Instant eventTime,
                                           Accounting accounting) {
        Callback callback = callback(topic, key, accounting);
        try {
            return producer.send(topic, key, value, eventTime, callback);
        } catch (RuntimeException e) {
            // the producer throws (rather than calling back) for errors before the record is queued
            callback.onCompletion(null, e);
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Sends a copy to every partition of {@code topic}; each copy is counted on its own. */
    public <V> void sendToEveryPartition(Topic<String, V> topic, String key, V value, Instant eventTime,
                                         Accounting accounting) {
        Callback callback = callback(topic, key, accounting);
        try {
            producer.sendToEveryPartition(topic, key, value, eventTime, callback);
        } catch (RuntimeException e) {
            // the partitions could not be looked up, or the producer refused before queueing
            callback.onCompletion(null, e);
        }
    }

    private Callback callback(Topic<?, ?> topic, String key, Accounting accounting) {
        return (metadata, error) -> {
            if (error == null) {
                accounting.acknowledged().increment();
                accounting.onAcknowledged().run();
                FailureStreak.Ended ended = failures.succeeded();
                if (ended.any()) {
                    log.info("Kafka sends of {} recovered after {}", sender, ended);
                }
                return;
            }
            accounting.failed().increment();
            accounting.onFailure().run();
            FailureStreak.Ended ended = failures.failed(error.getClass().getName());
            if (ended != null) {
                log.warn("Kafka did not accept a {} record for {} (key {}): {}; {}", sender, topic, key, error,
                        ended.logSuffix());
            }
        };
    }
}
