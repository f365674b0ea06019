package dev.rigwatch.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rigwatch.events.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.function.Predicate;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/** A real HTTP client of one API instance: status, headers and parsed JSON of each answer. */
final class ApiClient {

    record Answer(int status, String retryAfter, String contentType, String body) {
        JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    final OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(20)).build();
    final String base;

    ApiClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    Answer get(String path) {
        try (Response r = http.newCall(new Request.Builder().url(base + path).build()).execute()) {
            return new Answer(r.code(), r.header("Retry-After"), r.header("Content-Type"), r.body().string());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GETs {@code path} until the answer satisfies {@code done}; fails with the last answer after {@code timeout}. */
    Answer until(String path, Predicate<Answer> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Answer last = get(path);
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("GET " + path + " never satisfied the test within " + timeout + "; last answer "
                        + last.status() + " " + last.body());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            last = get(path);
        }
        return last;
    }
}
