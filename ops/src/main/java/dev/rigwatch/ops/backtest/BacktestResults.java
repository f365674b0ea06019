package dev.rigwatch.ops.backtest;

import dev.rigwatch.events.Candle;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.alert.Subscription;
import dev.rigwatch.events.outcome.PricePoint;
import dev.rigwatch.streams.signal.rebound.Rebound;
import dev.rigwatch.streams.signal.rebound.ReboundSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Reads what the topologies emitted in a sandbox back into a {@link BacktestReport}: the signals and alerts, each
 * subject's price series to chart them on, and the parameters the run used, so a report says what produced it.
 */
final class BacktestResults {

    private BacktestResults() {
    }

    static BacktestRun read(String bootstrapServers, Backtest.Request request, TopicNamespace sandbox) {
        List<BacktestFinding> findings = new ArrayList<>();
        TopicSnapshot.read(bootstrapServers, sandbox, Topics.SIGNALS_REBOUND,
                (record, signal) -> findings.add(BacktestFinding.of(signal)));
        TopicSnapshot.read(bootstrapServers, sandbox, Topics.SIGNALS_CAPITULATION,
                (record, signal) -> findings.add(BacktestFinding.of(signal)));
        TopicSnapshot.read(bootstrapServers, sandbox, Topics.ALERTS,
                (record, alert) -> findings.add(BacktestFinding.of(alert)));
        ClosedCandles candles = candles(bootstrapServers, sandbox, request.minuteCandles());
        return new BacktestRun(new BacktestReport(request.from(), request.to(), parameters(request),
                series(bootstrapServers, sandbox, candles), findings), candles);
    }

    /**
     * The closed candles per interval and record key, in offset order (one key is one partition); of 1m only those
     * built from ticks, the ones the 1m rebound rule read.
     */
    private static ClosedCandles candles(String bootstrapServers, TopicNamespace sandbox, boolean minute) {
        List<Topic<String, Candle>> topics = new ArrayList<>(List.of(Topics.CRYPTO_CANDLES_1D, Topics.CRYPTO_CANDLES_1H));
        if (minute) {
            topics.add(Topics.CRYPTO_CANDLES_1M);
        }
        Map<Duration, Map<String, List<Candle>>> candles = new HashMap<>();
        for (Topic<String, Candle> topic : topics) {
            Topic<String, Candle> named = sandbox.of(topic);
            TopicSnapshot.read(bootstrapServers, sandbox, topic, (record, candle) -> {
                // the 1m rule reads the candle stage's output, not the topic: an exchange's own 1m candles placed
                // there (0 ticks) never reach it
                if (topic == Topics.CRYPTO_CANDLES_1M && candle.ticks() == 0) {
                    return;
                }
                candles.computeIfAbsent(candle.interval(), i -> new TreeMap<>())
                        .computeIfAbsent(named.keySerde().deserializer().deserialize(named.name(),
                                (byte[]) record.key()), k -> new ArrayList<>())
                        .add(candle);
            });
        }
        return new ClosedCandles(candles);
    }

    /** Each subject's price over the range: its coarsest closed candles (1h or 1d), and GPU models' sold prices. */
    private static Map<String, List<PricePoint>> series(String bootstrapServers, TopicNamespace sandbox,
                                                        ClosedCandles candles) {
        Map<String, List<PricePoint>> series = new TreeMap<>();
        for (Duration interval : List.of(Duration.ofHours(1), Duration.ofDays(1))) {
            candles.of(interval).forEach((subject, closes) -> series.put(subject, ClosedCandles.closes(closes)));
        }
        Map<String, List<PricePoint>> sold = new TreeMap<>();
        TopicSnapshot.read(bootstrapServers, sandbox, Topics.GPU_SOLD_PRICES, (record, price) ->
                sold.computeIfAbsent(price.key(), k -> new ArrayList<>())
                        .add(new PricePoint(price.periodEnd(), price.avgPriceUsd())));
        sold.forEach((subject, points) -> series.put(subject, sorted(points)));
        return series;
    }

    private static List<PricePoint> sorted(List<PricePoint> points) {
        return points.stream().sorted(Comparator.comparing(PricePoint::time)).distinct().toList();
    }

    /** The range, the rebound rule's parameters per series and the subscriptions evaluated, by name. */
    static Map<String, String> parameters(Backtest.Request request) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("range", RangeWording.of(request.from(), request.to()));
        request.streams().rebound().crypto().forEach((interval, config) ->
                parameters.put("rebound crypto " + Rebound.label(interval), config.describe(interval)));
        ReboundSettings rebound = request.streams().rebound();
        parameters.put("rebound GPU 1h", rebound.gpu().describe(request.streams().gpuStats().hourlyWindow()));
        parameters.put("rebound GPU 1d", rebound.gpuDaily().describe(Duration.ofDays(1)));
        parameters.put("rebound GPU sold 1mo", rebound.gpuSold().describe());
        parameters.put("subscriptions", request.subscriptions().stream().map(Subscription::key)
                .collect(Collectors.joining(", ")));
        return parameters;
    }
}
