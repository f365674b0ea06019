package dev.rigwatch.streams.signal.tightness;

import dev.rigwatch.events.SupplyTightness;
import dev.rigwatch.events.SupplyTightness.Constituent;
import dev.rigwatch.streams.TimeMode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The market index: collects the models' indices per hour and combines them once the hour closes, at its end plus
 * the market grace. Stream time closes an hour as soon as an index of a later hour arrives past that; the injected
 * clock closes it when the models went quiet, checked every {@code checkEvery} of wall-clock time but only when no
 * index arrived since the previous check, so that a replay, which reads without pause, closes hours by stream time
 * alone and reproduces them. An index for an hour already closed is dropped, counted and logged.
 *
 * <p>In {@link TimeMode#STREAM_TIME} there is no quiet-hour check: stream time moves only when an index arrives, and
 * every index already closes the hours it passes, so the last hours of a history stay open until a later one.
 */
final class MarketTightnessProcessor extends ContextualProcessor<String, SupplyTightness, String, SupplyTightness> {

    private static final Logger log = LoggerFactory.getLogger(MarketTightnessProcessor.class);
    private static final String CLOSED_THROUGH = "closed-through";

    private final TightnessSettings settings;
    private final Clock clock;
    private final TimeMode timeMode;
    private KeyValueStore<Long, MarketHour> openHours;
    private KeyValueStore<String, Long> closedThrough;
    private Sensor lateIndices;
    private long lateCount;
    private long arrivedSinceCheck;

    MarketTightnessProcessor(TightnessSettings settings, Clock clock, TimeMode timeMode) {
        this.settings = settings;
        this.clock = clock;
        this.timeMode = timeMode;
    }

    @Override
    public void init(ProcessorContext<String, SupplyTightness> context) {
        super.init(context);
        openHours = context.getStateStore(SupplyTightnessTopology.MARKET_HOURS_STORE);
        closedThrough = context.getStateStore(SupplyTightnessTopology.MARKET_CLOSED_STORE);
        lateIndices = context.metrics().addRateTotalSensor(SupplyTightnessTopology.METRICS_SCOPE,
                context.taskId().toString(), SupplyTightnessTopology.LATE_MARKET_INDICES, Sensor.RecordingLevel.INFO);
        if (timeMode == TimeMode.WALL_CLOCK) {
            context.schedule(settings.checkEvery(), PunctuationType.WALL_CLOCK_TIME, now -> {
                if (arrivedSinceCheck == 0) {
                    closeHoursThrough(clock.millis());
                }
                arrivedSinceCheck = 0;
            });
        }
    }

    @Override
    public void process(Record<String, SupplyTightness> record) {
        arrivedSinceCheck++;
        SupplyTightness model = record.value();
        Long closed = closedThrough.get(CLOSED_THROUGH);
        if (closed != null && model.windowEnd().toEpochMilli() <= closed) {
            lateIndices.record();
            lateCount++;
            log.warn("Tightness of {} for [{}, {}) arrived after the market closed that hour: left out; {} late "
                    + "indices so far in task {}", model.key(), model.windowStart(), model.windowEnd(), lateCount,
                    context().taskId());
            return;
        }
        Double weight = weightOf(model);
        if (weight != null) {
            long hourStart = model.windowStart().toEpochMilli();
            MarketHour hour = openHours.get(hourStart);
            if (hour == null) {
                hour = new MarketHour(model.windowStart(), model.windowEnd(), List.of());
            }
            openHours.put(hourStart, hour.with(new Constituent(model.subject(), model.index(), model.weightedZ(), weight)));
        }
        closeHoursThrough(context().currentStreamTimeMs());
    }

    /** The model's configured weight, its active supply when none is configured, null when it is not in the market. */
    private Double weightOf(SupplyTightness model) {
        if (!settings.marketWeights().isEmpty()) {
            return settings.marketWeights().get(model.subject());
        }
        return model.components().stream()
                .filter(c -> c.name().equals(TightnessComponent.ACTIVE_SUPPLY.label))
                .findFirst()
                .map(SupplyTightness.Component::raw)
                .orElseThrow(() -> new IllegalArgumentException("tightness of " + model.key() + " has no active supply"));
    }

    /** Emits, oldest first, every open hour whose end plus grace is at or before {@code timeMs}. */
    private void closeHoursThrough(long timeMs) {
        long graceMs = settings.marketGrace().toMillis();
        List<MarketHour> closing = new ArrayList<>();
        try (KeyValueIterator<Long, MarketHour> it = openHours.all()) {
            while (it.hasNext()) {
                MarketHour hour = it.next().value;
                if (hour.windowEnd().toEpochMilli() + graceMs > timeMs) {
                    break;
                }
                closing.add(hour);
            }
        }
        for (MarketHour hour : closing) {
            emit(hour);
            openHours.delete(hour.windowStart().toEpochMilli());
            closedThrough.put(CLOSED_THROUGH, hour.windowEnd().toEpochMilli());
        }
    }

    private void emit(MarketHour hour) {
        double weightSum = hour.models().stream().mapToDouble(Constituent::weight).sum();
        if (weightSum == 0) {
            log.info("No market tightness for [{}, {}): its {} model(s) all weigh 0", hour.windowStart(),
                    hour.windowEnd(), hour.models().size());
            return;
        }
        double weightedZ = hour.models().stream().mapToDouble(m -> m.weight() * m.weightedZ()).sum() / weightSum;
        SupplyTightness market = new SupplyTightness(SupplyTightness.VERSION, SupplyTightness.MARKET,
                SupplyTightness.ALL_MODELS, hour.windowStart(), hour.windowEnd(), TightnessIndex.index(weightedZ),
                weightedZ, List.of(), hour.models());
        context().forward(new Record<>(market.key(), market, hour.windowEnd().toEpochMilli()));
    }

    @Override
    public void close() {
        context().metrics().removeSensor(lateIndices);
    }
}
