package dev.rigwatch.streams.signal.tightness;

import dev.rigwatch.events.GpuMarketStats;
import dev.rigwatch.events.SupplyTightness;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each model's index, one per hourly row, against the rows before it. A row for the model's latest hour again
 * restates that hour (replacing it); a row for an earlier hour is too late to change a baseline already used: dropped,
 * counted and logged.
 */
final class ModelTightnessProcessor extends ContextualProcessor<String, GpuMarketStats, String, SupplyTightness> {

    private static final Logger log = LoggerFactory.getLogger(ModelTightnessProcessor.class);

    private final TightnessSettings settings;
    private final TightnessIndex index;
    private KeyValueStore<String, ModelHistory> histories;
    private Sensor lateRows;
    private long lateCount;

    ModelTightnessProcessor(TightnessSettings settings) {
        this.settings = settings;
        this.index = new TightnessIndex(settings.weights(), settings.minBaselineRows());
    }

    @Override
    public void init(ProcessorContext<String, SupplyTightness> context) {
        super.init(context);
        histories = context.getStateStore(SupplyTightnessTopology.HISTORY_STORE);
        lateRows = context.metrics().addRateTotalSensor(SupplyTightnessTopology.METRICS_SCOPE,
                context.taskId().toString(), SupplyTightnessTopology.LATE_ROWS, Sensor.RecordingLevel.INFO);
    }

    @Override
    public void process(Record<String, GpuMarketStats> record) {
        GpuMarketStats row = record.value();
        ModelHistory history = histories.get(row.key());
        List<GpuMarketStats> rows = history == null ? new ArrayList<>() : new ArrayList<>(history.rows());
        if (!rows.isEmpty()) {
            GpuMarketStats latest = rows.get(rows.size() - 1);
            if (row.windowStart().isBefore(latest.windowStart())) {
                lateRows.record();
                lateCount++;
                log.warn("Hourly stats of {} for [{}, {}) arrived after those of [{}, {}): dropped; {} late rows so far "
                                + "in task {}", row.key(), row.windowStart(), row.windowEnd(), latest.windowStart(),
                        latest.windowEnd(), lateCount, context().taskId());
                return;
            }
            if (row.windowStart().equals(latest.windowStart())) {
                rows.remove(rows.size() - 1);
            }
        }
        List<GpuMarketStats> baseline = rows.subList(Math.max(0, rows.size() - settings.baselineRows()), rows.size());
        SupplyTightness tightness = index.of(row, baseline);
        rows.add(row);
        histories.put(row.key(), new ModelHistory(List.copyOf(
                rows.subList(Math.max(0, rows.size() - settings.baselineRows() - 1), rows.size()))));
        if (tightness != null) {
            context().forward(new Record<>(tightness.key(), tightness, row.windowEnd().toEpochMilli()));
        }
    }

    @Override
    public void close() {
        context().metrics().removeSensor(lateRows);
    }
}
