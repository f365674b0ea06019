package dev.rigwatch.streams.signal.capitulation;

import dev.rigwatch.events.Candle;
import dev.rigwatch.events.MinerCapitulation;
import dev.rigwatch.events.gpu.GpuModel;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges every mining model's profit on each daily candle of the configured instrument and fires when a model's
 * profit turns negative after a profitable day. A model is judged only from the month it launched: before that no
 * one could mine on it. Its first day sets its state without firing, since no crossing was seen. The states of all
 * models are one value per instrument.
 */
final class CapitulationDetector extends ContextualProcessor<String, Candle, String, MinerCapitulation> {

    private static final Logger log = LoggerFactory.getLogger(CapitulationDetector.class);

    private final CapitulationSettings settings;
    private final List<GpuModel> miners;
    private final String storeName;
    private KeyValueStore<String, MinerStates> states;
    private Sensor outOfOrderDays;
    private long outOfOrderCount;

    CapitulationDetector(CapitulationSettings settings, List<GpuModel> miners, String storeName) {
        this.settings = settings;
        this.miners = miners;
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<String, MinerCapitulation> context) {
        super.init(context);
        states = context.getStateStore(storeName);
        outOfOrderDays = context.metrics().addRateTotalSensor(Capitulation.METRICS_SCOPE, context.taskId().toString(),
                Capitulation.OUT_OF_ORDER_DAYS, Sensor.RecordingLevel.INFO);
    }

    @Override
    public void process(Record<String, Candle> record) {
        Candle day = record.value();
        MinerStates before = states.get(record.key());
        if (before != null && !day.windowEnd().isAfter(before.lastDayEnd())) {
            outOfOrderDays.record();
            outOfOrderCount++;
            log.warn("Daily candle of {} [{}, {}) is not newer than the last day judged, which ended {}: skipped; {} "
                            + "such candles so far in task {}", record.key(), day.windowStart(), day.windowEnd(),
                    before.lastDayEnd(), outOfOrderCount, context().taskId());
            return;
        }
        Map<String, ProfitState> models = before == null ? new HashMap<>() : new HashMap<>(before.models());
        for (GpuModel model : miners) {
            if (!day.windowStart().isBefore(model.launchDate().atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC))) {
                models.put(model.model(), judge(model, models.get(model.model()), day));
            }
        }
        states.put(record.key(), new MinerStates(day.windowEnd(), models));
    }

    /** The model's next state; forwards the signal when this day's loss follows a profitable day. */
    private ProfitState judge(GpuModel model, ProfitState state, Candle day) {
        MiningProfit profit = MiningProfit.of(model, day.close(), settings);
        int sign = profit.profit().signum();
        if (sign > 0) {
            return new ProfitState(true, day.windowEnd(), profit.profit(), day.close());
        }
        if (state == null) {
            return new ProfitState(false, null, null, null);
        }
        if (state.armed() && sign < 0) {
            MinerCapitulation signal = new MinerCapitulation(MinerCapitulation.VERSION, model.model(),
                    settings.instrument(), day.windowStart(), day.windowEnd(), day.close(), profit.hashrateMhs(),
                    profit.powerW(), settings.coinPerMhDay(), settings.electricityUsdPerKwh(), profit.revenue(),
                    profit.powerCost(), profit.profit(), profit.breakEvenCoinPrice(), state.lastProfitableDayEnd(),
                    state.lastProfit(), state.lastProfitableCoinPrice());
            context().forward(new Record<>(signal.key(), signal, day.windowEnd().toEpochMilli()));
            return new ProfitState(false, state.lastProfitableDayEnd(), state.lastProfit(),
                    state.lastProfitableCoinPrice());
        }
        return state;
    }

    @Override
    public void close() {
        context().metrics().removeSensor(outOfOrderDays);
    }
}
