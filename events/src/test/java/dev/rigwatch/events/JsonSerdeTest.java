package dev.rigwatch.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class JsonSerdeTest {

    private static final Instant T = Instant.parse("2023-11-24T14:02:11.417285Z");

    @Test
    void cryptoTickRoundTripsWithExactDecimalsAndMicroseconds() {
        CryptoTick tick = new CryptoTick(CryptoTick.VERSION, "coinbase", "BTC-USD", new BigDecimal("37412.830"),
                new BigDecimal("37412.82"), new BigDecimal("37412.83"), new BigDecimal("11723.45872109"), "582412573",
                T, T.plusMillis(150), TimeSource.EXCHANGE);
        JsonSerde<CryptoTick> serde = new JsonSerde<>(CryptoTick.class);

        byte[] bytes = serde.serializer().serialize("crypto.ticks", tick);
        CryptoTick back = serde.deserializer().deserialize("crypto.ticks", bytes);

        assertThat(back).isEqualTo(tick);
        assertThat(back.price().scale()).isEqualTo(3);
        assertThat(new String(bytes, StandardCharsets.UTF_8))
                .contains("\"price\":37412.830", "\"exchangeTime\":\"2023-11-24T14:02:11.417285Z\"", "\"v\":1");
        assertThat(back.key()).isEqualTo("coinbase:BTC-USD");
        assertThat(back.eventTime()).isEqualTo(T);
    }

    @Test
    void receiptTimeIsTheEventTimeWhenTheExchangeSendsNone() {
        CryptoTick tick = new CryptoTick(CryptoTick.VERSION, "kraken", "BTC-USD", BigDecimal.TEN, null, null, null,
                null, null, T, TimeSource.RECEIPT);
        assertThat(tick.eventTime()).isEqualTo(T);
        assertThatThrownBy(() -> new CryptoTick(CryptoTick.VERSION, "kraken", "BTC-USD", BigDecimal.TEN, null, null,
                null, null, null, T, TimeSource.EXCHANGE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exchangeTime");
    }

    @Test
    void everyCatalogueValueTypeRoundTrips() {
        Candle candle = new Candle(Candle.VERSION, "coinbase:BTC-USD", Duration.ofMinutes(1), T, T.plusSeconds(60),
                BigDecimal.ONE, BigDecimal.TEN, new BigDecimal("0.5"), new BigDecimal("2"), new BigDecimal("8.41276531"), 0);
        ReboundSignal signal = new ReboundSignal(ReboundSignal.VERSION, "coinbase:BTC-USD", ReboundSignal.CRYPTO,
                Duration.ofMinutes(1), new BigDecimal("100"), T, new BigDecimal("80"), T.plusSeconds(60),
                new BigDecimal("88"), T.plusSeconds(180), T.plusSeconds(120), T.plusSeconds(180), 20.0, 10.0, 2, 1.0,
                new ReboundSignal.Thresholds(10.0, 5.0, 2, 90));
        Alert alert = new Alert(Alert.VERSION, "rebound:coinbase:BTC-USD:2023-11-24T14:04:11Z", "rebound", "all", "all/rebound",
                Alert.Severity.WARNING, "coinbase:BTC-USD", "rebound", T, T.plusSeconds(1), Map.of("price", "88.00"));
        IngestReject reject = IngestReject.of("coinbase", "http://x/products/BTC-USD/ticker", 500, "http-5xx",
                "Internal Server Error", "oops", T);

        assertThat(roundTrip(Topics.CRYPTO_CANDLES_1M, candle)).isEqualTo(candle);
        assertThat(roundTrip(Topics.SIGNALS_REBOUND, signal)).isEqualTo(signal);
        assertThat(roundTrip(Topics.ALERTS, alert)).isEqualTo(alert);
        assertThat(roundTrip(Topics.INGEST_REJECTS, reject)).isEqualTo(reject);
        SourceGap gap = new SourceGap(SourceGap.VERSION, "kraken", "BTC-USD", SourceGap.Status.CLOSED, T,
                T.plusSeconds(60), T.plusSeconds(300), Duration.ofSeconds(60), "http-5xx", 5, null,
                T.plusSeconds(301), Duration.ofSeconds(301), 12);
        assertThat(roundTrip(Topics.INGEST_GAPS, gap)).isEqualTo(gap);
        assertThat(gap.key()).isEqualTo("kraken:BTC-USD");
    }

    @Test
    void unknownFieldsFromNewerWritersAreIgnored() {
        String newer = "{\"v\":2,\"exchange\":\"coinbase\",\"symbol\":\"BTC-USD\",\"price\":\"1.5\","
                + "\"receivedTime\":\"2023-11-24T14:02:11Z\",\"eventTimeSource\":\"RECEIPT\",\"venueFee\":\"0.1\"}";
        CryptoTick tick = Topics.CRYPTO_TICKS.valueSerde().deserializer()
                .deserialize("crypto.ticks", newer.getBytes(StandardCharsets.UTF_8));
        assertThat(tick.v()).isEqualTo(2);
        assertThat(tick.price()).isEqualByComparingTo("1.5");
    }

    @Test
    void malformedRecordFailsNamingTopicTypeAndBytes() {
        var deserializer = Topics.CRYPTO_TICKS.valueSerde().deserializer();
        byte[] garbage = "{\"exchange\": \"coinbase\", \"price\": ".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> deserializer.deserialize("crypto.ticks", garbage))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("malformed CryptoTick on topic crypto.ticks")
                .hasMessageContaining("\"exchange\": \"coinbase\"");
    }

    @Test
    void recordMissingARequiredFieldIsRejectedNotHalfRead() {
        var deserializer = Topics.CRYPTO_TICKS.valueSerde().deserializer();
        byte[] noPrice = "{\"v\":1,\"exchange\":\"coinbase\",\"symbol\":\"BTC-USD\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> deserializer.deserialize("crypto.ticks", noPrice))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("crypto.ticks")
                .hasMessageContaining("price");
    }

    @Test
    void reboundSignalOfVersionOneIsRefusedWithTheReason() {
        var deserializer = Topics.SIGNALS_REBOUND.valueSerde().deserializer();
        byte[] v1 = ("{\"v\":1,\"instrument\":\"coinbase:BTC-USD\",\"peak\":100,\"peakTime\":\"2023-11-24T14:00:00Z\","
                + "\"trough\":80,\"troughTime\":\"2023-11-24T14:01:00Z\",\"price\":88,"
                + "\"confirmedAt\":\"2023-11-24T14:02:00Z\",\"drawdownPct\":20.0,\"recoveryPct\":10.0,"
                + "\"drawdownThresholdPct\":10.0,\"recoveryThresholdPct\":5.0}").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> deserializer.deserialize("signals.rebound", v1))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("signals.rebound")
                .hasMessageContaining("ReboundSignal v1 has no subject, interval or confirming window");
    }

    private static <V> V roundTrip(Topic<String, V> topic, V value) {
        byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
        return topic.valueSerde().deserializer().deserialize(topic.name(), bytes);
    }
}
