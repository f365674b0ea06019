package dev.rigwatch.streams.signal.rebound;

import dev.rigwatch.events.ReboundSignal;
import dev.rigwatch.streams.signal.rebound.ReboundState.Close;
import java.util.function.Function;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the {@link ReboundRule} to each close of a series, keeping each subject's state in a changelogged store.
 * The rule only looks at event time (the windows' ends), so it needs no clock and no punctuator: a signal is due on
 * the close that confirms it, whenever that arrives.
 *
 * <p>Each record is one {@link ReboundRule#step}, as each close of {@link ReboundHistory}.
 * A value whose window does not fit the series' {@link Cadence} (another interval; a sold-price period that is not a
 * calendar month) fails the record (the stage dead-letters it).
 * A close that does not come after the subject's last one (a replayed or reordered window) is skipped, logged and
 * counted in the task metric {@code out-of-order-closes-total} of group {@code stream-rebound-metrics}.
 *
 * @param <V> the value carrying the close; {@code toClose} returns null for one without a price
 */
final class ReboundDetector<V> extends ContextualProcessor<String, V, String, ReboundSignal> {

    private static final Logger log = LoggerFactory.getLogger(ReboundDetector.class);

    private final ReboundRule rule;
    private final String series;
    private final Function<V, Close> toClose;
    private final String storeName;
    private KeyValueStore<String, ReboundState> states;
    private Sensor outOfOrderCloses;

    /** @param series the series' name in logs and metrics ({@code crypto-1m}) */
    ReboundDetector(ReboundRule rule, String series, Function<V, Close> toClose, String storeName) {
        this.rule = rule;
        this.series = series;
        this.toClose = toClose;
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<String, ReboundSignal> context) {
        super.init(context);
        states = context.getStateStore(storeName);
        outOfOrderCloses = context.metrics().addRateTotalSensor("rebound", series, "out-of-order-closes",
                Sensor.RecordingLevel.INFO);
    }

    @Override
    public void process(Record<String, V> record) {
        Close close = toClose.apply(record.value());
        ReboundState state = close == null ? null : states.get(record.key());
        ReboundRule.Step step = rule.step(record.key(), state, close);
        switch (step.kind()) {
            case NO_CLOSE -> { }
            case NOT_OF_CADENCE -> throw new IllegalArgumentException("rebound series " + series + " takes " + rule.cadence()
                    + " windows, got [" + close.windowStart() + ", " + close.windowEnd() + ") of " + record.key());
            case OUT_OF_ORDER -> {
                outOfOrderCloses.record();
                log.warn("Rebound {}: close of {} for [{}, {}) does not follow its last close (window end {}): skipped",
                        series, record.key(), close.windowStart(), close.windowEnd(), state.last().windowEnd());
            }
            case APPLIED -> {
                states.put(record.key(), step.next());
                if (step.signal() != null) {
                    context().forward(record.withValue(step.signal())
                            .withTimestamp(step.signal().confirmedAt().toEpochMilli()));
                }
            }
        }
    }
}
