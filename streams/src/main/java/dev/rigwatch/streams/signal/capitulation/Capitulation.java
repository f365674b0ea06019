package dev.rigwatch.streams.signal.capitulation;

import dev.rigwatch.events.Candle;
import dev.rigwatch.events.JsonSerde;
import dev.rigwatch.events.MinerCapitulation;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.gpu.GpuCatalogue;
import dev.rigwatch.events.gpu.GpuModel;
import dev.rigwatch.streams.signal.SignalCounter;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Miner capitulation, from the daily candles {@link Topics#CRYPTO_CANDLES_1D} of one instrument to
 * {@link Topics#SIGNALS_CAPITULATION}: for every catalogue model with an Ethereum hash rate, its daily mining profit
 * at the day's close, {@code hashrateMhs × coinPerMhDay × close − powerW × 24 / 1000 × electricityUsdPerKwh}; a
 * signal when it turns negative after a profitable day, once per crossing, armed again by the next profitable day.
 *
 * <p>The Merge (2022-09-15) ended Ethereum mining: for days after it the profit, and so the signal, is hypothetical
 * (what the card would earn were ETH still mined), kept because it still tracks when the cards' mining value, and
 * with it their resale floor, is gone.
 *
 * <p>The candles are keyed by instrument, so one task sees all of the instrument's days in order and keeps every
 * model's state, in one value per instrument: no repartition. Days that are not newer than the last judged are skipped, counted in the task
 * metric {@code out-of-order-days-total} (group {@code stream-capitulation-metrics}) and logged.
 */
public final class Capitulation {

    static final String METRICS_SCOPE = "capitulation";
    static final String OUT_OF_ORDER_DAYS = "out-of-order-days";
    private static final String STORE = "capitulation-profit-state";

    private Capitulation() {
    }

    /** Adds the signal on the topics of {@code ns} to {@code builder}, for the catalogue models with a hash rate. */
    public static void addTo(StreamsBuilder builder, TopicNamespace ns, CapitulationSettings settings,
                             GpuCatalogue catalogue, SignalCounter counter) {
        Topic<String, Candle> days = ns.of(Topics.CRYPTO_CANDLES_1D);
        Topic<String, MinerCapitulation> signals = ns.of(Topics.SIGNALS_CAPITULATION);
        List<GpuModel> miners = catalogue.models().stream().filter(m -> m.ethHashrateMhs().isPresent()).toList();
        StoreBuilder<KeyValueStore<String, MinerStates>> store = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(STORE), Serdes.String(), new JsonSerde<>(MinerStates.class));

        ProcessorSupplier<String, Candle, String, MinerCapitulation> detector = new ProcessorSupplier<>() {
            @Override
            public Processor<String, Candle, String, MinerCapitulation> get() {
                return new CapitulationDetector(settings, miners, STORE);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(store);
            }
        };

        KStream<String, MinerCapitulation> fired = builder
                .stream(days.name(), Consumed.with(days.keySerde(), days.valueSerde()).withName("capitulation-candles-1d-source"))
                .filter((instrument, day) -> settings.instrument().equals(instrument), Named.as("capitulation-instrument"))
                .process(detector, Named.as("capitulation-detector"));
        counter.to(fired, signals, SignalCounter.CAPITULATION, "signals-capitulation-sink");
    }
}
