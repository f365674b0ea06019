package dev.rigwatch.api;

import dev.rigwatch.events.Alert;
import dev.rigwatch.events.Candle;
import dev.rigwatch.events.ConsolidatedPrice;
import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.GpuMarketStats;
import dev.rigwatch.events.ReboundSignal;
import dev.rigwatch.events.SupplyTightness;
import dev.rigwatch.events.TimeSource;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.kafka.EventProducer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Aggregates as the streams and alerts stages write them, for one test's own instrument, model and subscriber. */
final class ApiFixtures {

    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    final String exchange;
    final String symbol;
    final String model;
    final String subscriber;
    private final EventProducer producer;

    ApiFixtures(EventProducer producer, String tag) {
        this.producer = producer;
        this.exchange = "api" + tag;
        this.symbol = "T" + tag.toUpperCase() + "-USD";
        this.model = "RTX 90" + tag;
        this.subscriber = "sub-" + tag;
    }

    String instrument() {
        return CryptoTick.instrumentKey(exchange, symbol);
    }

    void tick(Instant at, String price) {
        CryptoTick tick = new CryptoTick(CryptoTick.VERSION, exchange, symbol, new BigDecimal(price), null, null, null,
                "t" + at.toEpochMilli(), at, at, TimeSource.EXCHANGE);
        producer.send(Topics.CRYPTO_TICKS, tick.key(), tick, at, null);
    }

    void price(Instant at, String median) {
        ConsolidatedPrice p = new ConsolidatedPrice(ConsolidatedPrice.VERSION, symbol, at, new BigDecimal(median),
                new BigDecimal(median), new BigDecimal(median), 0.0, Map.of(exchange, new BigDecimal(median)));
        producer.send(Topics.CRYPTO_PRICES, symbol, p, at, null);
    }

    Candle candle(Instant start, String close) {
        return candle(Topics.CRYPTO_CANDLES_1M, Duration.ofMinutes(1), start, close);
    }

    Candle hourCandle(Instant start, String close) {
        return candle(Topics.CRYPTO_CANDLES_1H, Duration.ofHours(1), start, close);
    }

    private Candle candle(Topic<String, Candle> topic, Duration interval, Instant start, String close) {
        BigDecimal c = new BigDecimal(close);
        Candle candle = new Candle(Candle.VERSION, instrument(), interval, start, start.plus(interval), c, c, c, c, null, 4);
        producer.send(topic, instrument(), candle, candle.windowEnd(), null);
        return candle;
    }

    void gpuHour(Instant end, double median) {
        GpuMarketStats stats = new GpuMarketStats(GpuMarketStats.VERSION, GpuMarketStats.MODEL, model, Duration.ofHours(1),
                end.minus(Duration.ofHours(1)), end, 40, 3, 2, 1, median - 50, median, median + 50, 0.0133, 4.5,
                median / 1000);
        producer.send(Topics.GPU_STATS_1H, stats.key(), stats, end, null);
    }

    void tightness(Instant end, double index) {
        SupplyTightness t = new SupplyTightness(SupplyTightness.VERSION, SupplyTightness.MODEL, model,
                end.minus(Duration.ofHours(1)), end, index, 0.5,
                List.of(new SupplyTightness.Component("active-supply", "lower", 41.0, 55.0, 7.0, 24, 2.0, 1.0)), List.of());
        producer.send(Topics.SIGNALS_TIGHTNESS, t.key(), t, end, null);
    }

    ReboundSignal rebound(Instant at) {
        ReboundSignal signal = new ReboundSignal(ReboundSignal.VERSION, instrument(), ReboundSignal.CRYPTO,
                Duration.ofMinutes(1), new BigDecimal("100"), at.minus(Duration.ofMinutes(40)), new BigDecimal("60"),
                at.minus(Duration.ofMinutes(15)), new BigDecimal("80"), at, at.minusSeconds(60), at, 40.0, 50.0, 2, 0.8,
                new ReboundSignal.Thresholds(30, 25, 2, 90));
        producer.send(Topics.SIGNALS_REBOUND, instrument(), signal, at, null);
        return signal;
    }

    /** A rebound on {@code subject}'s series of {@code interval}, confirmed by the window ending at {@code at}. */
    ReboundSignal rebound(String subject, String subjectType, Duration interval, Instant at, String trough) {
        ReboundSignal signal = new ReboundSignal(ReboundSignal.VERSION, subject, subjectType, interval,
                new BigDecimal("1000"), at.minus(interval.multipliedBy(5)), new BigDecimal(trough),
                at.minus(interval.multipliedBy(3)), new BigDecimal(trough).add(BigDecimal.ONE), at, at.minus(interval), at,
                40.0, 10.0, 2, 0.5, new ReboundSignal.Thresholds(10, 5, 2, 30));
        producer.send(Topics.SIGNALS_REBOUND, subject, signal, at, null);
        return signal;
    }

    Alert alert(String id, Instant at) {
        Alert alert = new Alert(Alert.VERSION, subscriber + "/" + id, "signal:rebound", subscriber, subscriber + "/rebound",
                Alert.Severity.WARNING, instrument(), symbol + " rebounded", at, at.plusSeconds(1), Map.of("price", "80"));
        producer.send(Topics.ALERTS, subscriber, alert, at, null);
        return alert;
    }

    void flush() {
        producer.flush();
    }
}
