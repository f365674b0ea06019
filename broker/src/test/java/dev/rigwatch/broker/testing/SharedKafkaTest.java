package dev.rigwatch.broker.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.TimeSource;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.kafka.EventProducer;
import dev.rigwatch.events.kafka.KafkaClients;
import dev.rigwatch.events.kafka.TopicAdmin;
import dev.rigwatch.events.kafka.TopicAdmin.Result;
import dev.rigwatch.events.kafka.TopicAdmin.Result.Status;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** Runs against the shared cluster, so every test writes under its own instrument key. */
class SharedKafkaTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Instant T0 = Instant.parse("2024-05-01T12:00:00.250Z");

    @Test
    void sharedClusterHasTheCatalogueTopics() {
        try (Admin admin = Admin.create(KafkaClients.admin(SharedKafka.bootstrapServers()))) {
            List<Result> results = new TopicAdmin(admin).ensure(Topics.all());

            assertThat(results).extracting(Result::status).containsOnly(Status.EXISTS).hasSize(Topics.all().size());
        }
    }

    @Test
    void ticksSentWithEventProducerComeBackWithTheirKeyEventTimeAndEqualValue() {
        String exchange = uniqueExchange();
        CryptoTick atExchangeTime = new CryptoTick(CryptoTick.VERSION, exchange, "BTC-USD", new BigDecimal("65000.50"),
                new BigDecimal("64999.99"), new BigDecimal("65000.51"), new BigDecimal("1234.56789012"), "987654321",
                T0, T0.plusMillis(80), TimeSource.EXCHANGE);
        CryptoTick atReceipt = new CryptoTick(CryptoTick.VERSION, exchange, "BTC-USD", new BigDecimal("65010.00"),
                null, null, null, null, null, T0.plusSeconds(5), TimeSource.RECEIPT);

        send(atExchangeTime, atReceipt);
        List<ConsumerRecord<String, CryptoTick>> read = SharedKafka.consume(Topics.CRYPTO_TICKS,
                r -> r.value().exchange().equals(exchange), 2, WAIT);

        assertThat(read).hasSize(2);
        assertThat(read.get(0).key()).isEqualTo(exchange + ":BTC-USD");
        assertThat(read.get(0).timestamp()).isEqualTo(T0.toEpochMilli());
        assertThat(read.get(0).timestampType()).isEqualTo(TimestampType.CREATE_TIME);
        assertThat(read.get(0).value()).isEqualTo(atExchangeTime);
        assertThat(read.get(1).key()).isEqualTo(exchange + ":BTC-USD");
        assertThat(read.get(1).timestamp()).isEqualTo(T0.plusSeconds(5).toEpochMilli());
        assertThat(read.get(1).value()).isEqualTo(atReceipt);
    }

    @Test
    void garbageOnCryptoTicksFailsTheTopicSerdeWithItsPartitionOffsetAndTopic() throws Exception {
        RecordMetadata written = sendRaw(0, "garbage:key", "{not json at all");
        TopicPartition partition = new TopicPartition("crypto.ticks", 0);

        try (KafkaConsumer<String, CryptoTick> consumer = new KafkaConsumer<>(
                KafkaClients.consumer(SharedKafka.bootstrapServers(), null, Map.of()),
                new StringDeserializer(), Topics.CRYPTO_TICKS.valueSerde().deserializer())) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, written.offset());

            assertThatThrownBy(() -> consumer.poll(WAIT))
                    .isInstanceOfSatisfying(RecordDeserializationException.class, e -> {
                        assertThat(e.topicPartition()).isEqualTo(partition);
                        assertThat(e.offset()).isEqualTo(written.offset());
                        assertThat(e.origin()).isEqualTo(RecordDeserializationException.DeserializationExceptionOrigin.VALUE);
                    })
                    .cause()
                    .isInstanceOf(SerializationException.class)
                    .hasMessageStartingWith("malformed CryptoTick on topic crypto.ticks (16 bytes: {not json at all): ");
        }
    }

    @Test
    void consumeSkipsUndeserializableRecordsAndStillFindsTheMatchingOnes() throws Exception {
        String exchange = uniqueExchange();
        sendRaw(1, exchange + ":BTC-USD", "[1,2,3]");
        CryptoTick tick = tick(exchange, "65000.50", T0);
        send(tick);

        List<ConsumerRecord<String, CryptoTick>> read = SharedKafka.consume(Topics.CRYPTO_TICKS,
                r -> r.value().exchange().equals(exchange), 1, WAIT);

        assertThat(read).extracting(ConsumerRecord::value).containsExactly(tick);
    }

    @Test
    void consumeAlsoReturnsMatchingRecordsBeyondTheExpectedCountThatWereAlreadyWritten() {
        String exchange = uniqueExchange();
        List<CryptoTick> ticks = List.of(tick(exchange, "1.5", T0), tick(exchange, "1.25", T0.plusSeconds(1)),
                tick(exchange, "1.75", T0.plusSeconds(2)));
        send(ticks.toArray(CryptoTick[]::new));

        List<ConsumerRecord<String, CryptoTick>> read = SharedKafka.consume(Topics.CRYPTO_TICKS,
                r -> r.value().exchange().equals(exchange), 1, WAIT);

        assertThat(read).extracting(ConsumerRecord::value).containsExactlyElementsOf(ticks);
    }

    @Test
    void consumeFailsAfterTheTimeoutSayingWhatItWaitedForAndWhatItSaw() {
        String exchange = uniqueExchange();
        send(tick(exchange, "65000.50", T0));

        assertThatThrownBy(() -> SharedKafka.consume(Topics.CRYPTO_TICKS,
                r -> r.value().exchange().equals(exchange), 2, Duration.ofSeconds(2)))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("waited PT2S for 2 matching records on crypto.ticks but 1 of the ")
                .hasMessageContaining(" records read matched")
                .hasMessageContaining("MATCH ")
                .hasMessageContaining(" key=" + exchange + ":BTC-USD value=CryptoTick[v=1, exchange=" + exchange
                        + ", symbol=BTC-USD, price=65000.50,");
    }

    @Test
    void consumeFailsClearlyOnATopicThatDoesNotExist() {
        Topic<String, String> absent = new Topic<>("test.absent", Serdes.String(), Serdes.String(), 3, (short) 1,
                TopicConfig.CLEANUP_POLICY_DELETE, null, "a topic nobody created");

        assertThatThrownBy(() -> SharedKafka.consume(absent, r -> true, 1, Duration.ofSeconds(2)))
                .isInstanceOf(AssertionError.class)
                .hasMessage("topic test.absent does not exist on " + SharedKafka.bootstrapServers());
    }

    private static String uniqueExchange() {
        return "test-" + UUID.randomUUID();
    }

    private static CryptoTick tick(String exchange, String price, Instant exchangeTime) {
        return new CryptoTick(CryptoTick.VERSION, exchange, "BTC-USD", new BigDecimal(price), null, null, null,
                null, exchangeTime, exchangeTime.plusMillis(80), TimeSource.EXCHANGE);
    }

    private static void send(CryptoTick... ticks) {
        try (EventProducer producer = new EventProducer(SharedKafka.bootstrapServers(), "test-shared-kafka")) {
            for (CryptoTick tick : ticks) {
                producer.send(Topics.CRYPTO_TICKS, tick.key(), tick, tick.eventTime(), null);
            }
        }
    }

    private static RecordMetadata sendRaw(int partition, String key, String value) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                KafkaClients.producer(SharedKafka.bootstrapServers(), "test-garbage"))) {
            return producer.send(new ProducerRecord<>("crypto.ticks", partition, key.getBytes(StandardCharsets.UTF_8),
                    value.getBytes(StandardCharsets.UTF_8))).get();
        }
    }
}
