package dev.rigwatch.streams.candles;

import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.ContextualFixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes ticks that arrive after their candle has closed visible. It passes every tick on unchanged: the windowed
 * aggregation drops the late ones itself and counts them in its task metric {@code dropped-records-total}; this
 * processor logs the first late tick of its task and then every {@value #LOG_EVERY}th with the running count, so a
 * replay of old data cannot flood the log.
 *
 * <p>It predicts the aggregation's decision exactly: it sees the same records of the same task in the same order,
 * tracks stream time the same way (the highest timestamp seen by this processor instance) and applies the same
 * rule (dropped when window end + grace &lt;= stream time).
 */
final class LateTickMonitor extends ContextualFixedKeyProcessor<String, PricedTick, PricedTick> {

    static final int LOG_EVERY = 100;

    private static final Logger log = LoggerFactory.getLogger(LateTickMonitor.class);

    private final long windowMs;
    private final long graceMs;
    private long streamTimeMs = -1;
    private long lateTicks;

    LateTickMonitor(Duration window, Duration grace) {
        this.windowMs = window.toMillis();
        this.graceMs = grace.toMillis();
    }

    @Override
    public void process(FixedKeyRecord<String, PricedTick> record) {
        long time = record.timestamp();
        streamTimeMs = Math.max(streamTimeMs, time);
        long windowStart = time - time % windowMs;
        long windowClose = windowStart + windowMs + graceMs;
        if (windowClose <= streamTimeMs) {
            lateTicks++;
            if (lateTicks == 1 || lateTicks % LOG_EVERY == 0) {
                log.warn("Tick of {} at {} is too late for candle [{}, {}) that closed at {} (stream time {}): "
                                + "dropped; {} late ticks so far in task {}",
                        record.key(), Instant.ofEpochMilli(time), Instant.ofEpochMilli(windowStart),
                        Instant.ofEpochMilli(windowStart + windowMs), Instant.ofEpochMilli(windowClose),
                        Instant.ofEpochMilli(streamTimeMs), lateTicks, context().taskId());
            }
        }
        context().forward(record);
    }
}
