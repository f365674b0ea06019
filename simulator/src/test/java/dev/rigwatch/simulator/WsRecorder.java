package dev.rigwatch.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rigwatch.events.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * A WebSocket client for the simulated feeds in tests (OkHttp's, as ingest uses): it records every text frame,
 * and whether the connection failed or was closed, and waits for them while moving simulated time on.
 */
final class WsRecorder extends WebSocketListener implements AutoCloseable {

    /** How long a test waits for what it expects before it fails. */
    static final Duration PATIENCE = Duration.ofSeconds(5);
    /** How far simulated time moves between two looks at the frames, a tick apart: 1/6 of a real second at 60x. */
    private static final Duration STEP = Duration.ofSeconds(10);

    private static final OkHttpClient HTTP = new OkHttpClient.Builder().readTimeout(Duration.ZERO).build();

    private final List<String> frames = new CopyOnWriteArrayList<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Runnable advance;
    private volatile Throwable failure;
    private volatile boolean closing;
    private final WebSocket socket;

    /** @param advance moves simulated time on by a step (a few seconds) */
    WsRecorder(String url, Runnable advance) {
        this.advance = advance;
        this.socket = HTTP.newWebSocket(new Request.Builder().url(url).build(), this);
    }

    static Runnable stepping(SimulatorTestBase test) {
        return () -> test.advance(STEP);
    }

    void send(String text) {
        socket.send(text);
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
        frames.add(text);
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
        closing = true;
        ended.countDown();
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, Response response) {
        failure = t;
        ended.countDown();
    }

    List<String> frames() {
        return List.copyOf(frames);
    }

    /** Every frame, as JSON. */
    List<JsonNode> json() {
        List<JsonNode> nodes = new ArrayList<>();
        for (String frame : frames) {
            nodes.add(parse(frame));
        }
        return nodes;
    }

    static JsonNode parse(String frame) {
        try {
            return Json.mapper().readTree(frame);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + frame, e);
        }
    }

    /** Waits, without moving simulated time, until there are at least {@code count} frames. */
    List<String> awaitFrames(int count) throws InterruptedException {
        return await(f -> f.size() >= count, false, count + " frames");
    }

    /** Moves simulated time on, step by step, until the frames so far satisfy {@code done}. */
    List<String> advanceUntil(Predicate<List<String>> done, String what) throws InterruptedException {
        return await(done, true, what);
    }

    private List<String> await(Predicate<List<String>> done, boolean advancing, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!done.test(frames())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + PATIENCE.toSeconds() + " s for " + what + ", got "
                        + frames.size() + " frames" + (failure == null ? "" : ", failure " + failure)
                        + ", last: " + (frames.isEmpty() ? "none" : frames.get(frames.size() - 1)));
            }
            if (advancing) {
                advance.run();
            }
            ended.await(SimulatorWsServer.TICK.toMillis() + 20, TimeUnit.MILLISECONDS);
        }
        return frames();
    }

    /** Moves simulated time on until the connection failed (cut, no close frame) or {@link #PATIENCE} passed. */
    boolean advanceUntilFailed() throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (failure == null && !closing && System.nanoTime() < deadline) {
            advance.run();
            ended.await(SimulatorWsServer.TICK.toMillis() + 20, TimeUnit.MILLISECONDS);
        }
        return failure != null;
    }

    /**
     * Moves simulated time on by {@code steps} steps, a tick or two of real time each: long enough for a live feed
     * to send many frames. Only for asserting that nothing comes.
     */
    void advanceQuietly(int steps) throws InterruptedException {
        for (int i = 0; i < steps; i++) {
            advance.run();
            ended.await(SimulatorWsServer.TICK.toMillis() + 20, TimeUnit.MILLISECONDS);
        }
    }

    Throwable failure() {
        return failure;
    }

    boolean closing() {
        return closing;
    }

    @Override
    public void close() {
        socket.cancel();
    }
}
