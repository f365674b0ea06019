package dev.rigwatch.streams.candles;

import dev.rigwatch.events.Candle;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.ContextualFixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes 1-minute candles that arrive after their roll-up window has closed visible, like {@link LateTickMonitor} does
 * for ticks: the roll-up aggregation drops them and counts them in {@code dropped-records-total}; this processor logs
 * the first and then every {@value LateTickMonitor#LOG_EVERY}th of its task. It expects the candles stamped with their
 * window start, as the roll-up windows them.
 */
final class LateCandleMonitor extends ContextualFixedKeyProcessor<String, Candle, Candle> {

    private static final Logger log = LoggerFactory.getLogger(LateCandleMonitor.class);

    private final String rollUp;
    private final WindowCloseRule rule;
    private long lateCandles;

    /** @param rollUp the roll-up's interval as the log names it ({@code 1h}) */
    LateCandleMonitor(String rollUp, Duration window, Duration grace) {
        this.rollUp = rollUp;
        this.rule = new WindowCloseRule(window, grace);
    }

    @Override
    public void process(FixedKeyRecord<String, Candle> record) {
        long time = record.timestamp();
        if (rule.isLate(time)) {
            lateCandles++;
            if (lateCandles == 1 || lateCandles % LateTickMonitor.LOG_EVERY == 0) {
                Candle candle = record.value();
                log.warn("Candle of {} [{}, {}) is too late for {} candle [{}, {}) that closed at {} (stream time {}): "
                                + "dropped; {} late candles so far in task {}",
                        record.key(), candle.windowStart(), candle.windowEnd(), rollUp,
                        Instant.ofEpochMilli(rule.windowStart(time)), Instant.ofEpochMilli(rule.windowEnd(time)),
                        Instant.ofEpochMilli(rule.windowClose(time)), Instant.ofEpochMilli(rule.streamTimeMs()),
                        lateCandles, context().taskId());
            }
        }
        context().forward(record);
    }
}
