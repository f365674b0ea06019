package dev.rigwatch.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.ingest.FetchResult;
import dev.rigwatch.ingest.RejectReason;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link SourceHttpClient}'s maximum body size: a body far above it fails fast, typed, without being read. */
class BodyLimitTest {

    private static final long LIMIT = 64 * 1024;
    private static final int HUGE = 10 * 1024 * 1024;
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private final MockWebServer server = new MockWebServer();
    private final OkHttpClient shared = new OkHttpClient();
    private SourceHttpClient http;

    @BeforeEach
    void start() throws IOException {
        server.start();
        http = new SourceHttpClient(shared, Duration.ofSeconds(2), Duration.ofSeconds(2),
                Clock.fixed(NOW, ZoneOffset.UTC), LIMIT);
    }

    @AfterEach
    void stop() {
        server.close();
        shared.dispatcher().executorService().shutdown();
        shared.connectionPool().evictAll();
    }

    @Test
    void aBodyFarAboveTheLimitFailsFastAsBodyTooLarge() {
        server.enqueue(new MockResponse.Builder().code(200).body(new Buffer().write(new byte[HUGE])).build());

        long started = System.nanoTime();
        FetchResult result = http.ticker(server.url("/ticker"), (body, received) -> {
            throw new AssertionError("the reader must not see a body above the limit");
        }, SourceHttpClient.STATUS_ONLY);

        assertThat(result).isInstanceOfSatisfying(FetchResult.Failure.class, failure -> {
            assertThat(failure.reason()).isEqualTo(RejectReason.BODY_TOO_LARGE);
            assertThat(failure.reason().code()).isEqualTo("body-too-large");
            assertThat(failure.httpStatus()).isEqualTo(200);
            assertThat(failure.detail()).contains(String.valueOf(LIMIT));
            assertThat(failure.body()).isNull();
        });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aChunkedBodyAboveTheLimitIsCutOffOnceTheLimitHasArrived() {
        // chunked: no Content-Length to refuse up front, so the limit applies while reading
        server.enqueue(new MockResponse.Builder().code(200).chunkedBody(new Buffer().write(new byte[HUGE]), 8192)
                .build());

        FetchResult result = http.ticker(server.url("/ticker"), (body, received) -> {
            throw new AssertionError("the reader must not see a body above the limit");
        }, SourceHttpClient.STATUS_ONLY);

        assertThat(result).isInstanceOfSatisfying(FetchResult.Failure.class, failure -> {
            assertThat(failure.reason()).isEqualTo(RejectReason.BODY_TOO_LARGE);
            assertThat(failure.detail()).contains("the rest was not read");
        });
    }

    @Test
    void aBodyOfExactlyTheLimitIsRead() throws SourceHttpClient.RequestFailed {
        String body = "x".repeat((int) LIMIT);
        server.enqueue(new MockResponse.Builder().code(200).body(body).build());

        String read = http.get(server.url("/ticker"), (text, received) -> text, SourceHttpClient.STATUS_ONLY);

        assertThat(read).isEqualTo(body);
    }
}
