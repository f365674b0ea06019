package dev.rigwatch.streams;

import dev.rigwatch.events.kafka.StreamsStage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.Topics;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production topology functions in a sandbox namespace: every catalogue topic they read or write, and the
 * dead-letter topic, is the sandbox's; internal topics keep their names, which the application id prefixes.
 */
class SandboxTopologyTest {

    private static final TopicNamespace SANDBOX = TopicNamespace.of("bt-2022");
    private static final String APPLICATION_ID = "rigwatch-sandbox-test";
    private static final Instant T12_00 = Instant.parse("2026-03-02T12:00:00Z");
    private static final String BTC = "coinbase:BTC-USD";

    /** The catalogue topics the market topology reads or writes with the default settings. */
    private static final List<Topic<?, ?>> MARKET_TOPICS = List.of(Topics.CRYPTO_TICKS, Topics.CRYPTO_CANDLES_1M,
            Topics.CRYPTO_CANDLES_1H, Topics.CRYPTO_CANDLES_1D, Topics.CRYPTO_CANDLES_LIVE, Topics.CRYPTO_PRICES,
            Topics.SIGNALS_REBOUND, Topics.SIGNALS_TIGHTNESS, Topics.SIGNALS_CAPITULATION, Topics.GPU_LISTINGS,
            Topics.GPU_LISTING_STATE, Topics.GPU_LISTING_LIFECYCLE, Topics.GPU_STATS_1H, Topics.GPU_STATS_1D,
            Topics.GPU_SOLD_PRICES);
    private static final Set<String> REPARTITIONS = Set.of("candles-1m-by-instrument-repartition",
            "prices-by-symbol-repartition", "gpu-stats-lifecycle-by-family-repartition", "tightness-by-market-repartition");

    @TempDir
    Path stateDir;

    @Test
    void everySourceAndSinkOfTheMarketTopologyIsASandboxTopicOrAnInternalOne() {
        TopologyDescription sandbox = MarketTopology.build(StreamsSettings.defaults(), SANDBOX, Clock.systemUTC())
                .describe();

        Set<String> topics = topics(sandbox);
        assertThat(topics).filteredOn(t -> !REPARTITIONS.contains(t)).allMatch(t -> t.startsWith("bt-2022."))
                .containsExactlyInAnyOrderElementsOf(MARKET_TOPICS.stream().map(t -> "bt-2022." + t.name()).toList());
        assertThat(topics).containsAll(REPARTITIONS);
    }

    @Test
    void aNamespaceRenamesTheCatalogueTopicsAndNothingElse() {
        TopologyDescription production = MarketTopology.build(StreamsSettings.defaults(), TopicNamespace.PRODUCTION,
                Clock.systemUTC()).describe();
        TopologyDescription sandbox = MarketTopology.build(StreamsSettings.defaults(), SANDBOX, Clock.systemUTC())
                .describe();

        assertThat(topics(production)).filteredOn(t -> !REPARTITIONS.contains(t))
                .containsExactlyInAnyOrderElementsOf(MARKET_TOPICS.stream().map(Topic::name).toList());
        // the same processors and stores, so a sandbox runs exactly the production topology
        assertThat(nodesAndStores(sandbox)).isEqualTo(nodesAndStores(production)).isNotEmpty();
    }

    @Test
    void theStageDeadLettersToTheSandboxsTopic() {
        assertThat(StreamsStage.properties("localhost:9", APPLICATION_ID, stateDir, Duration.ofSeconds(1), SANDBOX)
                .get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG)).isEqualTo("bt-2022.streams.dead-letter");
        assertThat(StreamsStage.properties("localhost:9", APPLICATION_ID, stateDir, Duration.ofSeconds(1),
                TopicNamespace.PRODUCTION).get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG))
                .isEqualTo("streams.dead-letter");
    }

    @Test
    void candlesRunEndToEndOnTheSandboxsTopicsAndLeaveProductionsAlone() {
        StreamsSettings settings = StreamsSettings.defaults().withApplicationId(APPLICATION_ID, stateDir);
        try (TopologyTestDriver driver = new TopologyTestDriver(
                MarketTopology.build(settings, SANDBOX, Clock.systemUTC()),
                StreamsStage.properties("localhost:9", APPLICATION_ID, stateDir, Duration.ofMillis(100), SANDBOX))) {
            Topic<String, CryptoTick> tickTopic = SANDBOX.of(Topics.CRYPTO_TICKS);
            TestInputTopic<String, CryptoTick> ticks = driver.createInputTopic(tickTopic.name(),
                    tickTopic.keySerde().serializer(), tickTopic.valueSerde().serializer());
            for (CryptoTick tick : List.of(
                    TopologyHarness.tick("coinbase", "BTC-USD", new BigDecimal("100"), T12_00.plusSeconds(10)),
                    TopologyHarness.tick("coinbase", "BTC-USD", new BigDecimal("101"), T12_00.plusSeconds(40)),
                    // past the minute's end plus the 10 s grace: closes it
                    TopologyHarness.tick("coinbase", "BTC-USD", new BigDecimal("102"), T12_00.plusSeconds(75)))) {
                ticks.pipeInput(tick.key(), tick, tick.eventTime());
            }

            assertThat(output(driver, SANDBOX.of(Topics.CRYPTO_CANDLES_1M)).readRecordsToList())
                    .extracting(TestRecord::key, TestRecord::value, TestRecord::getRecordTime)
                    .containsExactly(tuple(BTC, CandleTopologyTest.candle(BTC, T12_00, "100", "101", "100", "101", 2),
                            T12_00.plusSeconds(60)));
            assertThat(output(driver, Topics.CRYPTO_CANDLES_1M).isEmpty()).isTrue();
            // internal topics are the application's, named after its id
            assertThat(driver.producedTopicNames()).filteredOn(t -> !t.startsWith(APPLICATION_ID + "-"))
                    .containsExactlyInAnyOrder("bt-2022.crypto.candles.1m", "bt-2022.crypto.candles.live",
                            "bt-2022.crypto.prices");
        }
    }

    private static <V> TestOutputTopic<String, V> output(TopologyTestDriver driver, Topic<String, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    }

    /** Every topic a source reads or a sink writes. */
    private static Set<String> topics(TopologyDescription description) {
        return nodes(description).flatMap(node -> {
            if (node instanceof TopologyDescription.Source source) {
                return source.topicSet().stream();
            }
            if (node instanceof TopologyDescription.Sink sink) {
                return Stream.of(sink.topic());
            }
            return Stream.empty();
        }).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> nodesAndStores(TopologyDescription description) {
        return nodes(description).flatMap(node -> node instanceof TopologyDescription.Processor processor
                        ? Stream.concat(Stream.of(node.name()), processor.stores().stream())
                        : Stream.of(node.name()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Stream<TopologyDescription.Node> nodes(TopologyDescription description) {
        return description.subtopologies().stream().flatMap(s -> s.nodes().stream());
    }
}
