package dev.rigwatch.ingest.listing.ebay;

import dev.rigwatch.testing.TestData;
import dev.rigwatch.testing.MutableClock;
import dev.rigwatch.ingest.http.SourceHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.QueueDispatcher;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A MockWebServer in eBay's place, eBay's real bodies, and an {@link SourceHttpClient} on a {@link MutableClock}. The
 * server moves the clock one second per request it answers, so the k-th response of a test arrives at
 * {@code START + k s}.
 */
abstract class EbayServerTestBase {

    static final Instant START = Instant.parse("2026-11-25T12:00:00Z");
    static final String QUERY = "rtx 3090";
    static final String TOKEN_PATH = "/identity/v1/oauth2/token";
    /** The real token response: valid 7200 s. */
    static final String TOKEN = fixture("ebay-oauth-token.json");
    static final String TOKEN_VALUE = "v^1.1#i^1#p^1#r^0#f^0#I^3#t^H4sIAAAAAAAAAOVYa2wUVRQ";
    static final String NEW_TOKEN_VALUE = "v^1.1#renewed";
    static final String NEW_TOKEN = "{\"access_token\":\"" + NEW_TOKEN_VALUE
            + "\",\"expires_in\":7200,\"token_type\":\"Application Access Token\"}";

    final MockWebServer server = new MockWebServer();
    final MutableClock clock = new MutableClock(START);
    private final OkHttpClient shared = new OkHttpClient();
    SourceHttpClient http;

    @BeforeEach
    void startServer() throws IOException {
        server.setDispatcher(new QueueDispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                clock.advance(Duration.ofSeconds(1));
                return super.dispatch(request);
            }
        });
        server.start();
        http = new SourceHttpClient(shared, Duration.ofSeconds(1), Duration.ofMillis(500), clock);
    }

    @AfterEach
    void stopServer() {
        server.close();
        shared.dispatcher().executorService().shutdown();
        shared.connectionPool().evictAll();
    }

    EbaySettings settings(int pageSize, int maxPages) {
        return new EbaySettings(server.url("/"), "rigwatch-app-id", "s3cret-cert-id", List.of(QUERY), pageSize,
                maxPages, "EBAY_US");
    }

    RecordedRequest request() throws InterruptedException {
        RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("no request arrived");
        }
        return request;
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    /** A real body of the marketplaces (see {@link TestData}). */
    static String fixture(String name) {
        return TestData.fixture(name).strip();
    }
}
