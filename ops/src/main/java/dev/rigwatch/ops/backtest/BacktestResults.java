package dev.rigwatch.ops.backtest;

import dev.rigwatch.events.outcome.PricePoint;
import dev.rigwatch.events.Candle;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.alert.Subscription;
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

    static BacktestReport read(String bootstrapServers, Backtest.Request request, TopicNamespace sandbox) {
        List<BacktestFinding> findings = new ArrayList<>();
        TopicSnapshot.read(bootstrapServers, sandbox, Topics.SIGNALS_REBOUND,
                (record, signal) -> findings.add(BacktestFinding.of(signal)));
        TopicSnapshot.read(bootstrapServers, sandbox, Topics.SIGNALS_CAPITULATION,
                (record, signal) -> findings.add(BacktestFinding.of(signal)));
        TopicSnapshot.read(bootstrapServers, sandbox, Topics.ALERTS,
                (record, alert) -> findings.add(BacktestFinding.of(alert)));
        return new BacktestReport(request.from(), request.to(), parameters(request), series(bootstrapServers, sandbox),
                findings);
    }

    /** Each subject's price over the range: its coarsest closed candles, and GPU models' sold prices. */
    private static Map<String, List<PricePoint>> series(String bootstrapServers, TopicNamespace sandbox) {
        Map<String, Map<Duration, List<PricePoint>>> candles = new HashMap<>();
        for (Topic<String, Candle> topic : List.of(Topics.CRYPTO_CANDLES_1D, Topics.CRYPTO_CANDLES_1H)) {
            TopicSnapshot.read(bootstrapServers, sandbox, topic, (record, candle) ->
                    candles.computeIfAbsent(candle.instrument(), s -> new TreeMap<>(Comparator.reverseOrder()))
                            .computeIfAbsent(candle.interval(), i -> new ArrayList<>())
                            .add(new PricePoint(candle.windowEnd(), candle.close())));
        }
        Map<String, List<PricePoint>> series = new TreeMap<>();
        candles.forEach((subject, byInterval) -> series.put(subject, sorted(byInterval.values().iterator().next())));
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
        parameters.put("range", request.from() + " to " + request.to());
        request.streams().rebound().crypto().forEach((interval, config) ->
                parameters.put("rebound crypto " + Rebound.label(interval), config.toString()));
        ReboundSettings rebound = request.streams().rebound();
        parameters.put("rebound GPU 1h", rebound.gpu().toString());
        parameters.put("rebound GPU 1d", rebound.gpuDaily().toString());
        parameters.put("rebound GPU sold 1mo", rebound.gpuSold().enabled()
                ? rebound.gpuSold().config() + ", min quantity " + rebound.gpuSold().minQuantity() : "off");
        parameters.put("subscriptions", request.subscriptions().stream().map(Subscription::key)
                .collect(Collectors.joining(", ")));
        return parameters;
    }
}
