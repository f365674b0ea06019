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
 * replay of old data cannot flood the log. It predicts the aggregation's decision exactly with the same
 * {@link WindowCloseRule}.
 */
final class LateTickMonitor extends ContextualFixedKeyProcessor<String, PricedTick, PricedTick> {

    static final int LOG_EVERY = 100;

    private static final Logger log = LoggerFactory.getLogger(LateTickMonitor.class);

    private final WindowCloseRule rule;
    private long lateTicks;

    LateTickMonitor(Duration window, Duration grace) {
        this.rule = new WindowCloseRule(window, grace);
    }

    @Override
    public void process(FixedKeyRecord<String, PricedTick> record) {
        long time = record.timestamp();
        if (rule.isLate(time)) {
            lateTicks++;
            if (lateTicks == 1 || lateTicks % LOG_EVERY == 0) {
                log.warn("Tick of {} at {} is too late for candle [{}, {}) that closed at {} (stream time {}): "
                                + "dropped; {} late ticks so far in task {}",
                        record.key(), Instant.ofEpochMilli(time), Instant.ofEpochMilli(rule.windowStart(time)),
                        Instant.ofEpochMilli(rule.windowEnd(time)), Instant.ofEpochMilli(rule.windowClose(time)),
                        Instant.ofEpochMilli(rule.streamTimeMs()), lateTicks, context().taskId());
            }
        }
        context().forward(record);
    }
}
