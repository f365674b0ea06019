package dev.rigwatch.deploy;

import dev.rigwatch.alerts.AlertTopology;
import dev.rigwatch.events.Alert;
import dev.rigwatch.events.Candle;
import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.alert.Subscription;
import dev.rigwatch.events.kafka.StreamsStage;
import dev.rigwatch.streams.MarketTopology;
import dev.rigwatch.streams.StreamsSettings;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The alerts an uninterrupted run gives over the same ticks: the production market and alerts topologies, in
 * {@link TopologyTestDriver}s, with no broker, no fault and no restart. A faulted run on a cluster must end with the
 * same alert ids.
 */
final class UninterruptedRun {

    private UninterruptedRun() {
    }

    /**
     * @param ticks the ticks as the faulted run's streams stage read them; fed in event-time order (within a
     *              partition that is their offset order), as the live tasks' stream time advanced
     */
    static List<Alert> alerts(StreamsSettings settings, List<Subscription> subscriptions, Instant published,
                              List<ConsumerRecord<String, CryptoTick>> ticks) {
        Clock unread = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
        List<TestRecord<String, Object>> triggers = new ArrayList<>();
        try (TopologyTestDriver market = new TopologyTestDriver(
                MarketTopology.build(settings, TopicNamespace.PRODUCTION, unread),
                properties("uninterrupted-market", settings))) {
            TestInputTopic<String, CryptoTick> input = input(market, Topics.CRYPTO_TICKS);
            ticks.stream().sorted(Comparator.comparingLong(ConsumerRecord::timestamp))
                    .forEach(r -> input.pipeInput(r.key(), r.value(), r.timestamp()));
            output(market, Topics.CRYPTO_CANDLES_1M).readRecordsToList().forEach(r -> triggers.add(erase(r)));
            output(market, Topics.SIGNALS_REBOUND).readRecordsToList().forEach(r -> triggers.add(erase(r)));
        }
        try (TopologyTestDriver alerts = new TopologyTestDriver(AlertTopology.build(TopicNamespace.PRODUCTION, unread),
                properties("uninterrupted-alerts", settings))) {
            TestInputTopic<String, Subscription> subscriptionInput = input(alerts, Topics.ALERTS_SUBSCRIPTIONS);
            subscriptions.forEach(s -> subscriptionInput.pipeInput(s.key(), s, published));
            TestInputTopic<String, Object> candles = erase(input(alerts, Topics.CRYPTO_CANDLES_1M));
            TestInputTopic<String, Object> rebounds = erase(input(alerts, Topics.SIGNALS_REBOUND));
            triggers.stream().sorted(Comparator.comparing(TestRecord::getRecordTime)).forEach(r ->
                    (r.getValue() instanceof Candle ? candles : rebounds).pipeInput(r));
            return output(alerts, Topics.ALERTS).readValuesToList();
        }
    }

    private static Properties properties(String applicationId, StreamsSettings settings) {
        return StreamsStage.properties("localhost:9", applicationId, settings.stateDir().resolveSibling(applicationId),
                settings.commitInterval(), TopicNamespace.PRODUCTION);
    }

    private static <V> TestInputTopic<String, V> input(TopologyTestDriver driver, Topic<String, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    private static <V> TestOutputTopic<String, V> output(TopologyTestDriver driver, Topic<String, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    }

    @SuppressWarnings("unchecked")
    private static <V> TestRecord<String, Object> erase(TestRecord<String, V> record) {
        return (TestRecord<String, Object>) (TestRecord<String, ?>) record;
    }

    @SuppressWarnings("unchecked")
    private static <V> TestInputTopic<String, Object> erase(TestInputTopic<String, V> topic) {
        return (TestInputTopic<String, Object>) (TestInputTopic<String, ?>) topic;
    }
}
