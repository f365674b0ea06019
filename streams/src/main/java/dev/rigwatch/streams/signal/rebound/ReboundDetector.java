package dev.rigwatch.streams.signal.rebound;

import dev.rigwatch.events.Candle;
import dev.rigwatch.events.ReboundSignal;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Applies the {@link ReboundRule} to each closed candle, keeping each instrument's state in a changelogged store. */
final class ReboundDetector extends ContextualProcessor<String, Candle, String, ReboundSignal> {

    private final ReboundRule rule;
    private final String storeName;
    private KeyValueStore<String, ReboundState> states;

    ReboundDetector(ReboundRule rule, String storeName) {
        this.rule = rule;
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<String, ReboundSignal> context) {
        super.init(context);
        states = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, Candle> record) {
        Candle candle = record.value();
        ReboundState state = states.get(record.key());
        ReboundRule.Outcome outcome = rule.apply(record.key(), state, candle.close(), candle.windowEnd());
        if (!outcome.next().equals(state)) {
            states.put(record.key(), outcome.next());
        }
        if (outcome.signal() != null) {
            context().forward(record.withValue(outcome.signal())
                    .withTimestamp(outcome.signal().confirmedAt().toEpochMilli()));
        }
    }
}
