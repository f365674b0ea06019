package dev.rigwatch.ops.history;

import dev.rigwatch.events.IngestReject;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.kafka.EventProducer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.Callback;

/**
 * One import's writing and counting: sends each record and each bad row (as an {@link IngestReject}) through the one
 * producer, counts what Kafka acknowledged, and stops the import at the first record Kafka refuses, since the
 * records after it would most likely fail the same way.
 */
final class ImportRun implements RowSink {

    /** Ends the reading of the file: a send failed. */
    static final class Stopped extends RuntimeException {
        Stopped(String message) {
            super(message, null, false, false);
        }
    }

    private final String source;
    private final String fileUrl;
    private final EventProducer producer;
    private final Clock clock;
    private final ImportOptions options;
    private final ImportProgress.Listener listener;

    private long rowsRead;
    private long rejected;
    private int lastLine;
    private final List<BadRow> firstRejects = new ArrayList<>();
    // written by the producer's I/O thread, read by the importing one
    private final Map<String, Map<String, Long>> imported = new TreeMap<>();
    private final LongAdder importedTotal = new LongAdder();
    private final LongAdder rejectsWritten = new LongAdder();
    private final LongAdder sendFailures = new LongAdder();
    private final AtomicReference<String> firstSendFailure = new AtomicReference<>();
    private Instant firstTime;
    private Instant lastTime;

    /**
     * @param source  the rejects' source: {@code import:<file name>}
     * @param fileUrl the rejects' URL: the file's {@code file:} URI
     */
    ImportRun(String source, String fileUrl, EventProducer producer, Clock clock, ImportOptions options,
              ImportProgress.Listener listener) {
        this.source = source;
        this.fileUrl = fileUrl;
        this.producer = producer;
        this.clock = clock;
        this.options = options;
        this.listener = listener;
    }

    /** A record to write, from the row on {@code line}. */
    @Override
    public <V> void imported(int line, Topic<String, V> topic, String key, V value, Instant time) {
        send(line, topic, key, value, time, false);
    }

    /** A marker every partition must see (a poll's coverage), from the row on {@code line}: counted once. */
    @Override
    public <V> void importedToEveryPartition(int line, Topic<String, V> topic, String key, V value, Instant time) {
        send(line, topic, key, value, time, true);
    }

    @Override
    public void rejected(BadRow row) {
        rowRead(row.line());
        rejected++;
        if (firstRejects.size() < options.reportedRejects()) {
            firstRejects.add(row);
        }
        IngestReject reject = IngestReject.of(source, fileUrl, null, row.reason(), "line " + row.line() + ": "
                + row.detail(), row.raw(), clock.instant());
        Callback callback = (metadata, error) -> {
            if (error == null) {
                rejectsWritten.increment();
            } else {
                failed(Topics.INGEST_REJECTS, row.line(), error);
            }
        };
        try {
            producer.send(Topics.INGEST_REJECTS, reject.source(), reject, reject.observedTime(), callback);
        } catch (RuntimeException e) {
            // the producer throws, rather than calling back, for errors before the record is queued
            callback.onCompletion(null, e);
        }
        progress();
    }

    private <V> void send(int line, Topic<String, V> topic, String key, V value, Instant time, boolean everyPartition) {
        rowRead(line);
        AtomicBoolean counted = new AtomicBoolean();
        Callback callback = (metadata, error) -> {
            if (error != null) {
                failed(topic, line, error);
            } else if (counted.compareAndSet(false, true)) {
                acknowledged(topic.name(), key, time);
            }
        };
        try {
            if (everyPartition) {
                producer.sendToEveryPartition(topic, key, value, time, callback);
            } else {
                producer.send(topic, key, value, time, callback);
            }
        } catch (RuntimeException e) {
            callback.onCompletion(null, e);
        }
        progress();
    }

    private void rowRead(int line) {
        String failure = firstSendFailure.get();
        if (failure != null) {
            throw new Stopped("stopped before line " + line + " as Kafka refused a record: " + failure);
        }
        rowsRead++;
        lastLine = line;
    }

    private void progress() {
        if (rowsRead % options.progressEvery() == 0) {
            listener.update(new ImportProgress(lastLine, rowsRead, importedTotal.sum(), rejected));
        }
    }

    private synchronized void acknowledged(String topic, String key, Instant time) {
        imported.computeIfAbsent(topic, t -> new TreeMap<>()).merge(key, 1L, Long::sum);
        importedTotal.increment();
        if (firstTime == null || time.isBefore(firstTime)) {
            firstTime = time;
        }
        if (lastTime == null || time.isAfter(lastTime)) {
            lastTime = time;
        }
    }

    private void failed(Topic<?, ?> topic, int line, Exception error) {
        sendFailures.increment();
        firstSendFailure.compareAndSet(null, "line " + line + " to " + topic.name() + ": " + error);
    }

    /** Flushes, so that every count is final, and sums up. */
    ImportSummary finish(String file, FileFormat format, Duration interval, String stoppedEarly) {
        try {
            producer.flush();
        } catch (RuntimeException e) {
            sendFailures.increment();
            firstSendFailure.compareAndSet(null, "flush: " + e);
        }
        synchronized (this) {
            Map<String, Map<String, Long>> byTopic = new TreeMap<>();
            imported.forEach((topic, keys) -> byTopic.put(topic, Collections.unmodifiableMap(new TreeMap<>(keys))));
            return new ImportSummary(file, format, interval, rowsRead, Collections.unmodifiableMap(byTopic), rejected,
                    List.copyOf(firstRejects), rejectsWritten.sum(), firstTime, lastTime, sendFailures.sum(),
                    firstSendFailure.get(), stoppedEarly);
        }
    }
}
