package dev.rigwatch.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigwatch.ingest.RejectReason;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link SourceHttpClient}'s maximum body size: every body a source reads is bounded, so one that streams without
 * end, or declares a gigabyte, costs a few MB at most and fails fast, typed, as body-too-large, without being read.
 */
class BodyLimitTest {

    private static final long ONE_GB = 1L << 30;
    private static final int CHUNK = 8192;

    private final MockWebServer server = new MockWebServer();
    private final OkHttpClient shared = new OkHttpClient();
    /** What the endless body's server side managed to write before the client hung up. */
    private final AtomicLong written = new AtomicLong();

    @BeforeEach
    void start() throws IOException {
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
        shared.dispatcher().executorService().shutdown();
        shared.connectionPool().evictAll();
    }

    @Test
    @Timeout(20)
    void anEndlessChunkedBodyIsCutOffAfterTheMaximumNotReadWhole() {
        server.enqueue(new MockResponse.Builder().setHeader("Transfer-Encoding", "chunked")
                .body(endlessChunks()).build());
        SourceHttpClient http = client(SourceHttpClient.DEFAULT_MAX_BODY_BYTES);
        long started = System.nanoTime();

        SourceHttpClient.RequestFailed failed = requestFails(http);

        assertThat(failed.failure().reason()).isEqualTo(RejectReason.BODY_TOO_LARGE);
        assertThat(failed.failure().reason().code()).isEqualTo("body-too-large");
        assertThat(failed.failure().httpStatus()).isEqualTo(200);
        assertThat(failed.failure().detail())
                .isEqualTo("the body is longer than the maximum of 8388608 bytes; the rest was not read");
        assertThat(failed.failure().body()).as("nothing of it is kept").isNull();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        // the client read the maximum and a byte; the rest is what socket buffers took before the hang-up
        assertThat(written.get()).isLessThan(64L << 20);
    }

    @Test
    @Timeout(20)
    void aDeclaredLengthAboveTheMaximumFailsBeforeReadingAnything() {
        server.enqueue(new MockResponse.Builder().body(new MockResponseBody() {
            @Override
            public long getContentLength() {
                return ONE_GB;
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                writeUntilHungUp(sink, false);
            }
        }).build());

        SourceHttpClient.RequestFailed failed = requestFails(client(SourceHttpClient.DEFAULT_MAX_BODY_BYTES));

        assertThat(failed.failure().reason()).isEqualTo(RejectReason.BODY_TOO_LARGE);
        assertThat(failed.failure().httpStatus()).isEqualTo(200);
        assertThat(failed.failure().detail())
                .isEqualTo("Content-Length 1073741824 is above the maximum body size of 8388608 bytes");
        assertThat(failed.failure().body()).isNull();
    }

    @Test
    void aBodyOfExactlyTheMaximumIsReadAndOneByteMoreIsNot() throws Exception {
        SourceHttpClient http = client(1024);
        server.enqueue(new MockResponse.Builder().chunkedBody("x".repeat(1024), 100).build());
        Integer read = http.get(server.url("/"), (body, received) -> body.length(), SourceHttpClient.STATUS_ONLY);
        assertThat(read).isEqualTo(1024);

        server.enqueue(new MockResponse.Builder().chunkedBody("x".repeat(1025), 100).build());
        assertThat(requestFails(http).failure().reason()).isEqualTo(RejectReason.BODY_TOO_LARGE);

        server.enqueue(new MockResponse.Builder().code(503).body("x".repeat(1025)).build());
        assertThat(requestFails(http).failure().reason()).as("an error's body is bounded too")
                .isEqualTo(RejectReason.BODY_TOO_LARGE);
    }

    @Test
    void theMaximumMustBePositiveAndFiniteAndIs8MiBByDefault() {
        assertThatThrownBy(() -> client(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client(Long.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new SourceHttpClient(shared, Duration.ofSeconds(1), Duration.ofSeconds(1), Clock.systemUTC())
                .maxBodyBytes()).isEqualTo(SourceHttpClient.DEFAULT_MAX_BODY_BYTES).isEqualTo(8L << 20);
    }

    private SourceHttpClient client(long maxBodyBytes) {
        return new SourceHttpClient(shared, Duration.ofSeconds(1), Duration.ofSeconds(2),
                Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), java.time.ZoneOffset.UTC), maxBodyBytes);
    }

    private SourceHttpClient.RequestFailed requestFails(SourceHttpClient http) {
        try {
            Object read = http.get(server.url("/ticker"), (body, received) -> body.length(), SourceHttpClient.STATUS_ONLY);
            throw new AssertionError("the body was read: " + read + " characters");
        } catch (SourceHttpClient.RequestFailed e) {
            return e;
        }
    }

    /** Chunks of {@value #CHUNK} bytes, framed by hand, until the client hangs up (or 1 GB: then the test fails). */
    private MockResponseBody endlessChunks() {
        return new MockResponseBody() {
            @Override
            public long getContentLength() {
                return -1;
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                writeUntilHungUp(sink, true);
            }
        };
    }

    private void writeUntilHungUp(BufferedSink sink, boolean chunked) throws IOException {
        byte[] data = new byte[CHUNK];
        java.util.Arrays.fill(data, (byte) 'x');
        while (written.get() < ONE_GB) {
            if (chunked) {
                sink.writeUtf8(Integer.toHexString(CHUNK)).writeUtf8("\r\n");
            }
            sink.write(data);
            if (chunked) {
                sink.writeUtf8("\r\n");
            }
            sink.flush();
            written.addAndGet(CHUNK);
        }
    }
}
