package dev.rigwatch.ingest;

import dev.rigwatch.ingest.exchange.InstrumentRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A Coinbase stand-in for MockWebServer: each product's ticker requests are answered from that product's own
 * script, and the arrival of every request is recorded.
 */
final class ScriptedExchange extends Dispatcher {

    private static final Pattern TICKER = Pattern.compile("^/products/([^/]+)/ticker$");

    private final Map<String, IntFunction<MockResponse>> scripts = new ConcurrentHashMap<>();
    private final Map<String, List<Long>> arrivals = new ConcurrentHashMap<>();

    /** Answers the product's requests with {@code responses} in order, then the last one forever. */
    void script(String productId, MockResponse... responses) {
        script(productId, i -> responses[Math.min(i, responses.length - 1)]);
    }

    /** Answers the product's request number {@code i} (from 0) with {@code byRequest.apply(i)}. */
    void script(String productId, IntFunction<MockResponse> byRequest) {
        scripts.put(productId, byRequest);
    }

    /** When each request for the product arrived, in {@link System#nanoTime()}. */
    List<Long> arrivals(String productId) {
        List<Long> times = arrivals.get(productId);
        if (times == null) {
            return List.of();
        }
        synchronized (times) {
            return List.copyOf(times);
        }
    }

    int requests(String productId) {
        return arrivals(productId).size();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        Matcher ticker = TICKER.matcher(request.getUrl().encodedPath());
        IntFunction<MockResponse> script = ticker.matches() ? scripts.get(ticker.group(1)) : null;
        if (script == null) {
            return json(404, "{\"message\":\"NotFound\"}");
        }
        List<Long> times = arrivals.computeIfAbsent(ticker.group(1), id -> new ArrayList<>());
        int index;
        synchronized (times) {
            index = times.size();
            times.add(System.nanoTime());
        }
        return script.apply(index);
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    /** A ticker in Coinbase's format, as the real fixture has it, with the given trade. */
    /** An instrument registry listing the made-up Coinbase products a test scripts, each its own id both ways. */
    static InstrumentRegistry instruments(List<String> products) {
        return InstrumentRegistry.parse("test instruments", Stream.concat(
                Stream.of("exchange,symbol,request_id,response_id"),
                products.stream().map(p -> "coinbase," + p + "," + p + "," + p)).toList());
    }

    static MockResponse ticker(long tradeId, String price, Instant time) {
        return json(200, "{\"ask\":\"" + price + "\",\"bid\":\"" + price + "\",\"volume\":\"11723.45872109\","
                + "\"trade_id\":" + tradeId + ",\"price\":\"" + price + "\",\"size\":\"0.00267262\","
                + "\"time\":\"" + time + "\",\"rfq_volume\":\"84.271033\",\"conversions_volume\":\"0\"}");
    }
}
