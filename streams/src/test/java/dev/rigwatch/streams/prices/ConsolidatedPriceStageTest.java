package dev.rigwatch.streams.prices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.broker.testing.SharedKafka;
import dev.rigwatch.events.ConsolidatedPrice;
import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.TimeSource;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.kafka.KafkaClients;
import dev.rigwatch.events.kafka.StreamsStage;
import dev.rigwatch.streams.candles.ValidTicks;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cross-exchange price against a real broker, exactly-once: ticks of three exchanges through the repartition by
 * symbol to {@link Topics#CRYPTO_PRICES}. Only the prices are built: the candles' stream time would be moved by the
 * ticks other tests leave on the shared topic, the price has no stream time.
 */
class ConsolidatedPriceStageTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path stateDir;

    @Test
    void ticksOfThreeExchangesBecomeTheirMedianOnThePricesTopic() throws Exception {
        String bootstrap = SharedKafka.bootstrapServers();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String symbol = "T" + run.toUpperCase(Locale.ROOT) + "-USD";
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        StreamsBuilder builder = new StreamsBuilder();
        ConsolidatedPrices.addTo(ValidTicks.addTo(builder, TopicNamespace.PRODUCTION), TopicNamespace.PRODUCTION,
                PriceSettings.defaults());

        try (StreamsStage stage = new StreamsStage(bootstrap, "rigwatch-prices-test-" + run, stateDir,
                Duration.ofMillis(100), TopicNamespace.PRODUCTION, builder.build(), new SimpleMeterRegistry())) {
            stage.start();
            try (Producer<String, CryptoTick> producer = new KafkaProducer<>(
                    KafkaClients.producer(bootstrap, "test-" + run), Topics.CRYPTO_TICKS.keySerde().serializer(),
                    Topics.CRYPTO_TICKS.valueSerde().serializer())) {
                send(producer, tick("coinbase", symbol, "96.00", t0));
                send(producer, tick("kraken", symbol, "104.00", t0.plusSeconds(1)));
                send(producer, tick("binance", symbol, "100.00", t0.plusSeconds(2)));
            }

            // the exchanges' ticks sit on different partitions, so they may meet in the repartition in any order;
            // whatever it is, the third price has all three
            List<ConsumerRecord<String, ConsolidatedPrice>> prices = SharedKafka.consume(Topics.CRYPTO_PRICES,
                    r -> symbol.equals(r.key()), 3, WAIT);
            assertThat(prices).hasSize(3);
            assertThat(prices.get(2).value()).isEqualTo(new ConsolidatedPrice(ConsolidatedPrice.VERSION, symbol,
                    t0.plusSeconds(2), new BigDecimal("100.00"), new BigDecimal("96.00"), new BigDecimal("104.00"), 8.0,
                    Map.of("coinbase", new BigDecimal("96.00"), "kraken", new BigDecimal("104.00"),
                            "binance", new BigDecimal("100.00"))));
            assertThat(prices.get(2).timestamp()).isEqualTo(t0.plusSeconds(2).toEpochMilli());
        }
    }

    private static ProducerRecord<String, CryptoTick> tick(String exchange, String symbol, String price, Instant at) {
        CryptoTick tick = new CryptoTick(CryptoTick.VERSION, exchange, symbol, new BigDecimal(price), null, null, null,
                null, at, at.plusMillis(150), TimeSource.EXCHANGE);
        return new ProducerRecord<>(Topics.CRYPTO_TICKS.name(), null, at.toEpochMilli(), tick.key(), tick);
    }

    private static void send(Producer<String, CryptoTick> producer, ProducerRecord<String, CryptoTick> record)
            throws Exception {
        producer.send(record).get();
    }
}
