package dev.rigwatch.alerts.webhook;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A webhook receiver with one endpoint per path: each answers from its script of responses, then with its
 * fallback (200 unless set), and remembers what arrived, in order, with when.
 */
final class WebhookReceiver extends Dispatcher {

    /** How an endpoint answers one POST; it may wait, e.g. for another POST to arrive. */
    interface Reply {
        MockResponse get();
    }

    /** One POST as it arrived. */
    record Received(String path, String alertId, int attempt, long arrivedNanos, RecordedRequest request) {
        String body() {
            return request.getBody().utf8();
        }
    }

    private final Map<String, Deque<Reply>> scripts = new HashMap<>();
    private final Map<String, Reply> fallbacks = new HashMap<>();
    private final List<Received> arrivals = new ArrayList<>();

    static MockResponse status(int code) {
        return new MockResponse.Builder().code(code).build();
    }

    static MockResponse status(int code, String body) {
        return new MockResponse.Builder().code(code).body(body).build();
    }

    /** The next responses of {@code path}, in order. */
    synchronized void script(String path, Reply... responses) {
        scripts.computeIfAbsent(path, p -> new ArrayDeque<>()).addAll(List.of(responses));
    }

    /** What {@code path} answers once its script is used up. */
    synchronized void fallback(String path, Reply response) {
        fallbacks.put(path, response);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        Reply response;
        synchronized (this) {
            String attempt = request.getHeaders().get(WebhookClient.ATTEMPT_HEADER);
            arrivals.add(new Received(path, request.getHeaders().get(WebhookClient.ALERT_ID_HEADER),
                    attempt == null ? 0 : Integer.parseInt(attempt), System.nanoTime(), request));
            notifyAll();
            Deque<Reply> script = scripts.get(path);
            response = script != null && !script.isEmpty() ? script.poll()
                    : fallbacks.getOrDefault(path, () -> status(200));
        }
        return response.get(); // outside the lock: a response may wait for another request to arrive
    }

    /** Everything that arrived so far, in arrival order. */
    synchronized List<Received> arrivals() {
        return List.copyOf(arrivals);
    }

    synchronized List<Received> arrivals(String path) {
        return arrivals.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Waits until {@code path} has received {@code count} POSTs, failing the test after {@code timeout}. */
    synchronized List<Received> await(String path, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (arrivals(path).size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("waited " + timeout + " for " + count + " POSTs to " + path + " but got "
                        + arrivals(path).size() + "; all arrivals: " + arrivals);
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return arrivals(path);
    }
}
