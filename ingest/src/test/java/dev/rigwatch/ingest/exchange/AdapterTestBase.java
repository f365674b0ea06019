package dev.rigwatch.ingest.exchange;

import dev.rigwatch.testing.TestData;
import dev.rigwatch.ingest.http.SourceHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A MockWebServer per test, the real exchange fixtures, and an {@link SourceHttpClient} whose clock reads {@link #NOW}. */
public abstract class AdapterTestBase {

    protected static final Instant NOW = Instant.parse("2026-11-25T12:00:00.123Z");
    protected static final Duration READ_TIMEOUT = Duration.ofMillis(300);
    protected static final InstrumentRegistry INSTRUMENTS = InstrumentRegistry.load();

    protected final MockWebServer server = new MockWebServer();
    private final OkHttpClient shared = new OkHttpClient();
    protected SourceHttpClient http;

    @BeforeEach
    void startServer() throws IOException {
        server.start();
        http = new SourceHttpClient(shared, Duration.ofSeconds(1), READ_TIMEOUT, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void stopServer() {
        server.close();
        shared.dispatcher().executorService().shutdown();
        shared.connectionPool().evictAll();
    }

    protected String baseUrl() {
        return server.url("/").toString();
    }

    /** The next request the server received. */
    protected RecordedRequest request() throws InterruptedException {
        RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("no request arrived");
        }
        return request;
    }

    /** The full URL of {@code target} on the server, as a failure reports it. */
    protected String url(String target) {
        return server.url(target).toString();
    }

    /** A real response body of the exchanges (see {@link TestData}). */
    public static String fixture(String name) {
        return TestData.fixture(name).strip();
    }

    public static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }
}
