package dev.rigwatch.alerts;

import dev.rigwatch.events.Alert;
import dev.rigwatch.events.JsonSerde;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.alert.Subscription;
import dev.rigwatch.events.gpu.GpuCatalogue;
import dev.rigwatch.events.kafka.StreamsStage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.ForeachAction;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Subscriptions and triggers in, alerts out.
 *
 * <ul>
 *   <li>{@code alerts.subscriptions} fills the global store {@value #SUBSCRIPTIONS_STORE}, so every task sees every
 *       subscription; a change applies to the events processed after it, a tombstone unsubscribes.</li>
 *   <li>Prices ({@code crypto.candles.1m}, {@code gpu.stats.1h}) and signals ({@code signals.rebound},
 *       {@code signals.tightness}, {@code signals.capitulation}), all keyed by subject, become {@link Trigger}s and
 *       meet the subscriptions in {@link AlertEvaluator} (state {@value #EVALUATION_STORE}), and so do the feeds'
 *       gaps ({@code ingest.gaps}, keyed by instrument as the candles are).</li>
 *   <li>The alerts it fires are repartitioned by subscriber ({@value #BY_SUBSCRIBER}) to {@link DailyCap} (state
 *       {@value #DAILY_COUNT_STORE}) and written to {@code alerts}, key the subscriber, timestamp the event time,
 *       each counted on the way by severity ({@value #ALERTS_METER}).</li>
 * </ul>
 */
public final class AlertTopology {

    public static final String SUBSCRIPTIONS_STORE = "alert-subscriptions";
    public static final String EVALUATION_STORE = "alert-evaluation-state";
    public static final String DAILY_COUNT_STORE = "alert-daily-counts";
    public static final String BY_SUBSCRIBER = "alerts-by-subscriber";
    /** The alerts written, tag {@code severity} ({@code info}, {@code warning}, {@code critical}). */
    public static final String ALERTS_METER = "rigwatch.alerts";

    private AlertTopology() {
    }

    /** The alerts stage on the production topics: this topology under the exactly-once runtime of every stage. */
    public static StreamsStage stage(String bootstrapServers, AlertsSettings settings, Clock clock, MeterRegistry meters) {
        return stage(bootstrapServers, settings, TopicNamespace.PRODUCTION, clock, meters);
    }

    /** The alerts stage on the topics of {@code ns}. */
    public static StreamsStage stage(String bootstrapServers, AlertsSettings settings, TopicNamespace ns, Clock clock,
                                     MeterRegistry meters) {
        return stage(bootstrapServers, settings, ns, clock, meters, new Properties());
    }

    /** The alerts stage with Kafka Streams settings of its deployment beyond every stage's (standby replicas, ...). */
    public static StreamsStage stage(String bootstrapServers, AlertsSettings settings, TopicNamespace ns, Clock clock,
                                     MeterRegistry meters, Properties instance) {
        return new StreamsStage(bootstrapServers, settings.applicationId(), settings.stateDir(), settings.commitInterval(),
                ns, build(ns, clock, meters), meters, instance);
    }

    /** The topology with its alert counts unread: to describe it, list its topics or drive it in a test. */
    public static Topology build(TopicNamespace ns, Clock clock) {
        return build(ns, clock, new SimpleMeterRegistry());
    }

    /**
     * @param ns    the topics read and written
     * @param clock  stamps the alerts' {@code emittedTime}; every decision is in event time
     * @param meters counts the alerts written, by severity
     */
    public static Topology build(TopicNamespace ns, Clock clock, MeterRegistry meters) {
        StreamsBuilder builder = new StreamsBuilder();
        Topic<String, Subscription> subscriptionTopic = ns.of(Topics.ALERTS_SUBSCRIPTIONS);
        // a global store is restored from its source topic, so it keeps no changelog of its own
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SUBSCRIPTIONS_STORE),
                                Serdes.String(), subscriptionTopic.valueSerde()).withLoggingDisabled(),
                subscriptionTopic.name(),
                Consumed.with(subscriptionTopic.keySerde(), Serdes.ByteArray()).withName("subscriptions-updater"),
                () -> new SubscriptionUpdater(SUBSCRIPTIONS_STORE, subscriptionTopic));

        KStream<String, Trigger> triggers = triggers(builder, ns.of(Topics.CRYPTO_CANDLES_1M), "candles-1m", Trigger::of)
                .merge(triggers(builder, ns.of(Topics.GPU_STATS_1H), "gpu-stats-1h", Trigger::of),
                        Named.as("merge-gpu-prices"))
                .merge(triggers(builder, ns.of(Topics.SIGNALS_REBOUND), "rebound", Trigger::of),
                        Named.as("merge-rebound-signals"))
                .merge(triggers(builder, ns.of(Topics.SIGNALS_TIGHTNESS), "tightness", Trigger::of),
                        Named.as("merge-tightness-signals"))
                .merge(triggers(builder, ns.of(Topics.SIGNALS_CAPITULATION), "capitulation", Trigger::of),
                        Named.as("merge-capitulation-signals"))
                .merge(triggers(builder, ns.of(Topics.INGEST_GAPS), "gaps", Trigger::of), Named.as("merge-feed-gaps"));

        SubjectScopes scopes = new SubjectScopes(GpuCatalogue.load());
        Topic<String, Alert> alerts = ns.of(Topics.ALERTS);
        triggers.process(supplier(() -> new AlertEvaluator(SUBSCRIPTIONS_STORE, EVALUATION_STORE, scopes, clock),
                                store(EVALUATION_STORE, EvaluationState.class)), Named.as("alert-evaluator"))
                .repartition(Repartitioned.with(alerts.keySerde(), alerts.valueSerde()).withName(BY_SUBSCRIBER))
                .process(supplier(() -> new DailyCap(SUBSCRIPTIONS_STORE, DAILY_COUNT_STORE),
                        store(DAILY_COUNT_STORE, DailyCounts.class)), Named.as("alert-daily-cap"))
                .peek(countBySeverity(meters), Named.as("alerts-count"))
                .to(alerts.name(), Produced.with(alerts.keySerde(), alerts.valueSerde()).withName("alerts-sink"));
        return builder.build();
    }

    private static ForeachAction<String, Alert> countBySeverity(MeterRegistry meters) {
        Map<Alert.Severity, Counter> counters = new EnumMap<>(Alert.Severity.class);
        for (Alert.Severity severity : Alert.Severity.values()) {
            counters.put(severity, Counter.builder(ALERTS_METER).description("alerts written, by severity")
                    .tag("severity", severity.name().toLowerCase(Locale.ROOT)).register(meters));
        }
        return (subscriber, alert) -> counters.get(alert.severity()).increment();
    }

    /** One input topic's records as triggers; a record that is none (an hour without a median) is dropped. */
    private static <V> KStream<String, Trigger> triggers(StreamsBuilder builder, Topic<String, V> topic, String name,
                                                        BiFunction<String, V, Trigger> toTrigger) {
        return builder.stream(topic.name(), Consumed.with(topic.keySerde(), topic.valueSerde()).withName(name + "-source"))
                .flatMapValues((subject, value) -> {
                    Trigger trigger = toTrigger.apply(subject, value);
                    return trigger == null ? List.of() : List.of(trigger);
                }, Named.as(name + "-triggers"));
    }

    private static <T> StoreBuilder<KeyValueStore<String, T>> store(String name, Class<T> type) {
        // changelogged (the default): a task moved to another instance restores it
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), new JsonSerde<>(type));
    }

    private static <V> ProcessorSupplier<String, V, String, Alert> supplier(
            Supplier<Processor<String, V, String, Alert>> processor, StoreBuilder<?> store) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, V, String, Alert> get() {
                return processor.get();
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(store);
            }
        };
    }
}
